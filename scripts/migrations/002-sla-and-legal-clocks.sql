-- SLA and the law's clocks (CRPA): each request carries its deadline, its SLA state, the
-- implicit-decision regime of its procedure and, when silence runs out, the implicit decision.

alter table requests
  add column due_at timestamptz,
  add column sla_state text not null default 'onTime' check (sla_state in ('onTime', 'atRisk', 'breached', 'paused')),
  add column silence_regime text not null default 'none' check (silence_regime in ('acceptance', 'refusal', 'none')),
  add column implicit_decision_at timestamptz,
  add column implicit_decision text check (implicit_decision in ('acceptance', 'refusal')),
  add column implicit_decision_recorded_at timestamptz;
create index requests_sla on requests (municipality_id, sla_state, due_at) where status <> 'closed';

alter table tasks add column sla_state text not null default 'onTime';

-- Texts of a version's notifications, by event and language.
alter table procedure_versions add column texts jsonb not null default '{}';

-- Notifications that failed after their retries: incidents agents see.
alter table notifications add column error text;

-- Municipality's own closure days, on top of weekends and public holidays.
create table municipality_closures (
  municipality_id text not null references municipalities(id),
  day date not null,
  reason text not null default '',
  primary key (municipality_id, day)
);
