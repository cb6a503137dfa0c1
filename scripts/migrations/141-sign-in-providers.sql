-- Sign-in through OpenID Connect (graphql/src/oidc/): per town, one provider for its agents (its
-- directory: Keycloak, Azure AD, Active Directory…) and one for its citizens (FranceConnect), and
-- the authorization flows under way; agents' TOTP second factor; identities linked to accounts.

create table sign_in_providers (
  municipality_id text not null references municipalities(id),
  audience text not null check (audience in ('agents', 'citizens')),
  -- the words on the sign-in page's button, e.g. « Annuaire de la mairie »
  label text not null check (length(trim(label)) between 1 and 80),
  issuer text not null check (issuer ~ '^https?://'),
  client_id text not null check (length(client_id) > 0),
  client_secret text not null check (length(client_secret) > 0),
  scopes text not null default 'openid email profile',
  -- FranceConnect: 'eidas1'
  acr_values text,
  -- agents: the claim naming the agent's groups in the directory, and what each of its values gives
  -- in Parvis: {"directory value": ["parvis-group", …]}
  groups_claim text,
  group_mapping jsonb not null default '{}' check (jsonb_typeof(group_mapping) = 'object'),
  updated_at timestamptz not null default now(),
  primary key (municipality_id, audience)
);
select parvis_seal('sign_in_providers');

-- An authorization request sent to a provider, until its callback: the state is spent once.
create table sign_in_flows (
  state_hash text primary key,
  municipality_id text not null references municipalities(id),
  audience text not null check (audience in ('agents', 'citizens')),
  nonce text not null,
  code_verifier text not null,
  -- a signed-in citizen linking FranceConnect to their account
  linking_citizen_id uuid references citizens(id) on delete cascade,
  created_at timestamptz not null default now()
);
select parvis_seal('sign_in_flows');

-- The identity a provider gives (issuer's `sub`), once linked to an account.
alter table agents add column oidc_subject text;
create unique index agents_oidc_subject on agents (municipality_id, oidc_subject) where oidc_subject is not null;
alter table citizens add column franceconnect_subject text;
create unique index citizens_franceconnect_subject on citizens (municipality_id, franceconnect_subject)
  where franceconnect_subject is not null;
-- FranceConnect's logout needs the session's ID token (id_token_hint).
alter table citizen_sessions add column id_token text;

-- TOTP (RFC 6238) second factor of agents with a local password: the secret (base32), when the
-- agent confirmed it with a first code, and the last time step accepted (a code serves once).
alter table agents add column totp_secret text, add column totp_confirmed_at timestamptz,
  add column totp_last_step bigint;

-- A password proved, the second factor not yet: what the agent may do next, for a few minutes.
create table agent_sign_in_challenges (
  token_hash text primary key,
  municipality_id text not null references municipalities(id),
  agent_id uuid not null references agents(id) on delete cascade,
  -- 'code': type a code; 'enrol': set TOTP up first (administrators must have it)
  step text not null check (step in ('code', 'enrol')),
  -- the secret offered while enrolling, kept until a first code confirms it
  pending_secret text,
  expires_at timestamptz not null
);
select parvis_seal('agent_sign_in_challenges');
