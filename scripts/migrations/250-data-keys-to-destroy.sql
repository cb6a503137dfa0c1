-- The keys an erasure left to destroy once their request closes (eraseCitizen marks them): every
-- worker looks for them every minute (DataKeys.destroyClosed), which read the whole table — one row
-- per workflow — without this index. It holds only the few keys waiting.
create index workflow_data_keys_to_destroy on workflow_data_keys (key_id)
  where destroy_when_closed and wrapped_key is not null;
