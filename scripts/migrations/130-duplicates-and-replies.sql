-- Duplicates (issue 14, point 7) and the town hall's replies shown on the tracking page (point 9).

-- A request merged into another that is about the same thing: the duplicate closes, its reporter
-- follows the main one. Each request is merged once; a main one is never itself merged away.
create table request_merges (
  duplicate_id uuid primary key references requests(id),
  main_id uuid not null references requests(id),
  municipality_id text not null references municipalities(id),
  merged_by uuid not null references agents(id),
  merged_at timestamptz not null default now(),
  check (duplicate_id <> main_id)
);
create index request_merges_main on request_merges (main_id);
select parvis_seal('request_merges');

-- Who is told when a request is solved besides its own citizen: a citizen who chose to follow it
-- rather than file the same report again, or the reporter of a duplicate merged into it. An e-mail
-- address is personal data: the row goes with the citizen's account, and is kept no longer than
-- the request needs it.
create table request_followers (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  email text not null check (email = lower(trim(email)) and email <> ''),
  reason text not null check (reason in ('follow', 'merged')),
  -- the duplicate whose reporter this is ('merged')
  from_request_id uuid references requests(id),
  created_at timestamptz not null default now(),
  unique (request_id, email)
);
select parvis_seal('request_followers');

-- What the procedure's send tasks wrote to the request's citizen (the closing reply, a refusal):
-- shown on the tracking page beside the history. Written by the workers, read by the API; the text
-- is personal data and goes with the citizen's account, unlike the hash-chained timeline.
create table request_replies (
  request_id uuid not null references requests(id),
  -- the send task's job: a retried job writes its reply once
  job_id text not null,
  municipality_id text not null references municipalities(id),
  subject text not null,
  body text not null,
  sent_at timestamptz not null default now(),
  primary key (request_id, job_id)
);
select parvis_seal('request_replies');
