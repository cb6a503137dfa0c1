-- Mail to postmaster@ and abuse@ of a town's domain (issue 20, point 5). RFC 5321 §4.5.1 requires a
-- domain's mail server to take postmaster@ (and RFC 2142 names abuse@): when Parvis is a town's MX,
-- those messages are for the people who run the town's installation, its administrators, and
-- never become requests. A town's domain is that of its contact or intake address.
create function parvis_intake_role_mail(address text)
  returns table (municipality_id text, administrators text[])
  language sql stable security definer set search_path = public
  as $$
    select m.id, array(
        select a.email from agents a
        where a.municipality_id = m.id and 'administrator' = any(a.roles) and a.disabled_at is null
        order by a.email)
    from municipalities m
    where lower(split_part(trim(address), '@', 1)) in ('postmaster', 'abuse')
      and lower(split_part(trim(address), '@', 2)) in (
        lower(split_part(m.contact_email, '@', 2)), lower(split_part(coalesce(m.intake_email, ''), '@', 2)))
    order by m.id
  $$;

revoke all on function parvis_intake_role_mail(text) from public;
grant execute on function parvis_intake_role_mail(text) to parvis_api;
