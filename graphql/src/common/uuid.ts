const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a client's id can be a row id at all (so a malformed one is "not found", not a database error). */
export const isUuid = (id: string | null | undefined): id is string => !!id && UUID.test(id);
