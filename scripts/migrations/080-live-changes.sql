-- Live updates. Every change to a request, its history or its tasks is announced on the channel
-- `parvis_changes`, whoever writes it (workers, the API, a script), to every API process that
-- LISTENs; each turns it into the subscriptions of the portal. The payload names ids only
-- (municipality, request, task, groups, assignees): subscribers read what they may see again under
-- row-level security. NOTIFY goes out at commit, and one transaction's identical payloads go out once.
-- A statement that changes more than 100 rows of a municipality (an import, a bulk release) is
-- announced as one change of the whole municipality.

-- A request changed: its row (key column `id`) or its history (key column `request_id`).
create function parvis_announce_requests() returns trigger
  language plpgsql
  as $$
begin
  execute format(
    'select pg_notify(''parvis_changes'', payload) from (
       select distinct case when count(*) over (partition by municipality_id) > 100
           then json_build_object(''municipality'', municipality_id)::text
           else json_build_object(''municipality'', municipality_id, ''request'', request_id)::text end as payload
       from (select distinct municipality_id, %I as request_id from changed_rows) c) p',
    tg_argv[0]);
  return null;
end $$;

create trigger requests_announce_insert after insert on requests
  referencing new table as changed_rows for each statement execute function parvis_announce_requests('id');
create trigger requests_announce_update after update on requests
  referencing new table as changed_rows for each statement execute function parvis_announce_requests('id');
create trigger timeline_events_announce after insert on timeline_events
  referencing new table as changed_rows for each statement execute function parvis_announce_requests('request_id');

-- A task opened, was claimed, released, reassigned, completed or cancelled: its groups and its
-- assignees before and after say whose inboxes it concerns; `candidates` marks a task offered to
-- named agents (their e-mails stay out of the payload).
create function parvis_announce_tasks() returns trigger
  language plpgsql
  as $$
begin
  if tg_op = 'INSERT' then
    perform pg_notify('parvis_changes', payload) from (
      select case when count(*) over (partition by c.municipality_id) > 100
          then json_build_object('municipality', c.municipality_id)::text
          else json_build_object('municipality', c.municipality_id, 'request', c.request_id, 'task', c.id,
            'groups', c.candidate_groups, 'assignees', array_remove(array[c.assignee], null),
            'candidates', cardinality(c.candidate_users) > 0)::text end as payload
      from changed_rows c) p;
  else
    perform pg_notify('parvis_changes', payload) from (
      select case when count(*) over (partition by c.municipality_id) > 100
          then json_build_object('municipality', c.municipality_id)::text
          else json_build_object('municipality', c.municipality_id, 'request', c.request_id, 'task', c.id,
            'groups', array(select distinct g from unnest(c.candidate_groups || b.candidate_groups) g order by g),
            'assignees', array(select distinct a from unnest(array[c.assignee, b.assignee]) a where a is not null order by a),
            'candidates', cardinality(c.candidate_users || b.candidate_users) > 0)::text end as payload
      from changed_rows c join previous_rows b on b.id = c.id) p;
  end if;
  return null;
end $$;

create trigger tasks_announce_insert after insert on tasks
  referencing new table as changed_rows for each statement execute function parvis_announce_tasks();
create trigger tasks_announce_update after update on tasks
  referencing old table as previous_rows new table as changed_rows
  for each statement execute function parvis_announce_tasks();
