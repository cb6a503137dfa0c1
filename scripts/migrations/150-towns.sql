-- Many towns on one installation (issue 15, points 1 and 2): each town's host names, its holiday
-- region, its branding and legal pages, whether it is disabled; the platform's administrators, who
-- create towns; invitations that let a town's first administrator (and later its agents) in.

-- The holiday calendar of the town's region: mainland France, Alsace-Moselle (art. L3134-13) or
-- one of the overseas departments (each rests on the day slavery was abolished there).
alter table municipalities add column holiday_region text not null default 'metropole'
  constraint municipalities_holiday_region check (holiday_region in
    ('metropole', 'alsace-moselle', 'guadeloupe', 'martinique', 'guyane', 'la-reunion', 'mayotte'));
update municipalities set holiday_region = 'alsace-moselle' where alsace_moselle;

create or replace function parvis_business_calendar(municipality text) returns jsonb
  language sql stable
  as $$
    select jsonb_build_object(
      'timeZone', m.time_zone,
      'alsaceMoselle', m.holiday_region = 'alsace-moselle',
      'holidayRegion', m.holiday_region,
      'closures', coalesce(
        (select jsonb_agg(to_char(c.day, 'YYYY-MM-DD') order by c.day) from municipality_closures c
          where c.municipality_id = m.id and c.day >= current_date - 31),
        '[]'::jsonb))
    from municipalities m where m.id = municipality
  $$;

alter table municipalities drop column alsace_moselle;

-- A disabled town keeps every row; its portal says it is closed and no request is filed there.
alter table municipalities add column disabled_at timestamptz;

-- Branding and legal pages, edited by the town's administrator. Colours are #rrggbb; the API
-- refuses a pair whose contrast is under 4.5:1 (WCAG 2.1 AA) before it gets here.
alter table municipalities
  add column logo_url text,
  add column primary_color text constraint municipalities_primary_color check (primary_color ~ '^#[0-9a-f]{6}$'),
  add column on_primary_color text constraint municipalities_on_primary_color check (on_primary_color ~ '^#[0-9a-f]{6}$'),
  add column contact_phone text,
  add column contact_address text,
  add column legal_notice text,
  add column accessibility_statement text,
  add column privacy_notice text;

-- The host names a town's portal answers on, lower case, without port. One town each: a host
-- claimed by a second town is refused by the primary key. The first (lowest rank) is the one its
-- mails link to.
create table municipality_hosts (
  host text primary key constraint municipality_hosts_host check (
    host ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$' and length(host) <= 253),
  municipality_id text not null references municipalities(id),
  rank integer not null default 0
);
create index municipality_hosts_by_town on municipality_hosts (municipality_id, rank);
select parvis_seal('municipality_hosts');

-- The town a host name belongs to, before any town is known (the portal's first answer).
create function parvis_town_for_host(name text) returns text
  language sql stable security definer set search_path = public
  as $$ select h.municipality_id from municipality_hosts h where h.host = lower(name) $$;
grant execute on function parvis_town_for_host(text) to parvis_api;

-- A disabled town takes no new request, whichever way it comes (portal, counter, mail, Open311).
create function parvis_town_open() returns trigger
  language plpgsql security definer set search_path = public
  as $$
begin
  if exists (select 1 from municipalities m where m.id = new.municipality_id and m.disabled_at is not null) then
    raise exception 'town % is disabled', new.municipality_id using errcode = 'PV001';
  end if;
  return new;
end $$;
create trigger requests_town_open before insert on requests
  for each row execute function parvis_town_open();

-- Platform administrators create and disable towns; they belong to no town and are not agents.
create table platform_administrators (
  id uuid primary key default gen_random_uuid(),
  email text not null unique constraint platform_administrators_email check (email = lower(email)),
  display_name text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);
create table platform_sessions (
  token_hash text primary key,
  administrator_id uuid not null references platform_administrators(id) on delete cascade,
  expires_at timestamptz not null
);
grant select on platform_administrators to parvis_api;
grant select, insert, delete on platform_sessions to parvis_api;

-- Every town, for a platform administrator's session only (its token's hash).
create function parvis_platform_towns(session_hash text)
  returns table (id text, name text, time_zone text, holiday_region text, disabled_at timestamptz,
    created_at timestamptz, hosts text[])
  language sql stable security definer set search_path = public
  as $$
    select m.id, m.name, m.time_zone, m.holiday_region, m.disabled_at, m.created_at,
      coalesce((select array_agg(h.host order by h.rank, h.host) from municipality_hosts h where h.municipality_id = m.id), '{}')
    from municipalities m
    where exists (select 1 from platform_sessions s where s.token_hash = session_hash and s.expires_at > now())
    order by m.id
  $$;
grant execute on function parvis_platform_towns(text) to parvis_api;

-- Invitations: a one-time link that lets someone choose a password and become an agent of a
-- town with the roles and groups it names. Only the token's hash is kept.
create table invitations (
  token_hash text primary key,
  municipality_id text not null references municipalities(id),
  email text not null,
  display_name text not null,
  roles text[] not null,
  groups text[] not null default '{}',
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz
);
create index invitations_by_email on invitations (municipality_id, lower(email));
select parvis_seal('invitations');
