// The SMS webhook: the SMS gateway POSTs each text message received for a municipality to
// /intake/sms/<municipality> as JSON `{ "id", "from", "text" }`, signed with the shared secret:
// header `X-Parvis-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Client } from '@temporalio/client';
import express, { type Request, type Response, Router } from 'express';
import type { GraphQLError } from 'graphql';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Database } from '../common/database.ts';
import { fileInbound } from './inbound.ts';

export const SIGNATURE_HEADER = 'x-parvis-signature';

/** Whether `signature` is `sha256=` and the HMAC of the body under the secret (compared in constant time). */
export function signatureMatches(secret: string, body: Buffer, signature: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature?.trim().toLowerCase() ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const problem = (res: Response, status: number, error: string) => res.status(status).json({ error });

/** Files each text message the gateway forwards as a `contact` request on the channel `sms`. */
export function smsWebhookRoutes(
  db: Database,
  temporal: Client,
  secret: string | undefined,
  log: (line: string) => void,
): Router {
  const router = Router();
  router.post(
    '/:municipality',
    express.raw({ type: () => true, limit: '64kb' }),
    async (req: Request<{ municipality: string }>, res) => {
      const municipality = req.params.municipality;
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!secret) {
        log(`intake: SMS for ${municipality} from ${req.ip} refused: SMS_WEBHOOK_SECRET is not set`);
        return problem(res, 503, "Le webhook SMS n'est pas configuré. / The SMS webhook is not configured.");
      }
      if (!signatureMatches(secret, body, req.get(SIGNATURE_HEADER))) {
        log(`intake: SMS for ${municipality} from ${req.ip} refused: bad signature`);
        return problem(
          res,
          401,
          `Signature absente ou fausse (en-tête X-Parvis-Signature: sha256=<HMAC du corps>). / Missing or wrong signature (header X-Parvis-Signature).`,
        );
      }
      let sms: { id?: unknown; from?: unknown; text?: unknown };
      try {
        sms = JSON.parse(body.toString('utf8'));
      } catch {
        return problem(res, 400, "Le corps n'est pas du JSON. / The body is not JSON.");
      }
      const phone = typeof sms.from === 'string' ? parsePhoneNumberFromString(sms.from, 'FR') : undefined;
      const bad = !phone?.isValid()
        ? `from : numéro de téléphone invalide (${JSON.stringify(sms.from)}). / from: not a valid phone number.`
        : typeof sms.text !== 'string' || !sms.text.trim()
          ? 'text : message vide. / text: empty message.'
          : typeof sms.id !== 'string' || !sms.id.trim()
            ? "id : identifiant du message manquant (il évite d'enregistrer deux fois le même SMS). / id: the message's id is required."
            : undefined;
      if (bad) {
        log(`intake: SMS for ${municipality} refused: ${bad}`);
        return problem(res, 400, bad);
      }
      try {
        const { trackingCode, duplicate } = await fileInbound(db, temporal, {
          municipalityId: municipality,
          channel: 'sms',
          messageId: (sms.id as string).trim(),
          sender: phone!.number,
          senderVerified: true,
          senderCheck:
            'Numéro transmis par la passerelle SMS (signature vérifiée). / Number given by the SMS gateway (signature checked).',
          subject: '',
          text: sms.text as string,
        });
        log(
          `intake: ${duplicate ? 'copy of' : 'filed'} ${trackingCode} for ${municipality} from ${phone!.number} (sms)`,
        );
        res.status(duplicate ? 200 : 201).json({ trackingCode, duplicate });
      } catch (error) {
        // A refusal, not an outage: the gateway must not send it again.
        if ((error as GraphQLError).extensions?.code === 'CHANNEL_NOT_ALLOWED') {
          log(`intake: SMS for ${municipality} refused: ${(error as Error).message}`);
          return problem(res, 403, (error as Error).message);
        }
        if ((error as GraphQLError).extensions?.code === 'NOT_FOUND') {
          log(`intake: SMS for ${municipality} refused: ${(error as Error).message}`);
          return problem(
            res,
            404,
            `Commune inconnue ou sans démarche contact : ${municipality}. / Unknown municipality.`,
          );
        }
        log(`intake: SMS for ${municipality} not filed: ${String(error)}`);
        problem(res, 503, 'Service momentanément indisponible, réessayez. / Try again later.');
      }
    },
  );
  return router;
}
