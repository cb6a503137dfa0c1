-- The database as the migrations in scripts/migrations leave it (generated: npm run schema:write).
-- Read it to learn the schema; change it only through a new migration.

create table absences (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  agent_id uuid not null,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  reason text not null default ''::text,
  declared_by uuid,
  declared_at timestamp with time zone not null default now(),
  constraint absences_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id),
  constraint absences_check CHECK ((ends_at > starts_at)),
  constraint absences_declared_by_fkey FOREIGN KEY (declared_by) REFERENCES agents(id),
  constraint absences_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint absences_pkey PRIMARY KEY (id)
);
alter table absences enable row level security;
CREATE INDEX absences_agent on absences USING btree (agent_id, starts_at, ends_at);
create policy municipality_sealed on absences for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table agent_groups (
  municipality_id text not null,
  key text not null,
  name text not null,
  department_id uuid,
  assignment text not null default 'manual'::text,
  last_assigned_agent uuid,
  constraint agent_groups_assignment_check CHECK ((assignment = ANY (ARRAY['manual'::text, 'roundRobin'::text, 'leastLoaded'::text]))),
  constraint agent_groups_department_id_fkey FOREIGN KEY (department_id) REFERENCES departments(id),
  constraint agent_groups_last_assigned_agent_fkey FOREIGN KEY (last_assigned_agent) REFERENCES agents(id),
  constraint agent_groups_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint agent_groups_pkey PRIMARY KEY (municipality_id, key)
);
alter table agent_groups enable row level security;
create policy municipality_sealed on agent_groups for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table agent_sessions (
  token_hash text not null,
  agent_id uuid not null,
  expires_at timestamp with time zone not null,
  municipality_id text not null,
  constraint agent_sessions_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id) ON DELETE CASCADE,
  constraint agent_sessions_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint agent_sessions_pkey PRIMARY KEY (token_hash)
);
alter table agent_sessions enable row level security;
create policy municipality_sealed on agent_sessions for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));
CREATE TRIGGER agent_sessions_refused BEFORE INSERT on agent_sessions FOR EACH ROW EXECUTE FUNCTION parvis_agent_session_refused();

create table agent_sign_in_challenges (
  token_hash text not null,
  municipality_id text not null,
  agent_id uuid not null,
  step text not null,
  pending_secret text,
  expires_at timestamp with time zone not null,
  constraint agent_sign_in_challenges_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id) ON DELETE CASCADE,
  constraint agent_sign_in_challenges_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint agent_sign_in_challenges_pkey PRIMARY KEY (token_hash),
  constraint agent_sign_in_challenges_step_check CHECK ((step = ANY (ARRAY['code'::text, 'enrol'::text])))
);
alter table agent_sign_in_challenges enable row level security;
create policy municipality_sealed on agent_sign_in_challenges for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table agents (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  email text not null,
  display_name text not null,
  password_hash text not null,
  roles text[] not null default '{agent}'::text[],
  groups text[] not null default '{}'::text[],
  created_at timestamp with time zone not null default now(),
  department_id uuid,
  oidc_subject text,
  totp_secret text,
  totp_confirmed_at timestamp with time zone,
  totp_last_step bigint,
  disabled_at timestamp with time zone,
  constraint agents_department_id_fkey FOREIGN KEY (department_id) REFERENCES departments(id),
  constraint agents_municipality_id_email_key UNIQUE (municipality_id, email),
  constraint agents_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint agents_pkey PRIMARY KEY (id)
);
alter table agents enable row level security;
CREATE UNIQUE INDEX agents_oidc_subject on agents USING btree (municipality_id, oidc_subject) WHERE (oidc_subject IS NOT NULL);
create policy municipality_sealed on agents for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table appointment_attempts (
  id bigint not null,
  municipality_id text not null,
  action text not null,
  appointment_id uuid,
  resource_id uuid,
  starts_at timestamp with time zone,
  outcome text not null,
  agent_id uuid,
  at timestamp with time zone not null default now(),
  constraint appointment_attempts_action_check CHECK ((action = ANY (ARRAY['BOOK'::text, 'MOVE'::text, 'CANCEL'::text, 'NO_SHOW'::text]))),
  constraint appointment_attempts_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id),
  constraint appointment_attempts_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint appointment_attempts_pkey PRIMARY KEY (id)
);
alter table appointment_attempts enable row level security;
CREATE INDEX appointment_attempts_town on appointment_attempts USING btree (municipality_id, at);
create policy municipality_sealed on appointment_attempts for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table appointment_invitations (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  job_id text not null,
  kind_id uuid not null,
  created_at timestamp with time zone not null default now(),
  constraint appointment_invitations_kind_id_fkey FOREIGN KEY (kind_id) REFERENCES appointment_kinds(id),
  constraint appointment_invitations_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint appointment_invitations_pkey PRIMARY KEY (id),
  constraint appointment_invitations_request_id_job_id_key UNIQUE (request_id, job_id)
);
alter table appointment_invitations enable row level security;
CREATE INDEX appointment_invitations_request on appointment_invitations USING btree (request_id);
create policy municipality_sealed on appointment_invitations for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table appointment_kind_resources (
  municipality_id text not null,
  kind_id uuid not null,
  resource_id uuid not null,
  constraint appointment_kind_resources_kind_id_fkey FOREIGN KEY (kind_id) REFERENCES appointment_kinds(id) ON DELETE CASCADE,
  constraint appointment_kind_resources_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint appointment_kind_resources_pkey PRIMARY KEY (kind_id, resource_id),
  constraint appointment_kind_resources_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES appointment_resources(id) ON DELETE CASCADE
);
alter table appointment_kind_resources enable row level security;
create policy municipality_sealed on appointment_kind_resources for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table appointment_kinds (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  key text not null,
  name_fr text not null,
  name_en text not null,
  minutes smallint not null,
  reminder_minutes integer not null default 1440,
  constraint appointment_kinds_key_check CHECK ((key ~ '^[a-z0-9][a-z0-9-]{0,62}$'::text)),
  constraint appointment_kinds_minutes_check CHECK (((minutes >= 5) AND (minutes <= 480))),
  constraint appointment_kinds_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint appointment_kinds_municipality_id_key_key UNIQUE (municipality_id, key),
  constraint appointment_kinds_pkey PRIMARY KEY (id),
  constraint appointment_kinds_reminder_minutes_check CHECK (((reminder_minutes >= 0) AND (reminder_minutes <= 20160)))
);
alter table appointment_kinds enable row level security;
create policy municipality_sealed on appointment_kinds for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table appointment_openings (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  resource_id uuid not null,
  weekday smallint not null,
  opens time without time zone not null,
  closes time without time zone not null,
  constraint appointment_openings_check CHECK ((closes > opens)),
  constraint appointment_openings_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint appointment_openings_pkey PRIMARY KEY (id),
  constraint appointment_openings_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES appointment_resources(id) ON DELETE CASCADE,
  constraint appointment_openings_weekday_check CHECK (((weekday >= 1) AND (weekday <= 7)))
);
alter table appointment_openings enable row level security;
CREATE INDEX appointment_openings_resource on appointment_openings USING btree (resource_id);
create policy municipality_sealed on appointment_openings for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table appointment_resources (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  name text not null,
  kind text not null,
  agent_id uuid,
  capacity smallint not null default 1,
  location text,
  created_at timestamp with time zone not null default now(),
  constraint appointment_resources_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id),
  constraint appointment_resources_capacity_check CHECK (((capacity >= 1) AND (capacity <= 50))),
  constraint appointment_resources_kind_check CHECK ((kind = ANY (ARRAY['COUNTER'::text, 'ROOM'::text, 'AGENT'::text]))),
  constraint appointment_resources_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint appointment_resources_municipality_id_name_key UNIQUE (municipality_id, name),
  constraint appointment_resources_pkey PRIMARY KEY (id)
);
alter table appointment_resources enable row level security;
create policy municipality_sealed on appointment_resources for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table appointments (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  kind_id uuid not null,
  resource_id uuid not null,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  seat smallint not null,
  status text not null default 'BOOKED'::text,
  person_name text not null,
  email text,
  phone text,
  channel text not null,
  request_id uuid,
  booked_by uuid,
  sequence integer not null default 0,
  created_at timestamp with time zone not null default now(),
  cancelled_at timestamp with time zone,
  no_show_at timestamp with time zone,
  reminded_at timestamp with time zone,
  reminded_by text,
  constraint appointments_booked_by_fkey FOREIGN KEY (booked_by) REFERENCES agents(id),
  constraint appointments_channel_check CHECK ((channel = ANY (ARRAY['COUNTER'::text, 'PHONE'::text, 'ONLINE'::text]))),
  constraint appointments_check CHECK ((ends_at > starts_at)),
  constraint appointments_kind_id_fkey FOREIGN KEY (kind_id) REFERENCES appointment_kinds(id),
  constraint appointments_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint appointments_one_per_seat EXCLUDE USING gist (resource_id WITH =, seat WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE ((status <> 'CANCELLED'::text)),
  constraint appointments_pkey PRIMARY KEY (id),
  constraint appointments_reminded_by_check CHECK ((reminded_by = ANY (ARRAY['EMAIL'::text, 'SMS'::text]))),
  constraint appointments_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES appointment_resources(id),
  constraint appointments_seat_check CHECK ((seat >= 1)),
  constraint appointments_status_check CHECK ((status = ANY (ARRAY['BOOKED'::text, 'CANCELLED'::text, 'NO_SHOW'::text])))
);
alter table appointments enable row level security;
CREATE INDEX appointments_day on appointments USING btree (municipality_id, starts_at);
create policy municipality_sealed on appointments for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table audit_log (
  id bigint not null,
  municipality_id text not null,
  at timestamp with time zone not null default now(),
  actor_agent_id uuid,
  actor_citizen_id uuid,
  actor_name text not null,
  action text not null,
  kind text not null default split_part(action, '.'::text, 1),
  target text,
  ip inet,
  details jsonb not null default '{}'::jsonb,
  constraint audit_log_action_check CHECK ((action ~ '^[a-z-]+\.[a-z-]+$'::text)),
  constraint audit_log_actor_name_check CHECK (((length(actor_name) >= 1) AND (length(actor_name) <= 320))),
  constraint audit_log_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint audit_log_pkey PRIMARY KEY (id)
);
alter table audit_log enable row level security;
CREATE INDEX audit_log_by_kind on audit_log USING btree (municipality_id, kind, at DESC, id DESC);
CREATE INDEX audit_log_by_time on audit_log USING btree (municipality_id, at DESC, id DESC);
create policy municipality_sealed on audit_log for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));
CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE on audit_log FOR EACH ROW EXECUTE FUNCTION parvis_audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE on audit_log FOR EACH STATEMENT EXECUTE FUNCTION parvis_audit_log_append_only();

