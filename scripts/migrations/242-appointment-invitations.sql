-- Appointments as a BPMN step (issue 22, point 2): a service task `parvis:appointment` invites the
-- request's citizen to book a slot of a kind; they book, move or cancel it from the tracking page,
-- and the first booking is published as the `rendez-vous` message, correlated by the invitation's id.
create table appointment_invitations (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  request_id uuid not null,
  job_id text not null,
  kind_id uuid not null references appointment_kinds(id),
  created_at timestamptz not null default now(),
  unique (request_id, job_id)
);
create index appointment_invitations_request on appointment_invitations (request_id);
select parvis_seal('appointment_invitations');
