-- Call activities run as child workflows of the request: their steps are projected under their
-- own scope, and their tasks name the workflow that holds them.

alter table request_steps add column scope text not null default '';
alter table request_steps drop constraint request_steps_pkey;
alter table request_steps add primary key (request_id, scope, seq);

alter table tasks add column workflow_id text;