create table citizen_links (
  token_hash text not null,
  municipality_id text not null,
  email text not null,
  password_hash text,
  first_name text,
  last_name text,
  consent_purpose text,
  consent_text text,
  expires_at timestamp with time zone not null,
  used_at timestamp with time zone,
  constraint citizen_links_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint citizen_links_pkey PRIMARY KEY (token_hash)
);
alter table citizen_links enable row level security;
create policy municipality_sealed on citizen_links for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table citizen_sessions (
  token_hash text not null,
  citizen_id uuid not null,
  municipality_id text not null,
  expires_at timestamp with time zone not null,
  id_token text,
  constraint citizen_sessions_citizen_id_fkey FOREIGN KEY (citizen_id) REFERENCES citizens(id) ON DELETE CASCADE,
  constraint citizen_sessions_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint citizen_sessions_pkey PRIMARY KEY (token_hash)
);
alter table citizen_sessions enable row level security;
create policy municipality_sealed on citizen_sessions for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table citizens (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  first_name text,
  last_name text,
  email text,
  phone text,
  phone_digits text default regexp_replace(regexp_replace(COALESCE(phone, ''::text), '\D'::text, ''::text, 'g'::text), '^33'::text, '0'::text),
  addresses jsonb not null default '[]'::jsonb,
  notification_preferences jsonb not null default '{"sms": false, "email": true}'::jsonb,
  created_by uuid,
  created_at timestamp with time zone not null default now(),
  password_hash text,
  email_confirmed_at timestamp with time zone,
  erased_at timestamp with time zone,
  reading_settings jsonb,
  franceconnect_subject text,
  birthdate date,
  constraint citizens_created_by_fkey FOREIGN KEY (created_by) REFERENCES agents(id),
  constraint citizens_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint citizens_pkey PRIMARY KEY (id)
);
alter table citizens enable row level security;
CREATE UNIQUE INDEX citizens_email on citizens USING btree (municipality_id, lower(email)) WHERE (email IS NOT NULL);
CREATE UNIQUE INDEX citizens_franceconnect_subject on citizens USING btree (municipality_id, franceconnect_subject) WHERE (franceconnect_subject IS NOT NULL);
CREATE INDEX citizens_name on citizens USING btree (municipality_id, lower(last_name), lower(first_name));
CREATE INDEX citizens_phone on citizens USING btree (municipality_id, phone_digits);
create policy municipality_sealed on citizens for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table consents (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  citizen_id uuid not null,
  purpose text not null,
  text text not null,
  given_at timestamp with time zone not null default now(),
  withdrawn_at timestamp with time zone,
  constraint consents_citizen_id_fkey FOREIGN KEY (citizen_id) REFERENCES citizens(id),
  constraint consents_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint consents_pkey PRIMARY KEY (id)
);
alter table consents enable row level security;
CREATE INDEX consents_citizen on consents USING btree (citizen_id);
create policy municipality_sealed on consents for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table conversation_messages (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  side text not null,
  author_agent_id uuid,
  author_name text,
  kind text not null,
  body text not null,
  fields jsonb,
  answers uuid,
  changes jsonb,
  source text,
  created_at timestamp with time zone not null default now(),
  constraint conversation_messages_answers_fkey FOREIGN KEY (answers) REFERENCES conversation_messages(id),
  constraint conversation_messages_author_agent_id_fkey FOREIGN KEY (author_agent_id) REFERENCES agents(id),
  constraint conversation_messages_kind_check CHECK ((kind = ANY (ARRAY['message'::text, 'question'::text, 'correction'::text, 'answer'::text]))),
  constraint conversation_messages_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint conversation_messages_pkey PRIMARY KEY (id),
  constraint conversation_messages_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id),
  constraint conversation_messages_side_check CHECK ((side = ANY (ARRAY['citizen'::text, 'townHall'::text])))
);
alter table conversation_messages enable row level security;
CREATE INDEX conversation_messages_by_request on conversation_messages USING btree (request_id, created_at);
CREATE UNIQUE INDEX conversation_messages_one_answer on conversation_messages USING btree (answers) WHERE (answers IS NOT NULL);
CREATE UNIQUE INDEX conversation_messages_source on conversation_messages USING btree (request_id, source) WHERE (source IS NOT NULL);
create policy municipality_sealed on conversation_messages for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));
CREATE TRIGGER conversation_messages_announce AFTER INSERT on conversation_messages REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION parvis_announce_requests('request_id');

