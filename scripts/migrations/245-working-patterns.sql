-- Agents' presence (issue 22, point 3): how each agent works — the half-days of the week (MON_AM …
-- SUN_PM), of two weeks alternating when week_b is set (week A is the week starts_on falls in), from
-- a start to an end date. An agent's patterns never overlap (an exclusion constraint). An agent with
-- no pattern works every weekday (engine/src/planning).
create table working_patterns (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  agent_id uuid not null references agents(id) on delete cascade,
  starts_on date not null,
  ends_on date check (ends_on >= starts_on),
  week_a text[] not null check (week_a <@ array['MON_AM','MON_PM','TUE_AM','TUE_PM','WED_AM','WED_PM',
    'THU_AM','THU_PM','FRI_AM','FRI_PM','SAT_AM','SAT_PM','SUN_AM','SUN_PM']),
  week_b text[] check (week_b <@ array['MON_AM','MON_PM','TUE_AM','TUE_PM','WED_AM','WED_PM',
    'THU_AM','THU_PM','FRI_AM','FRI_PM','SAT_AM','SAT_PM','SUN_AM','SUN_PM']),
  updated_by uuid references agents(id),
  updated_at timestamptz not null default now(),
  constraint working_patterns_no_overlap exclude using gist (
    agent_id with =, daterange(starts_on, ends_on, '[]') with &&
  )
);
create index working_patterns_agent on working_patterns (agent_id, starts_on);
select parvis_seal('working_patterns');

-- Whether an agent's patterns have them work at an instant (the town's local time; the afternoon
-- starts at 13:00, as engine/src/planning says) and the town is not closed that day. An agent with
-- no pattern at all is not narrowed: they work whenever, as before patterns existed. Public holidays
-- are the planning's (TypeScript) business, not this function's.
create function parvis_agent_working(agent uuid, at timestamptz) returns boolean
  language plpgsql stable security definer set search_path = public
  as $$
declare
  town municipalities;
  local_at timestamp;
  pattern working_patterns;
  week text[];
begin
  select m.* into town from municipalities m join agents a on a.municipality_id = m.id where a.id = agent;
  if not exists (select 1 from working_patterns p where p.agent_id = agent) then
    return true;
  end if;
  local_at := at at time zone town.time_zone;
  if exists (select 1 from municipality_closures c where c.municipality_id = town.id and c.day = local_at::date) then
    return false;
  end if;
  select * into pattern from working_patterns p
    where p.agent_id = agent and p.starts_on <= local_at::date and (p.ends_on is null or local_at::date <= p.ends_on);
  if not found then
    return false;
  end if;
  week := case
    when pattern.week_b is not null
      and ((date_trunc('week', local_at)::date - date_trunc('week', pattern.starts_on)::date) / 7) % 2 = 1
    then pattern.week_b else pattern.week_a end;
  return (array['MON','TUE','WED','THU','FRI','SAT','SUN'])[extract(isodow from local_at)::int]
    || case when local_at::time < time '13:00' then '_AM' else '_PM' end = any(week);
end $$;
grant execute on function parvis_agent_working(uuid, timestamptz) to parvis_api;

-- Assignment in turn or to the least busy passes by an agent who is away (absent or disabled) or
-- not working now by their patterns.
create or replace function parvis_assign_task() returns trigger
  language plpgsql security definer set search_path = public
  as $$
declare
  target agent_groups;
  chosen uuid;
begin
  if new.assignee is not null or new.status <> 'open' then
    return new;
  end if;
  select * into target from agent_groups g
    where g.municipality_id = new.municipality_id and g.key = any(new.candidate_groups) and g.assignment <> 'manual'
    order by array_position(new.candidate_groups, g.key) limit 1;
  if not found then
    return new;
  end if;
  if target.assignment = 'roundRobin' then
    -- the next available agent after the last one served, in a fixed order (their id)
    select a.id into chosen from agents a
      where a.municipality_id = new.municipality_id and target.key = any(a.groups)
        and not parvis_agent_absent(a.id, now()) and parvis_agent_working(a.id, now())
      order by (a.id <= coalesce(target.last_assigned_agent, '00000000-0000-0000-0000-000000000000'::uuid)), a.id
      limit 1;
  else
    select a.id into chosen from agents a
      where a.municipality_id = new.municipality_id and target.key = any(a.groups)
        and not parvis_agent_absent(a.id, now()) and parvis_agent_working(a.id, now())
      order by (select count(*) from tasks t where t.assignee = a.id::text and t.status = 'open'), a.id
      limit 1;
  end if;
  if chosen is not null then
    new.assignee := chosen::text;
    update agent_groups set last_assigned_agent = chosen
      where municipality_id = target.municipality_id and key = target.key;
  end if;
  return new;
end $$;
