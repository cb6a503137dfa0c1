// Sandbox-safe: what operators find requests by in Temporal (its Web UI, `temporal workflow list
// --query`), now that payloads are encrypted. None of it is personal data: the town, the procedure,
// the tracking code, the status and the deadline's state.
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import { patched, upsertSearchAttributes } from '@temporalio/workflow';

export const SEARCH_ATTRIBUTES = {
  town: defineSearchAttributeKey('ParvisTown', SearchAttributeType.KEYWORD),
  /** the BPMN process id: the procedure's key for the procedures Parvis ships */
  procedure: defineSearchAttributeKey('ParvisProcedure', SearchAttributeType.KEYWORD),
  trackingCode: defineSearchAttributeKey('ParvisTrackingCode', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('ParvisStatus', SearchAttributeType.KEYWORD),
  deadlineState: defineSearchAttributeKey('ParvisDeadlineState', SearchAttributeType.KEYWORD),
};

/**
 * Requests started since this marker carry the search attributes; those started before replay
 * without them (their histories have no upsert to match).
 */
const SEARCHABLE = 'request-search-attributes';

/**
 * Keeps a request's search attributes: all of them at its first step, then status and deadline as
 * they change. A request continued as new keeps those it had (`resumed`).
 */
export function searchableRequest(
  request: { municipalityId: string; trackingCode: string; processId: string },
  resumed: boolean,
) {
  let searchable: boolean | undefined;
  let first = !resumed;
  return (changes: { status?: string; slaState?: string } | undefined) => {
    searchable ??= patched(SEARCHABLE);
    if (!searchable) return;
    const pairs: SearchAttributeUpdatePair[] = [];
    if (first) {
      pairs.push(
        { key: SEARCH_ATTRIBUTES.town, value: request.municipalityId },
        { key: SEARCH_ATTRIBUTES.procedure, value: request.processId },
        { key: SEARCH_ATTRIBUTES.trackingCode, value: request.trackingCode },
      );
      first = false;
    }
    if (changes?.status) pairs.push({ key: SEARCH_ATTRIBUTES.status, value: changes.status });
    if (changes?.slaState) pairs.push({ key: SEARCH_ATTRIBUTES.deadlineState, value: changes.slaState });
    if (pairs.length > 0) upsertSearchAttributes(pairs);
  };
}
