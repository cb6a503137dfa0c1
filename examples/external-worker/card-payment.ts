// The job an integrator's worker runs for Parvis: a service task of type `creditCardCharging`
// charges the amount its input mapping gives (variable `amount`) in the currency of its task
// header `currency`, and answers the payment's reference; a card refused is a BPMN error the
// model catches (error code PAYMENT_DECLINED), not a failure to retry.
import { ApplicationFailure } from '@temporalio/activity';

/** What Parvis gives the activity: the job as its own handlers get it. */
export interface ExternalJob {
  requestId: string;
  municipalityId: string;
  jobId: string;
  elementId: string;
  jobType: string;
  /** the task's zeebe:taskHeaders */
  headers: Record<string, string>;
  /** the task's input variables (its input mappings, else the request's variables) */
  variables: Record<string, unknown>;
}

export const JOB_TYPE = 'creditCardCharging';

/** The limit above which this example's bank refuses a card. */
const CARD_LIMIT = 1000;

export async function creditCardCharging(job: ExternalJob): Promise<Record<string, unknown>> {
  const amount = job.variables.amount;
  if (typeof amount !== 'number' || !(amount > 0)) {
    // Not the card's fault: an incident an operator resolves once the model maps `amount`.
    throw ApplicationFailure.nonRetryable(
      `Task ${job.elementId}: "amount" must be a positive number.`,
      'JOB_INPUT_MISSING',
    );
  }
  if (amount > CARD_LIMIT) {
    throw ApplicationFailure.create({
      type: 'BPMN_ERROR',
      message: `Card refused for ${amount} ${job.headers.currency ?? ''}`.trim(),
      details: [{ errorCode: 'PAYMENT_DECLINED' }],
      nonRetryable: true,
    });
  }
  return {
    paymentId: `PAY-${job.jobId.replace(/[^A-Za-z0-9]/g, '')}`,
    charged: amount,
    currency: job.headers.currency ?? 'EUR',
  };
}
