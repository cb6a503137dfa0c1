-- Reply and letter templates that managers write and agents use: canned replies in messages,
-- closing replies (a send task names one), letters to print. Per town, and optionally for one
-- procedure; the wording lives here, so changing it needs no new version of the BPMN.

create table reply_templates (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  -- 'reply': a message or mail; 'letter': a letter printed on the town's letterhead.
  kind text not null check (kind in ('reply', 'letter')),
  name text not null check (length(trim(name)) between 1 and 120),
  -- Null: for every procedure of the town.
  procedure_key text,
  subject_fr text not null default '',
  body_fr text not null check (length(trim(body_fr)) > 0),
  subject_en text not null default '',
  body_en text not null default '',
  updated_by uuid references agents(id),
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  foreign key (municipality_id, procedure_key) references procedures(municipality_id, key)
);
-- A send task names its template: one name per town and procedure.
create unique index reply_templates_name on reply_templates (municipality_id, coalesce(procedure_key, ''), lower(name));

select parvis_seal('reply_templates');
