-- Retention of personal data (issue 16, point 6; RGPD art. 5-1-e and 30).
--
-- procedures.retention_months: the period the town's administrator sets for a procedure's closed
-- requests; null takes the default of the procedure's kind (engine/src/procedure/retention.ts).
alter table procedures add column retention_months integer
  constraint procedures_retention_months_check check (retention_months between 1 and 1200);

-- requests.anonymised_at: when the retention sweep took the request's personal data away (its row
-- stays, without them, so counts by procedure, channel and status stay right).
alter table requests add column anonymised_at timestamptz;
create index requests_retention on requests (municipality_id, closed_at)
  where status = 'closed' and anonymised_at is null;

-- What each sweep anonymised, for the data-protection officer: when, which procedure, how many
-- requests, under which policy. No personal data and no request id in it.
create table retention_purges (
  id bigint generated always as identity primary key,
  municipality_id text not null references municipalities(id),
  at timestamptz not null default now(),
  procedure_key text not null,
  requests integer not null check (requests > 0),
  policy text not null check (policy in ('anonymise')),
  retention_months integer not null check (retention_months > 0),
  -- where the period came from: the procedure kind's default, or the town's own setting
  retention_source text not null check (retention_source in ('decision', 'report', 'town')),
  -- requests closed before this moment were past their period
  closed_before timestamptz not null
);
create index retention_purges_by_time on retention_purges (municipality_id, at desc, id desc);
select parvis_seal('retention_purges');
