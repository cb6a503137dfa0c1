-- Open311 applications (issue 20, point 1): each app that files reports through a town's GeoReport
-- v2 API gets an api_key of its own from the town's administrator, so one app can be cut off
-- without the others. Only the key's SHA-256 is kept (the key is random, 256 bits: no slow hash
-- needed); the administrator sees the key once, when it is issued, then its first characters.
create table open311_applications (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  name text not null,
  key_sha256 text not null unique,
  key_start text not null,
  created_at timestamptz not null default now(),
  created_by uuid references agents(id),
  last_used_at timestamptz,
  revoked_at timestamptz,
  unique (municipality_id, name)
);
select parvis_seal('open311_applications');