create table conversation_reads (
  municipality_id text not null,
  request_id uuid not null,
  reader text not null,
  read_until timestamp with time zone not null,
  constraint conversation_reads_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint conversation_reads_pkey PRIMARY KEY (request_id, reader),
  constraint conversation_reads_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);
alter table conversation_reads enable row level security;
create policy municipality_sealed on conversation_reads for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table departments (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  name text not null,
  postal_address text,
  phone text,
  email text,
  constraint departments_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint departments_municipality_id_name_key UNIQUE (municipality_id, name),
  constraint departments_pkey PRIMARY KEY (id)
);
alter table departments enable row level security;
create policy municipality_sealed on departments for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table document_counters (
  municipality_id text not null,
  year integer not null,
  last integer not null,
  constraint document_counters_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint document_counters_pkey PRIMARY KEY (municipality_id, year)
);
alter table document_counters enable row level security;
create policy municipality_sealed on document_counters for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table inbound_messages (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  channel text not null,
  message_id text not null,
  sender text not null,
  sender_verified boolean not null,
  sender_check text not null,
  received_at timestamp with time zone not null default now(),
  constraint inbound_messages_channel_check CHECK ((channel = ANY (ARRAY['email'::text, 'sms'::text]))),
  constraint inbound_messages_municipality_id_channel_message_id_key UNIQUE (municipality_id, channel, message_id),
  constraint inbound_messages_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint inbound_messages_pkey PRIMARY KEY (id),
  constraint inbound_messages_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);
alter table inbound_messages enable row level security;
CREATE INDEX inbound_messages_by_request on inbound_messages USING btree (request_id);
create policy municipality_sealed on inbound_messages for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table invitations (
  token_hash text not null,
  municipality_id text not null,
  email text not null,
  display_name text not null,
  roles text[] not null,
  groups text[] not null default '{}'::text[],
  created_at timestamp with time zone not null default now(),
  expires_at timestamp with time zone not null,
  accepted_at timestamp with time zone,
  constraint invitations_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint invitations_pkey PRIMARY KEY (token_hash)
);
alter table invitations enable row level security;
CREATE INDEX invitations_by_email on invitations USING btree (municipality_id, lower(email));
create policy municipality_sealed on invitations for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table issued_documents (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  job_id text not null,
  element_id text not null,
  template text not null,
  title_fr text not null,
  title_en text not null,
  variables jsonb not null,
  document_number text not null,
  issued_at timestamp with time zone not null default now(),
  constraint issued_documents_municipality_id_document_number_key UNIQUE (municipality_id, document_number),
  constraint issued_documents_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint issued_documents_pkey PRIMARY KEY (id),
  constraint issued_documents_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id),
  constraint issued_documents_request_id_job_id_key UNIQUE (request_id, job_id)
);
alter table issued_documents enable row level security;
CREATE INDEX issued_documents_by_request on issued_documents USING btree (request_id, issued_at);
create policy municipality_sealed on issued_documents for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table library_installations (
  municipality_id text not null,
  procedure_key text not null,
  library_version integer not null,
  town_version integer not null,
  installed_at timestamp with time zone not null default now(),
  installed_by text not null,
  constraint library_installations_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint library_installations_pkey PRIMARY KEY (municipality_id, procedure_key, library_version),
  constraint library_installations_procedure_key_library_version_fkey FOREIGN KEY (procedure_key, library_version) REFERENCES library_procedures(key, version)
);
alter table library_installations enable row level security;
create policy municipality_sealed on library_installations for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table library_procedures (
  key text not null,
  version integer not null,
  content_hash text not null,
  title_fr text not null,
  title_en text not null,
  audience text[] not null default '{}'::text[],
  bpmn text not null,
  forms jsonb not null,
  texts jsonb not null,
  groups text[] not null default '{}'::text[],
  shipped_at timestamp with time zone not null default now(),
  constraint library_procedures_pkey PRIMARY KEY (key, version),
  constraint library_procedures_version_check CHECK ((version > 0))
);

create table message_correlations (
  message_id uuid not null,
  request_id uuid not null,
  municipality_id text not null,
  correlated_at timestamp with time zone not null default now(),
  constraint message_correlations_message_id_fkey FOREIGN KEY (message_id) REFERENCES published_messages(id) ON DELETE CASCADE,
  constraint message_correlations_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint message_correlations_pkey PRIMARY KEY (message_id, request_id),
  constraint message_correlations_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id) ON DELETE CASCADE
);
alter table message_correlations enable row level security;
create policy municipality_sealed on message_correlations for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table message_subscriptions (
  workflow_id text not null,
  subscription_id text not null,
  request_id uuid not null,
  municipality_id text not null,
  element_id text not null,
  message_name text not null,
  correlation_key text not null default ''::text,
  opened_at timestamp with time zone not null default now(),
  constraint message_subscriptions_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint message_subscriptions_pkey PRIMARY KEY (workflow_id, subscription_id),
  constraint message_subscriptions_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id) ON DELETE CASCADE
);
alter table message_subscriptions enable row level security;
CREATE INDEX message_subscriptions_waiting on message_subscriptions USING btree (municipality_id, message_name, correlation_key);
create policy municipality_sealed on message_subscriptions for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table message_webhook_secrets (
  municipality_id text not null,
  secret text not null,
  updated_at timestamp with time zone not null default now(),
  updated_by text not null,
  constraint message_webhook_secrets_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint message_webhook_secrets_pkey PRIMARY KEY (municipality_id),
  constraint message_webhook_secrets_secret_check CHECK ((length(secret) >= 32))
);
alter table message_webhook_secrets enable row level security;
create policy municipality_sealed on message_webhook_secrets for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table municipalities (
  id text not null,
  name text not null,
  contact_email text not null,
  time_zone text not null default 'Europe/Paris'::text,
  created_at timestamp with time zone not null default now(),
  intake_email text,
  latitude double precision,
  longitude double precision,
  holiday_region text not null default 'metropole'::text,
  disabled_at timestamp with time zone,
  logo_url text,
  primary_color text,
  on_primary_color text,
  contact_phone text,
  contact_address text,
  legal_notice text,
  accessibility_statement text,
  privacy_notice text,
  constraint municipalities_holiday_region CHECK ((holiday_region = ANY (ARRAY['metropole'::text, 'alsace-moselle'::text, 'guadeloupe'::text, 'martinique'::text, 'guyane'::text, 'la-reunion'::text, 'mayotte'::text]))),
  constraint municipalities_latitude_check CHECK (((latitude >= ('-90'::integer)::double precision) AND (latitude <= (90)::double precision))),
  constraint municipalities_longitude_check CHECK (((longitude >= ('-180'::integer)::double precision) AND (longitude <= (180)::double precision))),
  constraint municipalities_on_primary_color CHECK ((on_primary_color ~ '^#[0-9a-f]{6}$'::text)),
  constraint municipalities_pkey PRIMARY KEY (id),
  constraint municipalities_place_whole CHECK (((latitude IS NULL) = (longitude IS NULL))),
  constraint municipalities_primary_color CHECK ((primary_color ~ '^#[0-9a-f]{6}$'::text))
);
alter table municipalities enable row level security;
CREATE UNIQUE INDEX municipalities_intake_email on municipalities USING btree (lower(intake_email)) WHERE (intake_email IS NOT NULL);
create policy municipality_sealed on municipalities for all to parvis_api using ((id = parvis_municipality())) with check ((id = parvis_municipality()));

