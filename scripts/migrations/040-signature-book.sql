-- The signature book (parapheur): agents' public signing keys (the private keys never leave their
-- browsers), single-use nonces for decisions to sign, delegations of signature, and an append-only
-- audit trail of keys and delegations. Signatures themselves live in the request's hash-chained
-- timeline (`signed` events), written by the workflow.

create table signing_keys (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  agent_id uuid not null references agents(id),
  -- hex SHA-256 of the DER SubjectPublicKeyInfo: how a signature names its key
  fingerprint text not null unique,
  algorithm text not null default 'ECDSA-P256-SHA256',
  -- base64 of the DER SubjectPublicKeyInfo, and the same key as a JWK
  public_key_spki text not null,
  public_key_jwk jsonb not null,
  label text,
  enrolled_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references agents(id),
  revocation_reason text
);
-- At most one active key per agent: enrolling a new one revokes the one before.
create unique index signing_keys_one_active on signing_keys (agent_id) where revoked_at is null;

create table signature_nonces (
  nonce text primary key,
  municipality_id text not null references municipalities(id),
  agent_id uuid not null references agents(id),
  task_id uuid not null references tasks(id),
  -- the fields the server fixed when it prepared the signature (canonical JSON)
  prepared text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

create table signature_delegations (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  delegator_id uuid not null references agents(id),
  delegate_id uuid not null references agents(id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  check (delegator_id <> delegate_id),
  check (ends_at > starts_at)
);
create index signature_delegations_delegate on signature_delegations (municipality_id, delegate_id);

-- Append-only: the API may add to it and read it, never change it.
create table signature_audit (
  id bigint generated always as identity primary key,
  municipality_id text not null references municipalities(id),
  at timestamptz not null default now(),
  actor_id uuid not null references agents(id),
  action text not null,
  details jsonb not null
);

select parvis_seal('signing_keys');
select parvis_seal('signature_nonces');
select parvis_seal('signature_delegations');
select parvis_seal('signature_audit');
revoke update, delete on signature_audit from parvis_api;
