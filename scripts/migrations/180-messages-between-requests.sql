-- Messages and signals between the requests of a town (issue 17, point 1), as Zeebe correlates them.
--
-- message_subscriptions: a request waiting at a message catch (intermediate event, boundary event,
-- receive task, event sub-process start) for a message name and, usually, a correlation key. The
-- workflow opens one when the engine asks it to wait and closes it when the wait ends. Keyed by
-- workflow: a call activity's child workflow waits under its own id, and messages go to it.
create table message_subscriptions (
  workflow_id text not null,
  subscription_id text not null,
  request_id uuid not null references requests(id) on delete cascade,
  municipality_id text not null references municipalities(id),
  element_id text not null,
  message_name text not null,
  -- '' when the catch names no key: a message without a key reaches it
  correlation_key text not null default '',
  opened_at timestamptz not null default now(),
  primary key (workflow_id, subscription_id)
);
create index message_subscriptions_waiting on message_subscriptions (municipality_id, message_name, correlation_key);
select parvis_seal('message_subscriptions');

-- published_messages: every message published in a town, whoever published it (a request's throw
-- event, the API, the webhook). One no subscription took waits here until it expires, for the
-- next subscription that opens with its name and key; a message with a message_id is published once.
create table published_messages (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  message_name text not null,
  correlation_key text not null default '',
  variables jsonb not null default '{}',
  -- the publisher's id for the message: a second publication with the same id is a duplicate
  message_id text,
  -- who published it: a request's tracking code, an agent, or the webhook
  published_by text not null,
  published_at timestamptz not null default now(),
  -- the end of its time to live: a subscription opened later does not get it
  expires_at timestamptz not null,
  -- when a subscription opening later took it from the buffer, and which request
  consumed_at timestamptz,
  consumed_by uuid references requests(id) on delete set null,
  -- the subscription (<workflow id>/<subscription id>) that took it, so a retried opening gets it again
  consumed_subscription text,
  unique (municipality_id, message_id)
);
create index published_messages_buffered on published_messages (municipality_id, message_name, correlation_key, published_at)
  where consumed_at is null;
select parvis_seal('published_messages');

-- The requests a message reached at once, so a retried publication delivers to each once.
create table message_correlations (
  message_id uuid not null references published_messages(id) on delete cascade,
  request_id uuid not null references requests(id) on delete cascade,
  municipality_id text not null references municipalities(id),
  correlated_at timestamptz not null default now(),
  primary key (message_id, request_id)
);
select parvis_seal('message_correlations');

-- The shared secret a town's systems sign their calls to POST /webhooks/messages with
-- (HMAC-SHA256): one per town, set by its administrators.
create table message_webhook_secrets (
  municipality_id text primary key references municipalities(id),
  secret text not null check (length(secret) >= 32),
  updated_at timestamptz not null default now(),
  updated_by text not null
);
select parvis_seal('message_webhook_secrets');

-- Requests a message start event or a signal start event started: channel `message` / `signal`,
-- once per (message, start event), like the scheduled ones (schedule_key).
alter table requests drop constraint requests_channel;
alter table requests add constraint requests_channel check (channel = any (array[
  'web', 'counter', 'phone', 'post', 'fax', 'email', 'sms', 'open311', 'schedule', 'message', 'signal']));

-- The requests a signal broadcast reached, so a retried broadcast hands each its signal once.
create table signal_deliveries (
  broadcast_id uuid not null,
  request_id uuid not null references requests(id) on delete cascade,
  municipality_id text not null references municipalities(id),
  delivered_at timestamptz not null default now(),
  primary key (broadcast_id, request_id)
);
select parvis_seal('signal_deliveries');
