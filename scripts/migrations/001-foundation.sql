-- Foundation: municipalities, agents, procedures and their versions, requests and what the
-- request workflow projects (tasks, timeline, notifications). Every row of a municipality
-- carries its id.

create table municipalities (
  id text primary key,
  name text not null,
  contact_email text not null,
  time_zone text not null default 'Europe/Paris',
  alsace_moselle boolean not null default false,
  created_at timestamptz not null default now()
);

create table agents (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  email text not null,
  display_name text not null,
  password_hash text not null,
  roles text[] not null default '{agent}',
  groups text[] not null default '{}',
  created_at timestamptz not null default now(),
  unique (municipality_id, email)
);

create table agent_sessions (
  token_hash text primary key,
  agent_id uuid not null references agents(id) on delete cascade,
  expires_at timestamptz not null
);

create table procedures (
  municipality_id text not null references municipalities(id),
  key text not null,
  title_fr text not null,
  title_en text not null,
  published boolean not null default true,
  primary key (municipality_id, key)
);

-- Immutable: a running request stays on the version it was submitted under.
create table procedure_versions (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null,
  procedure_key text not null,
  version integer not null,
  hash text not null,
  bpmn text not null,
  ir jsonb not null,
  forms jsonb not null,
  deployed_at timestamptz not null default now(),
  deployed_by text not null,
  unique (municipality_id, procedure_key, version),
  foreign key (municipality_id, procedure_key) references procedures(municipality_id, key)
);

create table requests (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  tracking_code text not null unique,
  procedure_version_id uuid not null references procedure_versions(id),
  channel text not null default 'web',
  status text not null default 'submitted',
  data jsonb not null,
  citizen_email text,
  workflow_id text not null unique,
  submitted_at timestamptz not null default now(),
  closed_at timestamptz
);
create index requests_municipality_status on requests (municipality_id, status, submitted_at desc);

-- One row per projected workflow step: the idempotency key of every projection.
create table request_steps (
  request_id uuid not null references requests(id),
  seq integer not null,
  projected_at timestamptz not null default now(),
  primary key (request_id, seq)
);

create table tasks (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null references requests(id),
  task_key text not null,
  element_id text not null,
  name text,
  candidate_groups text[] not null default '{}',
  candidate_users text[] not null default '{}',
  assignee text,
  form_id text,
  status text not null default 'open',
  due_at timestamptz,
  opened_at timestamptz not null,
  closed_at timestamptz,
  completed_by text,
  unique (request_id, task_key)
);
create index tasks_inbox on tasks (municipality_id, status, opened_at) where status = 'open';

-- Hash-chained: each event holds the hash of the one before and of its own content.
create table timeline_events (
  request_id uuid not null references requests(id),
  position integer not null,
  municipality_id text not null,
  seq integer not null,
  kind text not null,
  payload jsonb not null,
  occurred_at timestamptz not null,
  prev_hash text not null,
  hash text not null,
  primary key (request_id, position)
);

create table notifications (
  request_id uuid not null references requests(id),
  key text not null,
  channel text not null,
  recipient text not null,
  subject text not null,
  status text not null default 'sending',
  sent_at timestamptz,
  primary key (request_id, key)
);
