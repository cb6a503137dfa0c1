-- Reading settings a citizen chose in the portal (text size, contrast, line spacing), kept with
-- their account so that they follow them to another device. Null until they choose.
alter table citizens add column reading_settings jsonb;
