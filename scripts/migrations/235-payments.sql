-- Payments as a BPMN step (issue 22, point 1): a service task of type `parvis:payment` asks the
-- citizen to pay an amount online through the town's provider (PayFiP, the Treasury's service);
-- the result — paid, refused, abandoned, expired — reaches the waiting request as a message.
--
-- payment_settings: per town, the provider and its references. For PayFiP: the client number the
-- Treasury gave the town (numcli), the environment (TEST, ACTIVATION, PRODUCTION: PayFiP's `saisie`
-- T, X, W) and, only to point at a stand-in or a new address, the service's URLs.
create table payment_settings (
  municipality_id text primary key references municipalities(id),
  provider text not null default 'payfip' check (provider in ('payfip')),
  client_number text not null check (client_number ~ '^[0-9]{6}$'),
  environment text not null default 'PRODUCTION' check (environment in ('TEST', 'ACTIVATION', 'PRODUCTION')),
  service_url text,
  page_url text,
  updated_at timestamptz not null default now()
);
select parvis_seal('payment_settings');

-- payments: one per request step (request, job): the idempotency key, so a retried job asks
-- the provider once and nothing is charged twice. Amounts in cents. `reference` is the town's
-- reference of the debt (PayFiP's refdet), `operation_id` the provider's (PayFiP's idOp);
-- `notify_token` is the secret the notification address carries (its signature).
create table payments (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id) on delete cascade,
  job_id text not null,
  element_id text not null,
  provider text not null,
  amount_cents integer not null check (amount_cents > 0),
  label text not null,
  reference text not null,
  -- the year the debt belongs to (PayFiP's exer)
  year integer not null,
  operation_id text,
  -- the provider's page where the citizen pays (with the operation id)
  page_url text,
  expires_at timestamptz not null,
  notify_token text not null,
  status text not null default 'PENDING'
    check (status in ('PENDING', 'PAID', 'REFUSED', 'ABANDONED', 'EXPIRED', 'REFUNDED')),
  -- the provider's authorisation number of a paid payment (PayFiP's numauto)
  authorisation text,
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  refunded_at timestamptz,
  refunded_by text,
  refund_reason text,
  unique (request_id, job_id),
  unique (municipality_id, reference)
);
create index payments_by_operation on payments (operation_id);
select parvis_seal('payments');

-- payment_attempts: every notification and return the town's address received, accepted or not,
-- with why (no card data, no personal data: the provider's operation id and the outcome).
create table payment_attempts (
  id bigint generated always as identity primary key,
  municipality_id text not null references municipalities(id),
  payment_id uuid references payments(id) on delete cascade,
  source text not null check (source in ('notification', 'return', 'expiry', 'refund')),
  operation_id text,
  outcome text not null check (outcome in ('ACCEPTED', 'DUPLICATE', 'REFUSED', 'PENDING')),
  reason text,
  received_at timestamptz not null default now()
);
create index payment_attempts_by_payment on payment_attempts (payment_id, received_at);
select parvis_seal('payment_attempts');