create table municipality_closures (
  municipality_id text not null,
  day date not null,
  reason text not null default ''::text,
  constraint municipality_closures_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint municipality_closures_pkey PRIMARY KEY (municipality_id, day)
);
alter table municipality_closures enable row level security;
create policy municipality_sealed on municipality_closures for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table municipality_hosts (
  host text not null,
  municipality_id text not null,
  rank integer not null default 0,
  constraint municipality_hosts_host CHECK (((host ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$'::text) AND (length(host) <= 253))),
  constraint municipality_hosts_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint municipality_hosts_pkey PRIMARY KEY (host)
);
alter table municipality_hosts enable row level security;
CREATE INDEX municipality_hosts_by_town on municipality_hosts USING btree (municipality_id, rank);
create policy municipality_sealed on municipality_hosts for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table municipality_settings (
  municipality_id text not null,
  counter_cost numeric(8,2) not null default 12,
  post_cost numeric(8,2) not null default 12,
  online_cost numeric(8,2) not null default 3,
  baseline_online_share numeric(4,3) not null default 0,
  qos_target_days numeric(6,2) not null default 10,
  map_tile_url text,
  updated_at timestamp with time zone not null default now(),
  map_background text not null default 'IGN_PLAN'::text,
  constraint municipality_settings_baseline_online_share_check CHECK (((baseline_online_share >= (0)::numeric) AND (baseline_online_share <= (1)::numeric))),
  constraint municipality_settings_counter_cost_check CHECK ((counter_cost >= (0)::numeric)),
  constraint municipality_settings_map_background_check CHECK ((map_background = ANY (ARRAY['IGN_PLAN'::text, 'OPENSTREETMAP'::text]))),
  constraint municipality_settings_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint municipality_settings_online_cost_check CHECK ((online_cost >= (0)::numeric)),
  constraint municipality_settings_pkey PRIMARY KEY (municipality_id),
  constraint municipality_settings_post_cost_check CHECK ((post_cost >= (0)::numeric)),
  constraint municipality_settings_qos_target_days_check CHECK ((qos_target_days > (0)::numeric))
);
alter table municipality_settings enable row level security;
create policy municipality_sealed on municipality_settings for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table note_mentions (
  municipality_id text not null,
  note_id uuid not null,
  agent_id uuid not null,
  seen_at timestamp with time zone,
  constraint note_mentions_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id),
  constraint note_mentions_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint note_mentions_note_id_fkey FOREIGN KEY (note_id) REFERENCES request_notes(id),
  constraint note_mentions_pkey PRIMARY KEY (note_id, agent_id)
);
alter table note_mentions enable row level security;
CREATE INDEX note_mentions_unseen on note_mentions USING btree (agent_id) WHERE (seen_at IS NULL);
create policy municipality_sealed on note_mentions for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table notifications (
  request_id uuid not null,
  key text not null,
  channel text not null,
  recipient text not null,
  subject text not null,
  status text not null default 'sending'::text,
  sent_at timestamp with time zone,
  error text,
  constraint notifications_pkey PRIMARY KEY (request_id, key),
  constraint notifications_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);

create table open311_applications (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  name text not null,
  key_sha256 text not null,
  key_start text not null,
  created_at timestamp with time zone not null default now(),
  created_by uuid,
  last_used_at timestamp with time zone,
  revoked_at timestamp with time zone,
  constraint open311_applications_created_by_fkey FOREIGN KEY (created_by) REFERENCES agents(id),
  constraint open311_applications_key_sha256_key UNIQUE (key_sha256),
  constraint open311_applications_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint open311_applications_municipality_id_name_key UNIQUE (municipality_id, name),
  constraint open311_applications_pkey PRIMARY KEY (id)
);
alter table open311_applications enable row level security;
create policy municipality_sealed on open311_applications for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table payment_attempts (
  id bigint not null,
  municipality_id text not null,
  payment_id uuid,
  source text not null,
  operation_id text,
  outcome text not null,
  reason text,
  received_at timestamp with time zone not null default now(),
  constraint payment_attempts_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint payment_attempts_outcome_check CHECK ((outcome = ANY (ARRAY['ACCEPTED'::text, 'DUPLICATE'::text, 'REFUSED'::text, 'PENDING'::text]))),
  constraint payment_attempts_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES payments(id) ON DELETE CASCADE,
  constraint payment_attempts_pkey PRIMARY KEY (id),
  constraint payment_attempts_source_check CHECK ((source = ANY (ARRAY['notification'::text, 'return'::text, 'expiry'::text, 'refund'::text])))
);
alter table payment_attempts enable row level security;
CREATE INDEX payment_attempts_by_payment on payment_attempts USING btree (payment_id, received_at);
create policy municipality_sealed on payment_attempts for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table payment_settings (
  municipality_id text not null,
  provider text not null default 'payfip'::text,
  client_number text not null,
  environment text not null default 'PRODUCTION'::text,
  service_url text,
  page_url text,
  updated_at timestamp with time zone not null default now(),
  constraint payment_settings_client_number_check CHECK ((client_number ~ '^[0-9]{6}$'::text)),
  constraint payment_settings_environment_check CHECK ((environment = ANY (ARRAY['TEST'::text, 'ACTIVATION'::text, 'PRODUCTION'::text]))),
  constraint payment_settings_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint payment_settings_pkey PRIMARY KEY (municipality_id),
  constraint payment_settings_provider_check CHECK ((provider = 'payfip'::text))
);
alter table payment_settings enable row level security;
create policy municipality_sealed on payment_settings for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table payments (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  job_id text not null,
  element_id text not null,
  provider text not null,
  amount_cents integer not null,
  label text not null,
  reference text not null,
  year integer not null,
  operation_id text,
  page_url text,
  expires_at timestamp with time zone not null,
  notify_token text not null,
  status text not null default 'PENDING'::text,
  authorisation text,
  created_at timestamp with time zone not null default now(),
  settled_at timestamp with time zone,
  refunded_at timestamp with time zone,
  refunded_by text,
  refund_reason text,
  constraint payments_amount_cents_check CHECK ((amount_cents > 0)),
  constraint payments_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint payments_municipality_id_reference_key UNIQUE (municipality_id, reference),
  constraint payments_pkey PRIMARY KEY (id),
  constraint payments_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id) ON DELETE CASCADE,
  constraint payments_request_id_job_id_key UNIQUE (request_id, job_id),
  constraint payments_status_check CHECK ((status = ANY (ARRAY['PENDING'::text, 'PAID'::text, 'REFUSED'::text, 'ABANDONED'::text, 'EXPIRED'::text, 'REFUNDED'::text])))
);
alter table payments enable row level security;
CREATE INDEX payments_by_operation on payments USING btree (operation_id);
create policy municipality_sealed on payments for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table platform_administrators (
  id uuid not null default gen_random_uuid(),
  email text not null,
  display_name text not null,
  password_hash text not null,
  created_at timestamp with time zone not null default now(),
  constraint platform_administrators_email CHECK ((email = lower(email))),
  constraint platform_administrators_email_key UNIQUE (email),
  constraint platform_administrators_pkey PRIMARY KEY (id)
);

create table platform_sessions (
  token_hash text not null,
  administrator_id uuid not null,
  expires_at timestamp with time zone not null,
  constraint platform_sessions_administrator_id_fkey FOREIGN KEY (administrator_id) REFERENCES platform_administrators(id) ON DELETE CASCADE,
  constraint platform_sessions_pkey PRIMARY KEY (token_hash)
);

create table procedure_versions (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  procedure_key text not null,
  version integer not null,
  hash text not null,
  bpmn text not null,
  ir jsonb not null,
  forms jsonb not null,
  deployed_at timestamp with time zone not null default now(),
  deployed_by text not null,
  texts jsonb not null default '{}'::jsonb,
  decisions jsonb not null default '[]'::jsonb,
  constraint procedure_versions_municipality_id_procedure_key_fkey FOREIGN KEY (municipality_id, procedure_key) REFERENCES procedures(municipality_id, key),
  constraint procedure_versions_municipality_id_procedure_key_version_key UNIQUE (municipality_id, procedure_key, version),
  constraint procedure_versions_pkey PRIMARY KEY (id)
);
alter table procedure_versions enable row level security;
create policy municipality_sealed on procedure_versions for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));
CREATE TRIGGER procedure_versions_immutable BEFORE UPDATE on procedure_versions FOR EACH ROW EXECUTE FUNCTION parvis_procedure_version_immutable();

