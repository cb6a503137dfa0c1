-- Figures for operators (issue 21, point 5): what the API's /metrics endpoint exposes to Prometheus,
-- per town and procedure, across every town (the endpoint answers to no town's session, so it reads
-- through this function instead of under one town's seal). Counts only: no request, person or agent
-- is named. Deadlines missed: requests whose SLA was breached, or that closed after their deadline.
create function parvis_operator_figures()
  returns table (municipality_id text, procedure_key text, started bigint, completed bigint, open bigint,
    deadlines_missed bigint, in_incident bigint)
  language sql stable security definer set search_path = public
  as $$
    with per_version as (
      select r.municipality_id, r.procedure_version_id, count(*) as started,
        count(*) filter (where r.status = 'closed') as completed,
        count(*) filter (where r.status in ('submitted', 'inProgress')) as open,
        count(*) filter (where r.sla_state = 'breached' or r.closed_at > r.due_at) as deadlines_missed
      from requests r group by r.municipality_id, r.procedure_version_id
    ), incidents as (
      select r.procedure_version_id, count(distinct i.request_id) as in_incident
      from request_incidents i join requests r on r.id = i.request_id
      where i.resolved_at is null group by r.procedure_version_id
    )
    select p.municipality_id, v.procedure_key, sum(p.started)::bigint, sum(p.completed)::bigint, sum(p.open)::bigint,
      sum(p.deadlines_missed)::bigint, coalesce(sum(i.in_incident), 0)::bigint
    from per_version p join procedure_versions v on v.id = p.procedure_version_id
      left join incidents i on i.procedure_version_id = p.procedure_version_id
    group by p.municipality_id, v.procedure_key
    order by p.municipality_id, v.procedure_key
  $$;
grant execute on function parvis_operator_figures() to parvis_api;
