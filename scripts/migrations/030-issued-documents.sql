-- Documents issued by a `parvis:document` service task: a permit, a letter, a civil-status extract,
-- a decision. The row freezes the template's inputs and the number the document carries; the API
-- renders the PDF from them on demand. One row per (request, job): a retried job issues nothing twice.

-- Each municipality numbers its documents per year (`2026-000123`). A counter row rather than a
-- sequence: it is taken in the transaction that issues the document, so a rollback leaves no gap.
create table document_counters (
  municipality_id text not null references municipalities(id),
  year integer not null,
  last integer not null,
  primary key (municipality_id, year)
);

create table issued_documents (
  id uuid primary key default gen_random_uuid(),
  municipality_id text not null references municipalities(id),
  request_id uuid not null references requests(id),
  job_id text not null,
  element_id text not null,
  template text not null,
  title_fr text not null,
  title_en text not null,
  variables jsonb not null,
  document_number text not null,
  issued_at timestamptz not null default now(),
  unique (request_id, job_id),
  unique (municipality_id, document_number)
);
create index issued_documents_by_request on issued_documents (request_id, issued_at);

select parvis_seal('issued_documents');
select parvis_seal('document_counters');
-- Only the worker issues; the API reads.
revoke insert, update, delete on issued_documents, document_counters from parvis_api;
