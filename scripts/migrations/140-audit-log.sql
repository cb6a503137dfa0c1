-- The town's audit log (graphql/src/audit/record.ts): sign-ins, role and group changes, exports,
-- views of a citizen's record, settings changes; who, when, from where. Append-only: the API may
-- only insert and read (row-level security per town, like every table), and a trigger refuses
-- UPDATE, DELETE and TRUNCATE to everyone, the owner included.

create table audit_log (
  id bigint generated always as identity primary key,
  municipality_id text not null references municipalities(id),
  at timestamptz not null default now(),
  -- the agent or citizen who acted, if known; no foreign key, so that erasing an account keeps its entries
  actor_agent_id uuid,
  actor_citizen_id uuid,
  actor_name text not null check (length(actor_name) between 1 and 320),
  -- `kind.what-happened`; the kind is what the administrator filters by
  action text not null check (action ~ '^[a-z-]+\.[a-z-]+$'),
  kind text not null generated always as (split_part(action, '.', 1)) stored,
  target text,
  ip inet,
  details jsonb not null default '{}'
);
create index audit_log_by_time on audit_log (municipality_id, at desc, id desc);
create index audit_log_by_kind on audit_log (municipality_id, kind, at desc, id desc);

select parvis_seal('audit_log');
revoke update, delete, truncate on audit_log from parvis_api;

create function parvis_audit_log_append_only() returns trigger
  language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function parvis_audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function parvis_audit_log_append_only();
