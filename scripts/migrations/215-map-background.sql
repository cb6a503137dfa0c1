-- Street maps by default (issue 20, point 3): each town's maps are drawn on the IGN's plan from the
-- State's Géoplateforme unless it chooses OpenStreetMap; map_tile_url, when set, still names a
-- town's own tile server and wins over both.
alter table municipality_settings
  add column map_background text not null default 'IGN_PLAN'
    check (map_background in ('IGN_PLAN', 'OPENSTREETMAP'));
