-- Municipalities sealed by row-level security. The API works as the role `parvis_api` (no login,
-- no BYPASSRLS) and names the municipality of each transaction in the setting
-- `parvis.municipality`; every table with municipality data shows and accepts only that
-- municipality's rows. The migration owner (workers, start-up scripts) keeps its full access.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'parvis_api') then
    create role parvis_api nologin;
  end if;
exception
  -- Databases of one cluster share roles: another database's migration may create it meanwhile.
  when duplicate_object or unique_violation then null;
end $$;

grant parvis_api to current_user;
grant usage on schema public to parvis_api;

-- The municipality of the current transaction, or null when none was named.
create function parvis_municipality() returns text
  language sql stable
  as $$ select nullif(current_setting('parvis.municipality', true), '') $$;

-- Seals a table: row-level security on, one policy keyed on the municipality of the transaction,
-- read and write for the API role. Later migrations call it for each new table of municipality data.
create function parvis_seal(target regclass, key_column text default 'municipality_id') returns void
  language plpgsql
  as $$
begin
  execute format('alter table %s enable row level security', target);
  execute format(
    'create policy municipality_sealed on %s to parvis_api using (%I = parvis_municipality()) with check (%I = parvis_municipality())',
    target, key_column, key_column);
  execute format('grant select, insert, update, delete on %s to parvis_api', target);
end $$;

-- Sessions name their municipality too.
alter table agent_sessions add column municipality_id text references municipalities(id);
update agent_sessions s set municipality_id = a.municipality_id from agents a where a.id = s.agent_id;
alter table agent_sessions alter column municipality_id set not null;

select parvis_seal('municipalities', 'id');
select parvis_seal(c.table_name::regclass)
  from information_schema.columns c
  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
  where c.table_schema = 'public' and c.column_name = 'municipality_id' and t.table_type = 'BASE TABLE';

-- Workers' own tables (steps, notifications) stay out of the API's reach: no grant at all.
grant usage on all sequences in schema public to parvis_api;
alter default privileges in schema public grant usage on sequences to parvis_api;

-- The only ways across municipalities, each answering one narrow question.

-- The agent a session token (its hash) belongs to, before any municipality is known.
create function parvis_agent_session(token_hash text)
  returns table (id uuid, municipality_id text, email text, display_name text, roles text[], groups text[])
  language sql stable security definer set search_path = public
  as $$
    select a.id, a.municipality_id, a.email, a.display_name, a.roles, a.groups
    from agent_sessions s join agents a on a.id = s.agent_id
    where s.token_hash = parvis_agent_session.token_hash and s.expires_at > now()
  $$;

-- The municipality of a request, only for the e-mail address it was filed with.
create function parvis_tracked_request(tracking_code text, email text) returns text
  language sql stable security definer set search_path = public
  as $$
    select r.municipality_id from requests r
    where r.tracking_code = parvis_tracked_request.tracking_code
      and lower(r.citizen_email) = lower(trim(parvis_tracked_request.email))
  $$;

revoke all on function parvis_agent_session(text), parvis_tracked_request(text, text) from public;
grant execute on function parvis_agent_session(text), parvis_tracked_request(text, text), parvis_municipality()
  to parvis_api;
