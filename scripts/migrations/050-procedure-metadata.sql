-- The designer: what analysts say about a procedure besides its model — descriptions in French and
-- English, who it is for, the department that handles it — and versions that cannot change once
-- deployed (a running request stays on its version for ever).

alter table procedures
  add column description_fr text not null default '',
  add column description_en text not null default '',
  add column audience text[] not null default '{}',
  add column department text,
  add column updated_at timestamptz not null default now();

-- A deployed version is a fact: nobody updates it, not even the API.
create function parvis_procedure_version_immutable() returns trigger
  language plpgsql
  as $$
begin
  raise exception 'procedure version %/% is immutable: deploy a new version instead',
    old.procedure_key, old.version;
end $$;

create trigger procedure_versions_immutable before update on procedure_versions
  for each row execute function parvis_procedure_version_immutable();
