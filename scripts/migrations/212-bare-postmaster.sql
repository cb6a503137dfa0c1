-- Bare `postmaster` (RFC 5321 §4.5.1: a RCPT TO without a domain, which a mail server MUST accept),
-- and a fix to migration 210: an address without a domain matched every town without an intake
-- address (their empty domain). A domain must now be there and equal a town's; bare `postmaster`
-- goes to the administrators of the town the installation names for it (its default town).
drop function parvis_intake_role_mail(text);

create function parvis_intake_role_mail(address text, postmaster_town text)
  returns table (municipality_id text, administrators text[])
  language sql stable security definer set search_path = public
  as $$
    select m.id, array(
        select a.email from agents a
        where a.municipality_id = m.id and 'administrator' = any(a.roles) and a.disabled_at is null
        order by a.email)
    from municipalities m
    where (position('@' in address) = 0 and lower(trim(address)) = 'postmaster' and m.id = postmaster_town)
      or (lower(split_part(trim(address), '@', 1)) in ('postmaster', 'abuse')
        and split_part(trim(address), '@', 2) <> ''
        and lower(split_part(trim(address), '@', 2)) in (
          lower(split_part(m.contact_email, '@', 2)), lower(split_part(coalesce(m.intake_email, ''), '@', 2))))
    order by m.id
  $$;

revoke all on function parvis_intake_role_mail(text, text) from public;
grant execute on function parvis_intake_role_mail(text, text) to parvis_api;
