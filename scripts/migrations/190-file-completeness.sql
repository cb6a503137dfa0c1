-- An incomplete file (CRPA art. L114-5): while pieces are missing, neither the implicit-decision delay
-- nor the instruction deadline runs; both count from the moment the file became complete.
--
-- complete_at: when the file became complete after being declared incomplete (null: complete at receipt).
-- missing_pieces: while incomplete, what is missing, since when, who said so and the deadline to send
-- them ({ missing: [{ id, fr, en }], since, by, deadline }); null otherwise.
alter table requests
  add column complete_at timestamptz,
  add column missing_pieces jsonb;
