-- Citizens' accounts: a password (argon2id) once the e-mail is confirmed, or one-time links sent
-- by e-mail; sessions in HTTP-only cookies; consents with their date and text; sign-in attempts
-- for the rate limit. An erased account keeps its row, emptied, so counts stay right.

alter table citizens
  add column password_hash text,
  add column email_confirmed_at timestamptz,
  add column erased_at timestamptz;

create table citizen_sessions (
  token_hash text primary key,
  citizen_id uuid not null references citizens(id) on delete cascade,
  municipality_id text not null references municipalities(id),
  expires_at timestamptz not null
);

-- One-time links: only the token's hash is kept; a used or expired link opens nothing. A sign-up's
-- password, name and consent wait here until the link proves the address.
create table citizen_links (
  token_hash text primary key,
  municipality_id text not null references municipalities(id),
  email text not null,
  password_hash text,
  first_name text,
  last_name text,
  consent_purpose text,
  consent_text text,
  expires_at timestamptz not null,
  used_at timestamptz
);

create table consents (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  citizen_id uuid not null references citizens(id),
  purpose text not null,
  text text not null,
  given_at timestamptz not null default now(),
  withdrawn_at timestamptz
);
create index consents_citizen on consents (citizen_id);

create table sign_in_attempts (
  municipality_id text not null references municipalities(id),
  subject text not null,
  succeeded boolean not null,
  attempted_at timestamptz not null default now()
);
create index sign_in_attempts_recent on sign_in_attempts (municipality_id, subject, attempted_at desc);

select parvis_seal('citizen_sessions');
select parvis_seal('citizen_links');
select parvis_seal('consents');
select parvis_seal('sign_in_attempts');

-- The citizen a session token (its hash) belongs to, before any municipality is known.
create function parvis_citizen_session(token_hash text)
  returns table (id uuid, municipality_id text, email text)
  language sql stable security definer set search_path = public
  as $$
    select c.id, c.municipality_id, c.email
    from citizen_sessions s join citizens c on c.id = s.citizen_id
    where s.token_hash = parvis_citizen_session.token_hash and s.expires_at > now() and c.erased_at is null
  $$;
revoke all on function parvis_citizen_session(text) from public;
grant execute on function parvis_citizen_session(text) to parvis_api;
