-- Organisation: departments, groups with their assignment mode, agents' absences. A task that
-- opens for a group in round-robin or least-loaded mode is assigned as it is inserted (whoever
-- inserts it: the workers' projection included); an absent agent gets nothing, and their open
-- tasks go back to the group.

create table departments (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  name text not null,
  unique (municipality_id, name)
);

create table agent_groups (
  municipality_id text not null references municipalities(id),
  key text not null,
  name text not null,
  department_id uuid references departments(id),
  assignment text not null default 'manual' check (assignment in ('manual', 'roundRobin', 'leastLoaded')),
  last_assigned_agent uuid references agents(id),
  primary key (municipality_id, key)
);

create table absences (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  agent_id uuid not null references agents(id),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  reason text not null default '',
  declared_by uuid references agents(id),
  declared_at timestamptz not null default now()
);
create index absences_agent on absences (agent_id, starts_at, ends_at);

alter table agents add column department_id uuid references departments(id);
create index tasks_assignee on tasks (assignee) where status = 'open';

select parvis_seal('departments');
select parvis_seal('agent_groups');
select parvis_seal('absences');

-- Whether an agent is away at a moment.
create function parvis_agent_absent(agent uuid, at timestamptz) returns boolean
  language sql stable
  as $$ select exists (select 1 from absences a where a.agent_id = agent and at >= a.starts_at and at < a.ends_at) $$;

-- Picks the assignee of a task opening for a group in round-robin or least-loaded mode.
create function parvis_assign_task() returns trigger
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
        and not parvis_agent_absent(a.id, now())
      order by (a.id <= coalesce(target.last_assigned_agent, '00000000-0000-0000-0000-000000000000'::uuid)), a.id
      limit 1;
  else
    select a.id into chosen from agents a
      where a.municipality_id = new.municipality_id and target.key = any(a.groups)
        and not parvis_agent_absent(a.id, now())
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

create trigger tasks_assign before insert on tasks for each row execute function parvis_assign_task();
grant execute on function parvis_agent_absent(uuid, timestamptz) to parvis_api;
