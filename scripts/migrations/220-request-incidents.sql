-- The town's incidents (issue 21, point 2): one row per incident a request's workflow raised, kept
-- from the request's timeline by a trigger, so the list across the town's requests is one indexed
-- query instead of a question to every running workflow. The workflow stays the authority on what
-- is open (resolving asks it); this table says since when, and who resolved it and when — which
-- is how a retry of an incident already resolved is answered in words. Incidents raised before
-- timeline entries carried their incidentId (before this migration) are not listed; each still
-- shows on its request (Request.incidents, live).
create table request_incidents (
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  incident_id text not null,
  element_id text not null,
  code text not null,
  message text not null,
  opened_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by text,
  primary key (request_id, incident_id)
);
create index request_incidents_open on request_incidents (municipality_id, opened_at desc) where resolved_at is null;
select parvis_seal('request_incidents');

create function parvis_track_incident() returns trigger
  language plpgsql
  as $$
begin
  if new.kind = 'incident' and new.payload ? 'incidentId' then
    insert into request_incidents (municipality_id, request_id, incident_id, element_id, code, message, opened_at)
    values (new.municipality_id, new.request_id, new.payload->>'incidentId', new.payload->>'elementId',
      new.payload->>'code', new.payload->>'message', new.occurred_at)
    on conflict do nothing;
  elsif new.kind = 'incidentResolved' then
    update request_incidents set resolved_at = new.occurred_at, resolved_by = new.payload->>'by'
      where request_id = new.request_id and incident_id = new.payload->>'incidentId' and resolved_at is null;
  end if;
  return null;
end $$;

create trigger timeline_events_track_incidents after insert on timeline_events
  for each row when (new.kind in ('incident', 'incidentResolved')) execute function parvis_track_incident();
