import type { Sql } from 'postgres';

/** As the API's UNATTACHED_LIFETIME_HOURS (graphql/src/files/limits.ts), which workers may not import. */
export const UNATTACHED_UPLOAD_LIFETIME_HOURS = 1;

/**
 * Deletes, in every municipality at once, the uploads no form submission took within the hour.
 * Idempotent: a second run finds nothing older left. Returns how many were deleted.
 */
export async function sweepUnattachedUploads(sql: Sql): Promise<number> {
  const deleted = await sql`delete from stored_files
    where request_id is null and uploaded_at < now() - make_interval(hours => ${UNATTACHED_UPLOAD_LIFETIME_HOURS})`;
  return deleted.count;
}
