-- Full-text search over requests, with French stemming ("permis" finds "permis de construire",
-- "arbres" finds "arbre"), over every string of the form data; keyset pagination by date.

alter table requests
  add column search tsvector generated always as (to_tsvector('french'::regconfig, data)) stored;
create index requests_search on requests using gin (search);
create index requests_by_date on requests (municipality_id, submitted_at desc, id desc);
create index tasks_by_date on tasks (municipality_id, opened_at, id);
