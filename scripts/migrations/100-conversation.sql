-- One conversation per request between the town hall and the citizen (issue 14, point 1).
--
-- Messages are rows of their own, not events of the request's hash-chained timeline, which the
-- workflow writes: a conversation goes on after the workflow has ended (an agent writes on a closed
-- request), must neither wake a workflow nor lengthen its history for every word, and holds
-- personal data that an erasure empties without breaking a chain. What changes the request itself
-- still goes through its workflow and its timeline: an answer the workflow waits for
-- (messageReceived) and a correction of the request's data (dataCorrected, hash-chained, so that
-- signatures made on the data before it are still checked right).
create table conversation_messages (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  -- who wrote: the citizen, or the town hall (an agent, or a mail the procedure sent)
  side text not null check (side in ('citizen', 'townHall')),
  author_agent_id uuid references agents(id),
  -- the agent's name when they wrote; null for the citizen and for a procedure's mail
  author_name text,
  -- message; question (awaits an answer); correction (asks to correct named fields); answer
  kind text not null check (kind in ('message', 'question', 'correction', 'answer')),
  body text not null,
  -- a correction: the form fields asked for, [{ "field": "adresse", "label": "Adresse" }]
  fields jsonb,
  -- an answer: the question or correction it answers (at most one answer each)
  answers uuid references conversation_messages(id),
  -- a correction answered: [{ "field", "label", "before", "after" }]
  changes jsonb,
  -- what wrote it when not a person: `job:<id>` for a procedure's mail, written once
  source text,
  created_at timestamptz not null default now()
);
create index conversation_messages_by_request on conversation_messages (request_id, created_at);
create unique index conversation_messages_one_answer on conversation_messages (answers) where answers is not null;
create unique index conversation_messages_source on conversation_messages (request_id, source) where source is not null;
select parvis_seal('conversation_messages');
-- A new message is a change of its request for the live pages (080-live-changes.sql): ids only.
create trigger conversation_messages_announce after insert on conversation_messages
  referencing new table as changed_rows for each statement execute function parvis_announce_requests('request_id');

-- Files sent with a message: uploads attached to the request, and to the message.
alter table stored_files add column message_id uuid references conversation_messages(id);
create index stored_files_by_message on stored_files (message_id) where message_id is not null;

-- How far each reader has read a request's conversation: `citizen`, or an agent's id.
create table conversation_reads (
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  reader text not null,
  read_until timestamptz not null,
  primary key (request_id, reader)
);
select parvis_seal('conversation_reads');

-- Links mailed to a citizen that open their request's tracking page without typing the e-mail:
-- a random token, kept only as its SHA-256, valid for a number of days the caller gives.
create table tracking_links (
  token_hash text primary key,
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index tracking_links_by_request on tracking_links (request_id);
select parvis_seal('tracking_links');

-- One definition of a link's hash, for the API (sealed to its town) and the workers alike.
create function parvis_tracking_link_hash(token text) returns text
  language sql immutable
  as $$ select encode(sha256(convert_to(token, 'UTF8')), 'hex') $$;

-- Issues a link to a request the caller may see, valid for `days`.
create function parvis_issue_tracking_link(token text, request uuid, days integer) returns void
  language sql
  as $$
    insert into tracking_links (token_hash, municipality_id, request_id, expires_at)
    select parvis_tracking_link_hash(token), r.municipality_id, r.id, now() + make_interval(days => days)
    from requests r where r.id = request
  $$;

-- The request a live link opens, before any municipality is known: its town, code and e-mail.
create function parvis_open_tracking_link(token text)
  returns table (municipality_id text, tracking_code text, email text)
  language sql stable security definer set search_path = public
  as $$
    select r.municipality_id, r.tracking_code, r.citizen_email
    from tracking_links l join requests r on r.id = l.request_id
    where l.token_hash = parvis_tracking_link_hash(token) and l.expires_at > now()
  $$;

revoke all on function parvis_open_tracking_link(text) from public;
grant execute on function parvis_open_tracking_link(text), parvis_tracking_link_hash(text),
  parvis_issue_tracking_link(text, uuid, integer) to parvis_api;

-- Private notes between agents on a request (point 2): never shown to the citizen.
create table request_notes (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  author_agent_id uuid not null references agents(id),
  author_name text not null,
  body text not null,
  created_at timestamptz not null default now()
);
create index request_notes_by_request on request_notes (request_id, created_at);
select parvis_seal('request_notes');

-- Colleagues a note mentions (@name): told by e-mail, marked until they have seen it.
create table note_mentions (
  municipality_id text not null references municipalities(id),
  note_id uuid not null references request_notes(id),
  agent_id uuid not null references agents(id),
  seen_at timestamptz,
  primary key (note_id, agent_id)
);
create index note_mentions_unseen on note_mentions (agent_id) where seen_at is null;
select parvis_seal('note_mentions');
