-- Requests that arrive by themselves: e-mails to a municipality's address (SMTP intake) and text
-- messages (SMS webhook). A municipality receives mail at its contact address, or at a dedicated
-- intake address its own mail server forwards to Parvis. Each message received is recorded once
-- (its Message-ID or the gateway's id), with who sent it and whether that sender was verified.

alter table municipalities add column intake_email text;
create unique index municipalities_intake_email on municipalities (lower(intake_email)) where intake_email is not null;

create table inbound_messages (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  channel text not null check (channel in ('email', 'sms')),
  -- Message-ID of an e-mail, the gateway's id of a text message: a copy sent again files nothing.
  message_id text not null,
  -- The e-mail address or phone number it came from, as the message claims it.
  sender text not null,
  sender_verified boolean not null,
  -- Why the sender is (not) trusted, in words for the agent.
  sender_check text not null,
  received_at timestamptz not null default now(),
  unique (municipality_id, channel, message_id)
);
create index inbound_messages_by_request on inbound_messages (request_id);

select parvis_seal('inbound_messages');

-- The municipality an e-mail address belongs to (contact or intake address), before any is known.
create function parvis_intake_municipality(address text) returns text
  language sql stable security definer set search_path = public
  as $$
    select m.id from municipalities m
    where lower(m.intake_email) = lower(trim(address)) or lower(m.contact_email) = lower(trim(address))
    order by (lower(m.intake_email) = lower(trim(address))) desc nulls last, m.id
    limit 1
  $$;

revoke all on function parvis_intake_municipality(text) from public;
grant execute on function parvis_intake_municipality(text) to parvis_api;
