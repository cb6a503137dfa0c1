-- Personal data out of Temporal (issue 16, points 4 and 5). Every payload a request's workflows
-- hand to Temporal (inputs, results, signals, updates, queries, activities, memo) is encrypted with
-- AES-256-GCM under that request's data key (workers/src/data-keys). The key is stored here, wrapped
-- by the installation's master key (PARVIS_MASTER_KEY). Erasing a person destroys their requests'
-- keys: the histories, and every backup of them, can no longer be read for that person.
-- Workers' own table: the API never reads it (no grant), it reaches it through the functions below.
create table workflow_data_keys (
  -- The workflow id whose payloads it encrypts: `request-<tracking code>` for a request and the
  -- processes it calls; a schedule's, a message's or a sweep's own workflow id otherwise.
  key_id text primary key,
  -- iv (12 bytes) | tag (16 bytes) | ciphertext (32 bytes); null once destroyed
  wrapped_key bytea,
  -- the master key that wrapped it (an id from PARVIS_MASTER_KEY or PARVIS_RETIRED_MASTER_KEYS)
  master_key_id text,
  created_at timestamptz not null default now(),
  destroyed_at timestamptz,
  -- set by an erasure while the request was still open: the key goes after the request closes
  destroy_when_closed boolean not null default false,
  constraint workflow_data_keys_destroyed check ((wrapped_key is null) = (destroyed_at is not null))
);
create index workflow_data_keys_by_master on workflow_data_keys (master_key_id) where wrapped_key is not null;

-- An erased person's open request keeps its key until it closes: its workflow still has to read its
-- own history to finish (a decision to sign, a notice to send). The workers destroy it a grace period
-- after the request closed (PARVIS_ERASURE_GRACE_SECONDS), once its workflow has ended.

-- Every process holding keys in memory forgets a destroyed one at once.
create function parvis_tell_key_destroyed() returns trigger
  language plpgsql
  as $$
  begin
    perform pg_notify('parvis_data_key_destroyed', new.key_id);
    return new;
  end
  $$;
create trigger workflow_data_keys_destroyed after update of wrapped_key on workflow_data_keys
  for each row when (new.wrapped_key is null and old.wrapped_key is not null)
  execute function parvis_tell_key_destroyed();

-- Timeline events an erasure rewrote: their hash no longer matches their content, and the chain's
-- check accepts that only for the erasure that stamped the citizen at the same instant.
alter table timeline_events add column redacted_at timestamptz;

-- The audit log stays append-only, but for an erasure (below): it may put « [effacé] » in place of
-- the person's words in who acted, on what, and the details, nothing else; only the erasure's
-- function sets the flag, and the API has no UPDATE right on the table at all.
create or replace function parvis_audit_log_append_only() returns trigger
  language plpgsql as $$
begin
  if tg_op = 'UPDATE' and current_setting('parvis.erasure', true) = 'on'
      and (new.id, new.municipality_id, new.at, new.actor_agent_id, new.actor_citizen_id, new.action, new.ip)
        is not distinct from (old.id, old.municipality_id, old.at, old.actor_agent_id, old.actor_citizen_id, old.action, old.ip) then
    return new;
  end if;
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

-- What an erasure does to the workers' tables, which the API cannot touch otherwise: the person's
-- requests' data keys are destroyed (those still open or just closed are marked: the workers destroy
-- them once the request has closed), and their words are replaced by « [effacé] » in the timeline
-- events, notifications and audit log: `contacts` (their e-mail addresses and phone numbers, a case-insensitive
-- regular expression) wherever they appear in their town, `names` only in their own requests, where
-- they cannot be someone else's. Signed events keep their signed text: rewriting it would break the
-- signature, and it holds the signer's decision, not the citizen's data.
-- Runs in the caller's transaction: under the API's role, only for a citizen of its municipality.
create function parvis_erase_worker_records(citizen uuid, contacts text, names text) returns void
  language plpgsql security definer set search_path = public
  as $$
  declare
    town text;
    own text := concat_ws('|', nullif(contacts, ''), nullif(names, ''));
  begin
    select c.municipality_id into town from citizens c
      where c.id = citizen and c.municipality_id = coalesce(parvis_municipality(), c.municipality_id);
    if town is null then
      return;
    end if;
    -- Closed a while ago: their workflows have ended, the keys go now. The others go after they close.
    update workflow_data_keys k set destroy_when_closed = true
      from requests r where r.citizen_id = citizen and k.key_id = r.workflow_id;
    update workflow_data_keys k set wrapped_key = null, master_key_id = null, destroyed_at = now()
      from requests r
      where r.citizen_id = citizen and k.key_id = r.workflow_id and k.wrapped_key is not null
        and r.closed_at < now() - interval '5 minutes';
    if own = '' then
      return;
    end if;
    update timeline_events t
      set payload = regexp_replace(t.payload::text, case when r.citizen_id = citizen then own else contacts end,
          '[effacé]', 'gi')::jsonb,
        redacted_at = now()
      from requests r
      where r.id = t.request_id and t.municipality_id = town and t.kind <> 'signed'
        and ((r.citizen_id = citizen and t.payload::text ~* own)
          or (contacts <> '' and t.payload::text ~* contacts));
    -- A notice's key (what delivers it once) names its recipient too.
    update notifications n
      set key = regexp_replace(n.key, own, '[effacé]', 'gi'),
        recipient = regexp_replace(n.recipient, own, '[effacé]', 'gi'),
        subject = regexp_replace(n.subject, own, '[effacé]', 'gi'),
        error = regexp_replace(n.error, own, '[effacé]', 'gi')
      from requests r
      where r.id = n.request_id and r.municipality_id = town
        and (r.citizen_id = citizen or (contacts <> '' and n.recipient ~* contacts));
    perform set_config('parvis.erasure', 'on', true);
    update audit_log a
      set actor_name = regexp_replace(a.actor_name, own, '[effacé]', 'gi'),
        target = regexp_replace(a.target, own, '[effacé]', 'gi'),
        details = regexp_replace(a.details::text, own, '[effacé]', 'gi')::jsonb
      where a.municipality_id = town
        and (a.actor_name ~* own or a.target ~* own or a.details::text ~* own)
        and (a.actor_citizen_id = citizen or (contacts <> '' and (a.actor_name ~* contacts or a.target ~* contacts
          or a.details::text ~* contacts)));
    perform set_config('parvis.erasure', 'off', true);
  end
  $$;
revoke all on function parvis_erase_worker_records(uuid, text, text) from public;
grant execute on function parvis_erase_worker_records(uuid, text, text) to parvis_api;
