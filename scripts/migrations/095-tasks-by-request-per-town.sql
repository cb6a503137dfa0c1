-- The tasks of a request are read per municipality (row-level security adds it to every query):
-- the index leads with it, so the dashboard's departments read each request's tasks through an
-- index-only scan. (060 first created it on request_id alone; the change had been written into
-- 060 after it ran, which databases that had applied 060 never saw.)
drop index if exists tasks_by_request;
create index tasks_by_request on tasks (municipality_id, request_id) include (candidate_groups);
