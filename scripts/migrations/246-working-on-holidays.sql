-- Assignment reads public holidays too (issue 22, point 3): an agent whose patterns say they work
-- on a weekday does not on a public holiday of the town's region, as the planning
-- (engine/src/calendar/holidays.ts, which this function mirrors; a test compares both) says.

-- Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, as easter.ts computes it).
create function parvis_easter_sunday(y integer) returns date
  language sql immutable
  as $$
    select make_date(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1)
    from (select a, h, l, (a + 11 * h + 22 * l) / 451 as m
      from (select a, h, (32 + 2 * e + 2 * (c / 4) - h - c % 4) % 7 as l
        from (select a, c, e, (19 * a + b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 15) % 30 as h
          from (select y % 19 as a, y / 100 as b, y % 100 as c, (y / 100) % 4 as e) s1) s2) s3) s4
  $$;

-- Whether a day is a public holiday in a holiday region (metropole, alsace-moselle, overseas).
create function parvis_public_holiday(day date, region text) returns boolean
  language sql immutable
  as $$
    select to_char(day, 'MM-DD') in ('01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25')
      or day - parvis_easter_sunday(extract(year from day)::int) in (1, 39, 50)
      or (region = 'alsace-moselle'
        and (to_char(day, 'MM-DD') = '12-26' or day = parvis_easter_sunday(extract(year from day)::int) - 2))
      or to_char(day, 'MM-DD') = case region
        when 'guadeloupe' then '05-27' when 'martinique' then '05-22' when 'guyane' then '06-10'
        when 'la-reunion' then '12-20' when 'mayotte' then '04-27' end
  $$;
grant execute on function parvis_easter_sunday(integer) to parvis_api;
grant execute on function parvis_public_holiday(date, text) to parvis_api;

create or replace function parvis_agent_working(agent uuid, at timestamptz) returns boolean
  language plpgsql stable security definer set search_path = public
  as $$
declare
  town municipalities;
  local_at timestamp;
  pattern working_patterns;
  week text[];
begin
  select m.* into town from municipalities m join agents a on a.municipality_id = m.id where a.id = agent;
  if not exists (select 1 from working_patterns p where p.agent_id = agent) then
    return true;
  end if;
  local_at := at at time zone town.time_zone;
  if exists (select 1 from municipality_closures c where c.municipality_id = town.id and c.day = local_at::date)
    or parvis_public_holiday(local_at::date, town.holiday_region) then
    return false;
  end if;
  select * into pattern from working_patterns p
    where p.agent_id = agent and p.starts_on <= local_at::date and (p.ends_on is null or local_at::date <= p.ends_on);
  if not found then
    return false;
  end if;
  week := case
    when pattern.week_b is not null
      and ((date_trunc('week', local_at)::date - date_trunc('week', pattern.starts_on)::date) / 7) % 2 = 1
    then pattern.week_b else pattern.week_a end;
  return (array['MON','TUE','WED','THU','FRI','SAT','SUN'])[extract(isodow from local_at)::int]
    || case when local_at::time < time '13:00' then '_AM' else '_PM' end = any(week);
end $$;
