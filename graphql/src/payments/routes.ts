// The addresses a payment provider calls (issue 22, point 1). PayFiP posts `idOp` to the payment's
// notification address (server to server) and sends the payer's browser back to its return address.
// Neither is believed: the workers' settlePaymentWorkflow reads the payment from PayFiP, checks it
// is the one asked for, records every attempt, and wakes the waiting request with the result.
//
//   POST /payments/<town>/<payment>/notification?token=<the payment's secret>   body: idOp=<PayFiP's id>
//   GET|POST /payments/<town>/<payment>/return   → the request's tracking page, ?paiement=<status>
import { randomUUID } from 'node:crypto';
import {
  type PaymentSettlement,
  type PaymentSettlementInput,
  SETTLE_PAYMENT_WORKFLOW,
  TASK_QUEUE,
} from '@parvis/workers/messages';
import type { Client } from '@temporalio/client';
import express, { type Request, type Response, Router } from 'express';
import { isUuid } from '../common/uuid.ts';
import { trackingUrl } from '../documents/document-kinds.ts';
import type { TownPortal } from '../towns/request-town.ts';

const TOWN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** HTTP status of each refusal: what the caller did wrong, in its words. */
const REFUSAL_STATUS: Record<NonNullable<PaymentSettlement['refusal']>, number> = {
  BAD_SIGNATURE: 403,
  UNKNOWN_PAYMENT: 404,
  UNKNOWN_OPERATION: 404,
  MISMATCH: 409,
};

export function paymentRoutes(temporal: Client, portalOf: TownPortal, log: (line: string) => void): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  const settle = (input: PaymentSettlementInput): Promise<PaymentSettlement> =>
    temporal.workflow.execute(SETTLE_PAYMENT_WORKFLOW, {
      taskQueue: TASK_QUEUE,
      workflowId: `payment-${input.source}-${input.paymentId}-${randomUUID()}`,
      args: [input],
    });

  /** The town and payment of the path, or a refusal already answered. */
  const target = (req: Request, res: Response): { town: string; payment: string } | undefined => {
    const town = String(req.params.town);
    const payment = String(req.params.payment);
    if (TOWN.test(town) && isUuid(payment)) return { town, payment };
    log(`payment: ${req.method} ${req.baseUrl} refused: not a payment address`);
    res.status(404).type('text/plain').send('Paiement inconnu. / Unknown payment.');
    return undefined;
  };

  router.post('/:town/:payment/notification', form, async (req, res) => {
    const found = target(req, res);
    if (!found) return;
    const operationId = posted(req, 'idOp');
    if (!operationId) {
      log(`payment: notification for ${found.town}/${found.payment} refused: no idOp`);
      res
        .status(400)
        .type('text/plain')
        .send('idOp absent du corps (application/x-www-form-urlencoded). / idOp missing.');
      return;
    }
    try {
      const settlement = await settle({
        municipalityId: found.town,
        paymentId: found.payment,
        source: 'notification',
        operationId,
        token: typeof req.query.token === 'string' ? req.query.token : undefined,
      });
      log(
        `payment: notification for ${found.town}/${found.payment}: ${settlement.outcome}${settlement.status ? ` ${settlement.status}` : ''}`,
      );
      if (settlement.outcome === 'REFUSED') {
        res
          .status(REFUSAL_STATUS[settlement.refusal ?? 'MISMATCH'])
          .type('text/plain')
          .send(`Notification refusée : ${settlement.reason}`);
        return;
      }
      res.status(200).type('text/plain').send(settlement.outcome);
    } catch (error) {
      // PayFiP notifies again when it gets no 200: nothing is lost.
      log(`payment: notification for ${found.town}/${found.payment} not settled: ${String(error)}`);
      res.status(503).type('text/plain').send('Service momentanément indisponible, réessayez. / Try again later.');
    }
  });

  const back = async (req: Request, res: Response) => {
    const found = target(req, res);
    if (!found) return;
    try {
      const settlement = await settle({ municipalityId: found.town, paymentId: found.payment, source: 'return' });
      if (!settlement.trackingCode) {
        res.status(404).type('text/plain').send('Paiement inconnu. / Unknown payment.');
        return;
      }
      const status = settlement.status ?? 'PENDING';
      res.redirect(303, `${trackingUrl(await portalOf(found.town), settlement.trackingCode)}?paiement=${status}`);
    } catch (error) {
      log(`payment: return for ${found.town}/${found.payment} not settled: ${String(error)}`);
      res.status(503).type('text/plain').send('Service momentanément indisponible, réessayez. / Try again later.');
    }
  };
  router.get('/:town/:payment/return', back);
  router.post('/:town/:payment/return', form, back);
  return router;
}

/** A field PayFiP posts (form body), or in the query. */
function posted(req: Request, name: string): string | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = body[name] ?? body[name.toLowerCase()] ?? req.query[name] ?? req.query[name.toLowerCase()];
  return typeof value === 'string' && value.trim() !== '' && value.length <= 64 ? value.trim() : undefined;
}