create table procedures (
  municipality_id text not null,
  key text not null,
  title_fr text not null,
  title_en text not null,
  published boolean not null default true,
  description_fr text not null default ''::text,
  description_en text not null default ''::text,
  audience text[] not null default '{}'::text[],
  department text,
  updated_at timestamp with time zone not null default now(),
  retention_months integer,
  constraint procedures_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint procedures_pkey PRIMARY KEY (municipality_id, key),
  constraint procedures_retention_months_check CHECK (((retention_months >= 1) AND (retention_months <= 1200)))
);
alter table procedures enable row level security;
create policy municipality_sealed on procedures for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table published_messages (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  message_name text not null,
  correlation_key text not null default ''::text,
  variables jsonb not null default '{}'::jsonb,
  message_id text,
  published_by text not null,
  published_at timestamp with time zone not null default now(),
  expires_at timestamp with time zone not null,
  consumed_at timestamp with time zone,
  consumed_by uuid,
  consumed_subscription text,
  constraint published_messages_consumed_by_fkey FOREIGN KEY (consumed_by) REFERENCES requests(id) ON DELETE SET NULL,
  constraint published_messages_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint published_messages_municipality_id_message_id_key UNIQUE (municipality_id, message_id),
  constraint published_messages_pkey PRIMARY KEY (id)
);
alter table published_messages enable row level security;
CREATE INDEX published_messages_buffered on published_messages USING btree (municipality_id, message_name, correlation_key, published_at) WHERE (consumed_at IS NULL);
create policy municipality_sealed on published_messages for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table reply_templates (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  kind text not null,
  name text not null,
  procedure_key text,
  subject_fr text not null default ''::text,
  body_fr text not null,
  subject_en text not null default ''::text,
  body_en text not null default ''::text,
  updated_by uuid,
  updated_at timestamp with time zone not null default now(),
  created_at timestamp with time zone not null default now(),
  constraint reply_templates_body_fr_check CHECK ((length(TRIM(BOTH FROM body_fr)) > 0)),
  constraint reply_templates_kind_check CHECK ((kind = ANY (ARRAY['reply'::text, 'letter'::text]))),
  constraint reply_templates_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint reply_templates_municipality_id_procedure_key_fkey FOREIGN KEY (municipality_id, procedure_key) REFERENCES procedures(municipality_id, key),
  constraint reply_templates_name_check CHECK (((length(TRIM(BOTH FROM name)) >= 1) AND (length(TRIM(BOTH FROM name)) <= 120))),
  constraint reply_templates_pkey PRIMARY KEY (id),
  constraint reply_templates_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES agents(id)
);
alter table reply_templates enable row level security;
CREATE UNIQUE INDEX reply_templates_name on reply_templates USING btree (municipality_id, COALESCE(procedure_key, ''::text), lower(name));
create policy municipality_sealed on reply_templates for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table request_followers (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  email text not null,
  reason text not null,
  from_request_id uuid,
  created_at timestamp with time zone not null default now(),
  constraint request_followers_email_check CHECK (((email = lower(TRIM(BOTH FROM email))) AND (email <> ''::text))),
  constraint request_followers_from_request_id_fkey FOREIGN KEY (from_request_id) REFERENCES requests(id),
  constraint request_followers_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint request_followers_pkey PRIMARY KEY (id),
  constraint request_followers_reason_check CHECK ((reason = ANY (ARRAY['follow'::text, 'merged'::text]))),
  constraint request_followers_request_id_email_key UNIQUE (request_id, email),
  constraint request_followers_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);
alter table request_followers enable row level security;
create policy municipality_sealed on request_followers for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table request_incidents (
  municipality_id text not null,
  request_id uuid not null,
  incident_id text not null,
  element_id text not null,
  code text not null,
  message text not null,
  opened_at timestamp with time zone not null,
  resolved_at timestamp with time zone,
  resolved_by text,
  constraint request_incidents_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint request_incidents_pkey PRIMARY KEY (request_id, incident_id),
  constraint request_incidents_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);
alter table request_incidents enable row level security;
CREATE INDEX request_incidents_open on request_incidents USING btree (municipality_id, opened_at DESC) WHERE (resolved_at IS NULL);
create policy municipality_sealed on request_incidents for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table request_merges (
  duplicate_id uuid not null,
  main_id uuid not null,
  municipality_id text not null,
  merged_by uuid not null,
  merged_at timestamp with time zone not null default now(),
  constraint request_merges_check CHECK ((duplicate_id <> main_id)),
  constraint request_merges_duplicate_id_fkey FOREIGN KEY (duplicate_id) REFERENCES requests(id),
  constraint request_merges_main_id_fkey FOREIGN KEY (main_id) REFERENCES requests(id),
  constraint request_merges_merged_by_fkey FOREIGN KEY (merged_by) REFERENCES agents(id),
  constraint request_merges_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint request_merges_pkey PRIMARY KEY (duplicate_id)
);
alter table request_merges enable row level security;
CREATE INDEX request_merges_main on request_merges USING btree (main_id);
create policy municipality_sealed on request_merges for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table request_notes (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  author_agent_id uuid not null,
  author_name text not null,
  body text not null,
  created_at timestamp with time zone not null default now(),
  constraint request_notes_author_agent_id_fkey FOREIGN KEY (author_agent_id) REFERENCES agents(id),
  constraint request_notes_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint request_notes_pkey PRIMARY KEY (id),
  constraint request_notes_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);
