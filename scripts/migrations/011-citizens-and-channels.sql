-- Citizens a municipality knows: found by name, e-mail or phone when an agent registers a request
-- received at the counter, by phone, by post, by fax or by e-mail on their behalf. A request
-- records its channel, the citizen it is for and the agent who registered it.

create table citizens (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  first_name text,
  last_name text,
  email text,
  phone text,
  -- digits only, national form (+33 6… and 06… match)
  phone_digits text generated always as (
    regexp_replace(regexp_replace(coalesce(phone, ''), '\D', '', 'g'), '^33', '0')
  ) stored,
  addresses jsonb not null default '[]',
  notification_preferences jsonb not null default '{"email": true, "sms": false}',
  created_by uuid references agents(id),
  created_at timestamptz not null default now()
);
create unique index citizens_email on citizens (municipality_id, lower(email)) where email is not null;
create index citizens_phone on citizens (municipality_id, phone_digits);
create index citizens_name on citizens (municipality_id, lower(last_name), lower(first_name));
select parvis_seal('citizens');

alter table requests
  add column citizen_id uuid references citizens(id),
  add column registered_by uuid references agents(id),
  add constraint requests_channel check (channel in ('web', 'counter', 'phone', 'post', 'fax', 'email', 'sms', 'open311'));
create index requests_citizen on requests (citizen_id) where citizen_id is not null;
