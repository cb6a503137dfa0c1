import { ApiError } from '../../../composables/useGraphql.ts';

/** What became of one request of a bulk action. */
export interface BulkOutcome {
  trackingCode: string;
  result: 'done' | 'skipped' | 'refused';
  /** why it was skipped or refused, in the server's words (`français / English`) or ours */
  why?: string;
  /** the server's code, when refused */
  code?: string;
}

/**
 * Runs one action per request, one after the other (a town hall's selection is tens of requests,
 * and each action is the same call an agent makes by hand, checked by the server the same way):
 * a refusal of one is reported and the others go on. `progress` hears how many are done.
 */
export async function runBulk(
  codes: string[],
  action: (code: string) => Promise<'done' | { skipped: string }>,
  progress: (done: number) => void,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const trackingCode of codes) {
    try {
      const result = await action(trackingCode);
      outcomes.push(
        result === 'done' ? { trackingCode, result: 'done' } : { trackingCode, result: 'skipped', why: result.skipped },
      );
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : new ApiError('INTERNAL_SERVER_ERROR', String(caught));
      outcomes.push({ trackingCode, result: 'refused', why: error.message, code: error.code });
    }
    progress(outcomes.length);
  }
  return outcomes;
}
