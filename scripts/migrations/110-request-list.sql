-- The request list for agents and managers (graphql/src/requests/list.ts): every request of a town
-- findable by its place on the map, sortable by deadline or by closing, and the indexes its filters
-- use within a town.

-- Where a request is, as numbers: `latitude`/`longitude` of its data, or `place.latitude`/
-- `place.longitude` (the map field), as the dashboard's map reads them; null when absent, not a
-- plain decimal, or out of range.
create function parvis_place_coordinate(data jsonb, name text, bound double precision) returns double precision
  language sql immutable
  as $$
    select case when c ~ '^-?[0-9]+(\.[0-9]+)?$' and abs(c::double precision) <= bound then c::double precision end
    from (select coalesce(data ->> name, data #>> array['place', name]) as c) as coordinate
  $$;

alter table requests
  add column place_latitude double precision
    generated always as (parvis_place_coordinate(data, 'latitude', 90)) stored,
  add column place_longitude double precision
    generated always as (parvis_place_coordinate(data, 'longitude', 180)) stored;

-- A box on the map within a town.
create index requests_place on requests (municipality_id, place_latitude, place_longitude)
  where place_latitude is not null and place_longitude is not null;
-- The sorts other than by submission (newest or oldest first: requests_by_date): the nearest
-- deadline first (none last), the latest closed first (open ones last). The far dates stand for
-- "none" so that a page's cursor can name them.
create index requests_by_deadline on requests
  (municipality_id, (coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)), id);
create index requests_by_closing on requests
  (municipality_id, (coalesce(closed_at, '0001-01-01 00:00:00+00'::timestamptz)) desc, id desc);
-- Filters that keep few rows of a town: a deadline state (late ones), a procedure (through its versions).
create index requests_by_sla on requests (municipality_id, sla_state, submitted_at desc, id desc);
create index requests_by_version on requests (procedure_version_id, submitted_at desc, id desc);
-- Requests whose tasks went to a group (the group and service filters).
create index tasks_by_group on tasks using gin (candidate_groups);
