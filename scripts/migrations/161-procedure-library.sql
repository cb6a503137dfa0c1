-- The procedure library: each version of every procedure shipped in processes/, recorded when
-- Parvis starts (a new library version only when a file changed). Shared by every town, so not
-- sealed: the API only reads it. A town installs a library version as a version of its own
-- procedure (the designer's publish path), then adapts it; library_installations remembers which
-- library version each of the town's versions came from, so a newer one can be offered.

create table library_procedures (
  key text not null,
  version integer not null check (version > 0),
  -- sha-256 of what it ships (model, forms, texts, titles, audience): unchanged files, same version
  content_hash text not null,
  title_fr text not null,
  title_en text not null,
  audience text[] not null default '{}',
  bpmn text not null,
  forms jsonb not null,
  texts jsonb not null,
  -- the groups its user tasks go to, as the model names them: the town needs groups with these keys
  groups text[] not null default '{}',
  shipped_at timestamptz not null default now(),
  primary key (key, version)
);
grant select on library_procedures to parvis_api;

create table library_installations (
  municipality_id text not null references municipalities(id),
  procedure_key text not null,
  library_version integer not null,
  -- the town's version the library version became (procedure_versions.version)
  town_version integer not null,
  installed_at timestamptz not null default now(),
  installed_by text not null,
  primary key (municipality_id, procedure_key, library_version),
  foreign key (procedure_key, library_version) references library_procedures (key, version)
);

select parvis_seal('library_installations');