alter table request_notes enable row level security;
CREATE INDEX request_notes_by_request on request_notes USING btree (request_id, created_at);
create policy municipality_sealed on request_notes for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table request_steps (
  request_id uuid not null,
  seq integer not null,
  projected_at timestamp with time zone not null default now(),
  scope text not null default ''::text,
  constraint request_steps_pkey PRIMARY KEY (request_id, scope, seq),
  constraint request_steps_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);

create table requests (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  tracking_code text not null,
  procedure_version_id uuid not null,
  channel text not null default 'web'::text,
  status text not null default 'submitted'::text,
  data jsonb not null,
  citizen_email text,
  workflow_id text not null,
  submitted_at timestamp with time zone not null default now(),
  closed_at timestamp with time zone,
  due_at timestamp with time zone,
  sla_state text not null default 'onTime'::text,
  silence_regime text not null default 'none'::text,
  implicit_decision_at timestamp with time zone,
  implicit_decision text,
  implicit_decision_recorded_at timestamp with time zone,
  citizen_id uuid,
  registered_by uuid,
  search tsvector default to_tsvector('french'::regconfig, data),
  schedule_key text,
  place_latitude double precision default parvis_place_coordinate(data, 'latitude'::text, (90)::double precision),
  place_longitude double precision default parvis_place_coordinate(data, 'longitude'::text, (180)::double precision),
  complete_at timestamp with time zone,
  missing_pieces jsonb,
  anonymised_at timestamp with time zone,
  constraint requests_channel CHECK ((channel = ANY (ARRAY['web'::text, 'counter'::text, 'phone'::text, 'post'::text, 'fax'::text, 'email'::text, 'sms'::text, 'open311'::text, 'schedule'::text, 'message'::text, 'signal'::text]))),
  constraint requests_citizen_id_fkey FOREIGN KEY (citizen_id) REFERENCES citizens(id),
  constraint requests_implicit_decision_check CHECK ((implicit_decision = ANY (ARRAY['acceptance'::text, 'refusal'::text]))),
  constraint requests_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint requests_pkey PRIMARY KEY (id),
  constraint requests_procedure_version_id_fkey FOREIGN KEY (procedure_version_id) REFERENCES procedure_versions(id),
  constraint requests_registered_by_fkey FOREIGN KEY (registered_by) REFERENCES agents(id),
  constraint requests_schedule_key_key UNIQUE (schedule_key),
  constraint requests_silence_regime_check CHECK ((silence_regime = ANY (ARRAY['acceptance'::text, 'refusal'::text, 'none'::text]))),
  constraint requests_sla_state_check CHECK ((sla_state = ANY (ARRAY['onTime'::text, 'atRisk'::text, 'breached'::text, 'paused'::text]))),
  constraint requests_tracking_code_key UNIQUE (tracking_code),
  constraint requests_workflow_id_key UNIQUE (workflow_id)
);
alter table requests enable row level security;
CREATE INDEX requests_by_closing on requests USING btree (municipality_id, COALESCE(closed_at, '0001-01-01 00:00:00+00'::timestamp with time zone) DESC, id DESC);
CREATE INDEX requests_by_date on requests USING btree (municipality_id, submitted_at DESC, id DESC);
CREATE INDEX requests_by_deadline on requests USING btree (municipality_id, COALESCE(due_at, '9999-12-31 00:00:00+00'::timestamp with time zone), id);
CREATE INDEX requests_by_sla on requests USING btree (municipality_id, sla_state, submitted_at DESC, id DESC);
CREATE INDEX requests_by_version on requests USING btree (procedure_version_id, submitted_at DESC, id DESC);
CREATE INDEX requests_citizen on requests USING btree (citizen_id) WHERE (citizen_id IS NOT NULL);
CREATE INDEX requests_closed on requests USING btree (municipality_id, closed_at) WHERE (closed_at IS NOT NULL);
CREATE INDEX requests_municipality_status on requests USING btree (municipality_id, status, submitted_at DESC);
CREATE INDEX requests_of_version on requests USING btree (procedure_version_id, municipality_id, submitted_at, id);
CREATE INDEX requests_place on requests USING btree (municipality_id, place_latitude, place_longitude) WHERE ((place_latitude IS NOT NULL) AND (place_longitude IS NOT NULL));
CREATE INDEX requests_retention on requests USING btree (municipality_id, closed_at) WHERE ((status = 'closed'::text) AND (anonymised_at IS NULL));
CREATE INDEX requests_search on requests USING gin (search);
CREATE INDEX requests_sla on requests USING btree (municipality_id, sla_state, due_at) WHERE (status <> 'closed'::text);
create policy municipality_sealed on requests for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));
CREATE TRIGGER requests_announce_insert AFTER INSERT on requests REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION parvis_announce_requests('id');
CREATE TRIGGER requests_announce_update AFTER UPDATE on requests REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION parvis_announce_requests('id');
CREATE TRIGGER requests_town_open BEFORE INSERT on requests FOR EACH ROW EXECUTE FUNCTION parvis_town_open();

create table retention_purges (
  id bigint not null,
  municipality_id text not null,
  at timestamp with time zone not null default now(),
  procedure_key text not null,
  requests integer not null,
  policy text not null,
  retention_months integer not null,
  retention_source text not null,
  closed_before timestamp with time zone not null,
  constraint retention_purges_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint retention_purges_pkey PRIMARY KEY (id),
  constraint retention_purges_policy_check CHECK ((policy = 'anonymise'::text)),
  constraint retention_purges_requests_check CHECK ((requests > 0)),
  constraint retention_purges_retention_months_check CHECK ((retention_months > 0)),
  constraint retention_purges_retention_source_check CHECK ((retention_source = ANY (ARRAY['decision'::text, 'report'::text, 'town'::text])))
);
alter table retention_purges enable row level security;
CREATE INDEX retention_purges_by_time on retention_purges USING btree (municipality_id, at DESC, id DESC);
create policy municipality_sealed on retention_purges for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table schema_migrations (
  version integer not null,
  name text not null,
  applied_at timestamp with time zone not null default now(),
  checksum text,
  constraint schema_migrations_pkey PRIMARY KEY (version)
);

create table sign_in_failures (
  account text not null,
  network text not null,
  failed_at timestamp with time zone not null default now()
);
CREATE INDEX sign_in_failures_age on sign_in_failures USING btree (failed_at);
CREATE INDEX sign_in_failures_network on sign_in_failures USING btree (network, failed_at);
CREATE INDEX sign_in_failures_pair on sign_in_failures USING btree (account, network, failed_at);

