-- Procedures with a timer start event file requests themselves, on their schedule.
alter table requests drop constraint requests_channel;
alter table requests add constraint requests_channel
  check (channel in ('web', 'counter', 'phone', 'post', 'fax', 'email', 'sms', 'open311', 'schedule'));

-- Which scheduled start filed a request: a retried filing finds it and files nothing twice.
alter table requests add column schedule_key text unique;
