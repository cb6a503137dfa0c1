-- Filing a request, written once for every way one comes in (issue 19, point 3): the API's
-- submissions (web, counter, phone, mail, SMS, Open311) and the worker's scheduled requests (and
-- those a message or signal starts). It stores the row under the tracking code the caller drew
-- (the engine's trackingCode), names its workflow `request-<tracking code>`, files once per `once_key`
-- when one is given (a retried activity files nothing twice), and answers the request with the
-- municipality's business calendar (092), all its workflow needs to start. Runs as its caller: under
-- row-level security the API files only in the municipality of its transaction.
create function parvis_file_request(
  municipality text,
  version uuid,
  code text,
  via text,
  variables jsonb,
  email text default null,
  citizen uuid default null,
  registrar uuid default null,
  once_key text default null
) returns table (id uuid, tracking_code text, workflow_id text, submitted_at timestamptz, calendar jsonb)
  language plpgsql
  as $$
  begin
    insert into requests as r (municipality_id, tracking_code, procedure_version_id, channel, data, citizen_email,
        workflow_id, citizen_id, registered_by, schedule_key)
      values (municipality, code, version, via, variables, email, 'request-' || code, citizen, registrar, once_key)
      on conflict (schedule_key) do nothing;
    return query
      select r.id, r.tracking_code, r.workflow_id, r.submitted_at, parvis_business_calendar(r.municipality_id)
      from requests r
      where case when once_key is null then r.tracking_code = code else r.schedule_key = once_key end;
  end
  $$;

grant execute on function parvis_file_request(text, uuid, text, text, jsonb, text, uuid, uuid, text) to parvis_api;
