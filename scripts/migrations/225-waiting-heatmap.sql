-- Where requests wait (issue 21, point 3): the heatmap reads a town's tasks opened in a period,
-- then keeps those of one procedure version (graphql/src/metrics/heatmap-repository.ts). This index
-- holds what the heatmap counts beside the period, so a 90-day period of a town is read from the
-- index alone, without visiting the table's pages (test/bench/api/heatmap.ts measures it).
create index tasks_waiting on tasks (municipality_id, opened_at)
  include (request_id, element_id, status, closed_at, due_at, sla_state);