create table sign_in_flows (
  state_hash text not null,
  municipality_id text not null,
  audience text not null,
  nonce text not null,
  code_verifier text not null,
  linking_citizen_id uuid,
  created_at timestamp with time zone not null default now(),
  constraint sign_in_flows_audience_check CHECK ((audience = ANY (ARRAY['agents'::text, 'citizens'::text]))),
  constraint sign_in_flows_linking_citizen_id_fkey FOREIGN KEY (linking_citizen_id) REFERENCES citizens(id) ON DELETE CASCADE,
  constraint sign_in_flows_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint sign_in_flows_pkey PRIMARY KEY (state_hash)
);
alter table sign_in_flows enable row level security;
create policy municipality_sealed on sign_in_flows for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table sign_in_providers (
  municipality_id text not null,
  audience text not null,
  label text not null,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  scopes text not null default 'openid email profile'::text,
  acr_values text,
  groups_claim text,
  group_mapping jsonb not null default '{}'::jsonb,
  updated_at timestamp with time zone not null default now(),
  constraint sign_in_providers_audience_check CHECK ((audience = ANY (ARRAY['agents'::text, 'citizens'::text]))),
  constraint sign_in_providers_client_id_check CHECK ((length(client_id) > 0)),
  constraint sign_in_providers_client_secret_check CHECK ((length(client_secret) > 0)),
  constraint sign_in_providers_group_mapping_check CHECK ((jsonb_typeof(group_mapping) = 'object'::text)),
  constraint sign_in_providers_issuer_check CHECK ((issuer ~ '^https?://'::text)),
  constraint sign_in_providers_label_check CHECK (((length(TRIM(BOTH FROM label)) >= 1) AND (length(TRIM(BOTH FROM label)) <= 80))),
  constraint sign_in_providers_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint sign_in_providers_pkey PRIMARY KEY (municipality_id, audience)
);
alter table sign_in_providers enable row level security;
create policy municipality_sealed on sign_in_providers for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table signal_deliveries (
  broadcast_id uuid not null,
  request_id uuid not null,
  municipality_id text not null,
  delivered_at timestamp with time zone not null default now(),
  constraint signal_deliveries_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint signal_deliveries_pkey PRIMARY KEY (broadcast_id, request_id),
  constraint signal_deliveries_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id) ON DELETE CASCADE
);
alter table signal_deliveries enable row level security;
create policy municipality_sealed on signal_deliveries for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table signature_audit (
  id bigint not null,
  municipality_id text not null,
  at timestamp with time zone not null default now(),
  actor_id uuid not null,
  action text not null,
  details jsonb not null,
  constraint signature_audit_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES agents(id),
  constraint signature_audit_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint signature_audit_pkey PRIMARY KEY (id)
);
alter table signature_audit enable row level security;
create policy municipality_sealed on signature_audit for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table signature_delegations (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  delegator_id uuid not null,
  delegate_id uuid not null,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  reason text,
  created_at timestamp with time zone not null default now(),
  revoked_at timestamp with time zone,
  constraint signature_delegations_check CHECK ((delegator_id <> delegate_id)),
  constraint signature_delegations_check1 CHECK ((ends_at > starts_at)),
  constraint signature_delegations_delegate_id_fkey FOREIGN KEY (delegate_id) REFERENCES agents(id),
  constraint signature_delegations_delegator_id_fkey FOREIGN KEY (delegator_id) REFERENCES agents(id),
  constraint signature_delegations_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint signature_delegations_pkey PRIMARY KEY (id)
);
alter table signature_delegations enable row level security;
CREATE INDEX signature_delegations_delegate on signature_delegations USING btree (municipality_id, delegate_id);
create policy municipality_sealed on signature_delegations for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table signature_nonces (
  nonce text not null,
  municipality_id text not null,
  agent_id uuid not null,
  task_id uuid not null,
  prepared text not null,
  created_at timestamp with time zone not null default now(),
  expires_at timestamp with time zone not null,
  used_at timestamp with time zone,
  constraint signature_nonces_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id),
  constraint signature_nonces_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint signature_nonces_pkey PRIMARY KEY (nonce),
  constraint signature_nonces_task_id_fkey FOREIGN KEY (task_id) REFERENCES tasks(id)
);
alter table signature_nonces enable row level security;
create policy municipality_sealed on signature_nonces for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table signing_keys (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  agent_id uuid not null,
  fingerprint text not null,
  algorithm text not null default 'ECDSA-P256-SHA256'::text,
  public_key_spki text not null,
  public_key_jwk jsonb not null,
  label text,
  enrolled_at timestamp with time zone not null default now(),
  revoked_at timestamp with time zone,
  revoked_by uuid,
  revocation_reason text,
  constraint signing_keys_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id),
  constraint signing_keys_fingerprint_key UNIQUE (fingerprint),
  constraint signing_keys_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint signing_keys_pkey PRIMARY KEY (id),
  constraint signing_keys_revoked_by_fkey FOREIGN KEY (revoked_by) REFERENCES agents(id)
);
alter table signing_keys enable row level security;
CREATE UNIQUE INDEX signing_keys_one_active on signing_keys USING btree (agent_id) WHERE (revoked_at IS NULL);
create policy municipality_sealed on signing_keys for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table stored_files (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid,
  procedure_key text,
  field_key text,
  channel text not null default 'web'::text,
  name text not null,
  content_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamp with time zone not null default now(),
  attached_at timestamp with time zone,
  uploader text,
  message_id uuid,
  constraint stored_files_message_id_fkey FOREIGN KEY (message_id) REFERENCES conversation_messages(id),
  constraint stored_files_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint stored_files_pkey PRIMARY KEY (id),
  constraint stored_files_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id),
  constraint stored_files_size_check CHECK ((size > 0))
);
alter table stored_files enable row level security;
CREATE INDEX stored_files_by_message on stored_files USING btree (message_id) WHERE (message_id IS NOT NULL);
CREATE INDEX stored_files_by_request on stored_files USING btree (municipality_id, request_id, uploaded_at);
CREATE INDEX stored_files_unattached on stored_files USING btree (municipality_id, uploaded_at) WHERE (request_id IS NULL);
CREATE INDEX stored_files_unattached_by_uploader on stored_files USING btree (uploader, uploaded_at) WHERE (request_id IS NULL);
create policy municipality_sealed on stored_files for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table tasks (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  request_id uuid not null,
  task_key text not null,
  element_id text not null,
  name text,
  candidate_groups text[] not null default '{}'::text[],
  candidate_users text[] not null default '{}'::text[],
  assignee text,
  form_id text,
  status text not null default 'open'::text,
  due_at timestamp with time zone,
  opened_at timestamp with time zone not null,
  closed_at timestamp with time zone,
  completed_by text,
  sla_state text not null default 'onTime'::text,
  workflow_id text,
  constraint tasks_pkey PRIMARY KEY (id),
  constraint tasks_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id),
  constraint tasks_request_id_task_key_key UNIQUE (request_id, task_key)
);
alter table tasks enable row level security;
CREATE INDEX tasks_assignee on tasks USING btree (assignee) WHERE (status = 'open'::text);
CREATE INDEX tasks_by_date on tasks USING btree (municipality_id, opened_at, id);
CREATE INDEX tasks_by_group on tasks USING gin (candidate_groups);
CREATE INDEX tasks_by_request on tasks USING btree (municipality_id, request_id) INCLUDE (candidate_groups);
CREATE INDEX tasks_inbox on tasks USING btree (municipality_id, status, opened_at) WHERE (status = 'open'::text);
create policy municipality_sealed on tasks for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));
CREATE TRIGGER tasks_announce_insert AFTER INSERT on tasks REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION parvis_announce_tasks();
CREATE TRIGGER tasks_announce_update AFTER UPDATE on tasks REFERENCING OLD TABLE AS previous_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION parvis_announce_tasks();
CREATE TRIGGER tasks_assign BEFORE INSERT on tasks FOR EACH ROW EXECUTE FUNCTION parvis_assign_task();

