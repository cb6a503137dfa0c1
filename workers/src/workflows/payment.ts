// Sandbox-safe: a payment's outcome reaches its request. The provider's notification and the payer's
// return (through the API) and the payment's expiry each settle it from what the provider says,
// then publish the `paiement` message the request waits for (once: its messageId is the payment's).
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { RequestActivities } from '../activities/index.ts';
import type { PaymentSettlement as Settlement, PaymentSettlementInput as SettlementInput } from '../messages.ts';

const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

/** A notification or a return: settle, then wake the request. */
export async function settlePaymentWorkflow(input: SettlementInput): Promise<Settlement> {
  const settlement = await io.settlePayment(input);
  if (settlement.message) {
    // A day in the buffer: the request may not wait at its catch yet when the payer is quick.
    // `from` is what the request's timeline shows of it: the provider and the outcome.
    await io.publishMessage({
      municipalityId: input.municipalityId,
      ...settlement.message,
      ttl: 86_400_000,
      from: `PayFiP ${settlement.message.variables.paymentStatus}`,
    });
  }
  return settlement;
}

/** Started with the payment: at its expiry, the provider is asked once more; no result makes it EXPIRED. */
export async function paymentExpiryWorkflow(input: {
  municipalityId: string;
  paymentId: string;
  expiresAt: string;
}): Promise<Settlement> {
  await sleep(Math.max(0, Date.parse(input.expiresAt) - Date.now()));
  return settlePaymentWorkflow({ municipalityId: input.municipalityId, paymentId: input.paymentId, source: 'expiry' });
}
