-- Files people send with a request: photos and documents uploaded with a form, attachments of
-- e-mails received. The bytes live here, in a bytea column, rather than in a directory: they are
-- sealed by row-level security like the rest of the municipality's data, attached to their request
-- in the request's own transaction (nothing half-written, no orphan file on a disk), kept by the
-- same backups, and any API process can serve them (API processes keep no state). Files are capped
-- at a few megabytes, which PostgreSQL stores out of line (TOAST) without trouble.
create table stored_files (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  -- Null until the form that references it is submitted; an upload never attached is swept away.
  request_id uuid references requests(id),
  -- What it was sent for: the procedure and the form field of an upload, or the channel (`email`).
  procedure_key text,
  field_key text,
  channel text not null default 'web',
  -- The name as sent, stripped of any path and of characters unsafe in a file name.
  name text not null,
  -- Sniffed from the bytes, never the type the sender claimed.
  content_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamptz not null default now(),
  attached_at timestamptz
);
create index stored_files_by_request on stored_files (municipality_id, request_id, uploaded_at);
create index stored_files_unattached on stored_files (municipality_id, uploaded_at) where request_id is null;

select parvis_seal('stored_files');