create table timeline_events (
  request_id uuid not null,
  position integer not null,
  municipality_id text not null,
  seq integer not null,
  kind text not null,
  payload jsonb not null,
  occurred_at timestamp with time zone not null,
  prev_hash text not null,
  hash text not null,
  redacted_at timestamp with time zone,
  constraint timeline_events_pkey PRIMARY KEY (request_id, "position"),
  constraint timeline_events_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);
alter table timeline_events enable row level security;
create policy municipality_sealed on timeline_events for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));
CREATE TRIGGER timeline_events_announce AFTER INSERT on timeline_events REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION parvis_announce_requests('request_id');
CREATE TRIGGER timeline_events_track_incidents AFTER INSERT on timeline_events FOR EACH ROW WHEN ((new.kind = ANY (ARRAY['incident'::text, 'incidentResolved'::text]))) EXECUTE FUNCTION parvis_track_incident();

create table tracking_links (
  token_hash text not null,
  municipality_id text not null,
  request_id uuid not null,
  expires_at timestamp with time zone not null,
  created_at timestamp with time zone not null default now(),
  constraint tracking_links_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint tracking_links_pkey PRIMARY KEY (token_hash),
  constraint tracking_links_request_id_fkey FOREIGN KEY (request_id) REFERENCES requests(id)
);
alter table tracking_links enable row level security;
CREATE INDEX tracking_links_by_request on tracking_links USING btree (request_id);
create policy municipality_sealed on tracking_links for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

create table workflow_data_keys (
  key_id text not null,
  wrapped_key bytea,
  master_key_id text,
  created_at timestamp with time zone not null default now(),
  destroyed_at timestamp with time zone,
  destroy_when_closed boolean not null default false,
  constraint workflow_data_keys_destroyed CHECK (((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))),
  constraint workflow_data_keys_pkey PRIMARY KEY (key_id)
);
CREATE INDEX workflow_data_keys_by_master on workflow_data_keys USING btree (master_key_id) WHERE (wrapped_key IS NOT NULL);
CREATE INDEX workflow_data_keys_to_destroy on workflow_data_keys USING btree (key_id) WHERE (destroy_when_closed AND (wrapped_key IS NOT NULL));
CREATE TRIGGER workflow_data_keys_destroyed AFTER UPDATE OF wrapped_key on workflow_data_keys FOR EACH ROW WHEN (((new.wrapped_key IS NULL) AND (old.wrapped_key IS NOT NULL))) EXECUTE FUNCTION parvis_tell_key_destroyed();

create table working_patterns (
  id uuid not null default gen_random_uuid(),
  municipality_id text not null,
  agent_id uuid not null,
  starts_on date not null,
  ends_on date,
  week_a text[] not null,
  week_b text[],
  updated_by uuid,
  updated_at timestamp with time zone not null default now(),
  constraint working_patterns_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id) ON DELETE CASCADE,
  constraint working_patterns_check CHECK ((ends_on >= starts_on)),
  constraint working_patterns_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id),
  constraint working_patterns_no_overlap EXCLUDE USING gist (agent_id WITH =, daterange(starts_on, ends_on, '[]'::text) WITH &&),
  constraint working_patterns_pkey PRIMARY KEY (id),
  constraint working_patterns_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES agents(id),
  constraint working_patterns_week_a_check CHECK ((week_a <@ ARRAY['MON_AM'::text, 'MON_PM'::text, 'TUE_AM'::text, 'TUE_PM'::text, 'WED_AM'::text, 'WED_PM'::text, 'THU_AM'::text, 'THU_PM'::text, 'FRI_AM'::text, 'FRI_PM'::text, 'SAT_AM'::text, 'SAT_PM'::text, 'SUN_AM'::text, 'SUN_PM'::text])),
  constraint working_patterns_week_b_check CHECK ((week_b <@ ARRAY['MON_AM'::text, 'MON_PM'::text, 'TUE_AM'::text, 'TUE_PM'::text, 'WED_AM'::text, 'WED_PM'::text, 'THU_AM'::text, 'THU_PM'::text, 'FRI_AM'::text, 'FRI_PM'::text, 'SAT_AM'::text, 'SAT_PM'::text, 'SUN_AM'::text, 'SUN_PM'::text]))
);
alter table working_patterns enable row level security;
CREATE INDEX working_patterns_agent on working_patterns USING btree (agent_id, starts_on);
create policy municipality_sealed on working_patterns for all to parvis_api using ((municipality_id = parvis_municipality())) with check ((municipality_id = parvis_municipality()));

function parvis_agent_absent(agent uuid, at timestamp with time zone) returns boolean;
function parvis_agent_session(token_hash text) returns TABLE(id uuid, municipality_id text, email text, display_name text, roles text[], groups text[]) security definer;
function parvis_agent_session_refused() returns trigger security definer;
function parvis_agent_working(agent uuid, at timestamp with time zone) returns boolean security definer;
function parvis_announce_requests() returns trigger;
function parvis_announce_tasks() returns trigger;
function parvis_assign_task() returns trigger security definer;
function parvis_audit_log_append_only() returns trigger;
function parvis_business_calendar(municipality text) returns jsonb;
function parvis_citizen_session(token_hash text) returns TABLE(id uuid, municipality_id text, email text) security definer;
function parvis_easter_sunday(y integer) returns date;
function parvis_erase_worker_records(citizen uuid, contacts text, names text) returns void security definer;
function parvis_file_request(municipality text, version uuid, code text, via text, variables jsonb, email text, citizen uuid, registrar uuid, once_key text) returns TABLE(id uuid, tracking_code text, workflow_id text, submitted_at timestamp with time zone, calendar jsonb);
function parvis_intake_municipality(address text) returns text security definer;
function parvis_intake_role_mail(address text, postmaster_town text) returns TABLE(municipality_id text, administrators text[]) security definer;
function parvis_issue_tracking_link(token text, request uuid, days integer) returns void;
function parvis_municipality() returns text;
function parvis_open_tracking_link(token text) returns TABLE(municipality_id text, tracking_code text, email text) security definer;
function parvis_operator_figures() returns TABLE(municipality_id text, procedure_key text, started bigint, completed bigint, open bigint, deadlines_missed bigint, in_incident bigint) security definer;
function parvis_place_coordinate(data jsonb, name text, bound double precision) returns double precision;
function parvis_platform_towns(session_hash text) returns TABLE(id text, name text, time_zone text, holiday_region text, disabled_at timestamp with time zone, created_at timestamp with time zone, hosts text[]) security definer;
function parvis_procedure_version_immutable() returns trigger;
function parvis_public_holiday(day date, region text) returns boolean;
function parvis_seal(target regclass, key_column text) returns void;
function parvis_sign_in_failed(account text, network text, remembered interval) returns void security definer;
function parvis_sign_in_failures(account text, network text, recent interval, remembered interval) returns TABLE(pair integer, pair_last_ago double precision, from_network integer, network_oldest_ago double precision, of_account integer) security definer;
function parvis_sign_in_succeeded(account text, network text) returns void security definer;
function parvis_tell_key_destroyed() returns trigger;
function parvis_town_for_host(name text) returns text security definer;
function parvis_town_open() returns trigger security definer;
function parvis_track_incident() returns trigger;
function parvis_tracked_request(tracking_code text, email text) returns text security definer;
function parvis_tracking_link_hash(token text) returns text;
function parvis_unattached_upload_bytes(uploader text, period interval, needed bigint, quota bigint) returns TABLE(used bigint, room_at timestamp with time zone) security definer;
