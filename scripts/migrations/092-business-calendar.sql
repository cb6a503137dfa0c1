-- A municipality's business calendar, in the shape the engine takes (BusinessCalendar): the one
-- reader for the API (submitted requests) and the worker (scheduled requests). Closures from a
-- month ago on: older ones move no deadline. Runs as its caller, so under row-level security it
-- sees only the municipality of the transaction; null for a municipality it cannot see.
create function parvis_business_calendar(municipality text) returns jsonb
  language sql stable
  as $$
    select jsonb_build_object(
      'timeZone', m.time_zone,
      'alsaceMoselle', m.alsace_moselle,
      'closures', coalesce(
        (select jsonb_agg(to_char(c.day, 'YYYY-MM-DD') order by c.day) from municipality_closures c
          where c.municipality_id = m.id and c.day >= current_date - 31),
        '[]'::jsonb))
    from municipalities m where m.id = municipality
  $$;

grant execute on function parvis_business_calendar(text) to parvis_api;
