-- Appointments' reminders (issue 22, point 2): each kind says how long before its appointments the
-- person is reminded (0: never), by e-mail, else by SMS; an appointment remembers when it was and how.
alter table appointment_kinds add column reminder_minutes integer not null default 1440
  check (reminder_minutes between 0 and 20160);
alter table appointments add column reminded_at timestamptz;
alter table appointments add column reminded_by text check (reminded_by in ('EMAIL', 'SMS'));
