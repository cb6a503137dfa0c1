-- The request list filtered by procedure (graphql/src/requests/list.ts): a procedure's versions
-- belong to one town, so a request's version tells its town. Without saying so, the planner
-- multiplies the two and expects a procedure's requests in a town to be a fiftieth of what they
-- are, then gathers and sorts them all instead of reading the town's newest first.
create statistics requests_town_version (dependencies, mcv) on municipality_id, procedure_version_id from requests;
analyze requests;
