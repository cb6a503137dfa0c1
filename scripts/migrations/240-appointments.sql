-- Appointments (issue 22, point 2): a town's resources (a counter, a room, an agent) open on some
-- weekdays at some hours; a kind of appointment (identity card, wedding…) lasts so many minutes and
-- is served by some resources; a slot of a resource takes as many people as its capacity (seats).
-- A slot is never given twice: each booking holds one seat, and no two bookings that are not
-- cancelled hold the same seat of a resource at overlapping times (an exclusion constraint, so that
-- kinds of different lengths on one counter cannot overlap either). btree_gist is a trusted
-- extension (PostgreSQL 13+): the database's owner may create it.
create extension if not exists btree_gist;

create table appointment_resources (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  name text not null,
  kind text not null check (kind in ('COUNTER', 'ROOM', 'AGENT')),
  -- an agent as resource: their presence planning narrows the opening hours when it exists
  agent_id uuid references agents(id),
  capacity smallint not null default 1 check (capacity between 1 and 50),
  -- where to come, as the confirmation and the .ics write it
  location text,
  created_at timestamptz not null default now(),
  unique (municipality_id, name)
);
select parvis_seal('appointment_resources');

-- Weekly opening hours of a resource, local time of the town (the town's closures and holidays close it).
create table appointment_openings (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  resource_id uuid not null references appointment_resources(id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  opens time not null,
  closes time not null check (closes > opens)
);
create index appointment_openings_resource on appointment_openings (resource_id);
select parvis_seal('appointment_openings');

create table appointment_kinds (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  -- what a procedure names (e.g. identity-card)
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name_fr text not null,
  name_en text not null,
  minutes smallint not null check (minutes between 5 and 480),
  unique (municipality_id, key)
);
select parvis_seal('appointment_kinds');

create table appointment_kind_resources (
  municipality_id text not null references municipalities(id),
  kind_id uuid not null references appointment_kinds(id) on delete cascade,
  resource_id uuid not null references appointment_resources(id) on delete cascade,
  primary key (kind_id, resource_id)
);
select parvis_seal('appointment_kind_resources');

create table appointments (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  kind_id uuid not null references appointment_kinds(id),
  resource_id uuid not null references appointment_resources(id),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  seat smallint not null check (seat >= 1),
  status text not null default 'BOOKED' check (status in ('BOOKED', 'CANCELLED', 'NO_SHOW')),
  -- who comes: only what the town hall needs to receive and reach them
  person_name text not null,
  email text,
  phone text,
  channel text not null check (channel in ('COUNTER', 'PHONE', 'ONLINE')),
  request_id uuid,
  booked_by uuid references agents(id),
  -- raised at each move or cancellation: the .ics sent then replaces the previous one
  sequence integer not null default 0,
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  no_show_at timestamptz,
  constraint appointments_one_per_seat exclude using gist (
    resource_id with =, seat with =, tstzrange(starts_at, ends_at) with &&
  ) where (status <> 'CANCELLED')
);
create index appointments_day on appointments (municipality_id, starts_at);
select parvis_seal('appointments');

-- Every booking, move, cancellation and no-show asked for, granted or refused (and why).
create table appointment_attempts (
  id bigint generated always as identity primary key,
  municipality_id text not null references municipalities(id),
  action text not null check (action in ('BOOK', 'MOVE', 'CANCEL', 'NO_SHOW')),
  appointment_id uuid,
  resource_id uuid,
  starts_at timestamptz,
  -- GRANTED, or the error code the caller got (SLOT_TAKEN, DAY_CLOSED, APPOINTMENT_PAST…)
  outcome text not null,
  agent_id uuid references agents(id),
  at timestamptz not null default now()
);
create index appointment_attempts_town on appointment_attempts (municipality_id, at);
select parvis_seal('appointment_attempts');
grant usage on all sequences in schema public to parvis_api;
