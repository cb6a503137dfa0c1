-- Agents an administrator disabled: they keep what they did (tasks, notes, signatures, audit
-- entries) but sign in no more and get no task. Enabled again, they find their roles and groups.

alter table agents add column disabled_at timestamptz;

-- A disabled agent opens no session, whatever the way they sign in (password, OpenID Connect…).
create function parvis_agent_session_refused() returns trigger
  language plpgsql security definer set search_path = public
  as $$
begin
  if exists (select 1 from agents a where a.id = new.agent_id and a.disabled_at is not null) then
    raise exception 'agent % is disabled', new.agent_id using errcode = 'check_violation';
  end if;
  return new;
end $$;

create trigger agent_sessions_refused before insert on agent_sessions
  for each row execute function parvis_agent_session_refused();

-- A disabled agent is away for good: assignment in turn or to the least busy passes them by.
create or replace function parvis_agent_absent(agent uuid, at timestamptz) returns boolean
  language sql stable
  as $$ select exists (select 1 from absences a where a.agent_id = agent and at >= a.starts_at and at < a.ends_at)
    or exists (select 1 from agents d where d.id = agent and d.disabled_at is not null) $$;
