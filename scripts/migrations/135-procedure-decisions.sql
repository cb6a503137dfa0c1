-- A procedure's version keeps the DMN files deployed with its model (issue 17, point 3), as given
-- ([{ name, xml }]), beside the BPMN: the IR holds what the engine compiled of them, the files are
-- what the analyst reopens and what a later version is compared with.
alter table procedure_versions add column decisions jsonb not null default '[]'::jsonb;
