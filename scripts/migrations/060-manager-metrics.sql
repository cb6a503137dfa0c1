-- The managers' dashboard: each municipality's own figures for the estimated savings of requests
-- moved to the web, the target of its quality-of-service indicator and the map's tile server; and
-- the indexes the dashboard's period queries use.

create table municipality_settings (
  municipality_id text primary key references municipalities(id),
  -- what one request costs the town hall, in euros, by the way it came in
  counter_cost numeric(8, 2) not null default 12 check (counter_cost >= 0),
  post_cost numeric(8, 2) not null default 12 check (post_cost >= 0),
  online_cost numeric(8, 2) not null default 3 check (online_cost >= 0),
  -- share of requests that were already made online before Parvis (0 to 1): those moved nothing
  baseline_online_share numeric(4, 3) not null default 0 check (baseline_online_share between 0 and 1),
  -- the processing time (days) the quality-of-service indicator measures the median against
  qos_target_days numeric(6, 2) not null default 10 check (qos_target_days > 0),
  -- raster tiles for the map, `{z}/{x}/{y}` placeholders; null: the map is drawn without tiles
  map_tile_url text,
  updated_at timestamptz not null default now()
);

select parvis_seal('municipality_settings');

-- Requests closed in a period (processing times, SLA compliance), and the tasks of a request by
-- their groups (departments).
create index requests_closed on requests (municipality_id, closed_at) where closed_at is not null;
create index tasks_by_request on tasks (request_id) include (candidate_groups);
