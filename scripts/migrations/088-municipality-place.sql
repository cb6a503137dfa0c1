-- Where the municipality is: the citizen's map to pick a place opens there. Both or neither;
-- null: the map opens on the whole of France.

alter table municipalities
  add column latitude double precision check (latitude between -90 and 90),
  add column longitude double precision check (longitude between -180 and 180),
  add constraint municipalities_place_whole check ((latitude is null) = (longitude is null));
