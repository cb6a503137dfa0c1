-- Upload quotas: who sent an upload still waiting for its form, so that the bytes a client (and a
-- municipality) leaves unattached within the hour are counted from here, the same for every API
-- process. The uploader is named as the rate limit names a client: `citizen:<id>` or `agent:<id>`
-- when signed in, else `address:<ip>`. An address is personal data: it is cleared when the file is
-- attached to its request, and an unattached file is deleted within the hour and a bit.
alter table stored_files add column uploader text;
create index stored_files_unattached_by_uploader on stored_files (uploader, uploaded_at) where request_id is null;

-- The bytes of unattached uploads sent within `period`: by one client in every municipality
-- (`uploader`), or by anyone in the current municipality (`uploader` null). And, when `needed` more
-- bytes would go over `quota`, the moment enough of them leave the period to make room (null when
-- none would: `needed` alone is over the quota).
create function parvis_unattached_upload_bytes(uploader text, period interval, needed bigint, quota bigint)
  returns table (used bigint, room_at timestamptz)
  language sql stable security definer set search_path = public
  as $$
    with recent as (
      select f.uploaded_at, sum(f.size) over (order by f.uploaded_at, f.id) as through
      from stored_files f
      where f.request_id is null and f.uploaded_at > now() - period
        and case when parvis_unattached_upload_bytes.uploader is null then f.municipality_id = parvis_municipality()
          else f.uploader = parvis_unattached_upload_bytes.uploader end
    ), total as (select coalesce(max(through), 0)::bigint as bytes from recent)
    select total.bytes,
      (select min(r.uploaded_at) + period from recent r where total.bytes - r.through + needed <= quota)
    from total
  $$;

revoke all on function parvis_unattached_upload_bytes(text, interval, bigint, bigint) from public;
grant execute on function parvis_unattached_upload_bytes(text, interval, bigint, bigint) to parvis_api;
