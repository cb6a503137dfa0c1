// The SMS webhook: the SMS gateway POSTs each text message received for a municipality to
// /intake/sms/<municipality> as JSON `{ "id", "from", "text" }`, signed with the shared secret
// SMS_WEBHOOK_SECRET. Two headers:
//
//   X-Parvis-Timestamp: <Unix time in seconds when the gateway sends the call, e.g. 1767225600>
//   X-Parvis-Signature: sha256=<hex HMAC-SHA256, under the secret, of "<timestamp>.<municipality>.<raw body>">
//
// where <municipality> is the id in the address (`demo` for /intake/sms/demo) and <raw body> the
// bytes sent. The signature thus holds for one municipality and one moment: a call replayed to
// another municipality's address, or more than five minutes from its timestamp, is refused (401).
// A call replayed within the five minutes is filed once, by the message's id (fileInbound).

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Client } from '@temporalio/client';
import express, { type Request, type Response, Router } from 'express';
import type { GraphQLError } from 'graphql';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Database } from '../common/database.ts';
import { fileInbound } from './inbound.ts';

export const SIGNATURE_HEADER = 'x-parvis-signature';
export const TIMESTAMP_HEADER = 'x-parvis-timestamp';

/** How far a call's timestamp may be from the API's clock, either way (clocks drift, networks lag). */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/** What the gateway signs: the call's time, the municipality it is addressed to, and its raw body. */
export interface SignedCall {
  timestamp: string;
  municipality: string;
  body: Buffer;
}

/** Whether `signature` is `sha256=` and the HMAC of the signed call under the secret (compared in constant time). */
export function signatureMatches(secret: string, call: SignedCall, signature: string | undefined): boolean {
  const hmac = createHmac('sha256', secret).update(`${call.timestamp}.${call.municipality}.`).update(call.body);
  const expected = Buffer.from(`sha256=${hmac.digest('hex')}`);
  const given = Buffer.from(signature?.trim().toLowerCase() ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether a timestamp header is Unix seconds within the replay window of `now` (milliseconds). */
export function timestampFresh(timestamp: string | undefined, now = Date.now()): timestamp is string {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now / 1000 - Number(timestamp)) <= REPLAY_WINDOW_SECONDS;
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
      const timestamp = req.get(TIMESTAMP_HEADER)?.trim();
      if (!timestampFresh(timestamp)) {
        log(`intake: SMS for ${municipality} from ${req.ip} refused: timestamp out of the replay window`);
        return problem(
          res,
          401,
          `Horodatage absent ou à plus de 5 minutes de l'heure du serveur (en-tête X-Parvis-Timestamp : secondes Unix de l'envoi). / Timestamp missing or more than 5 minutes from the server's time (header X-Parvis-Timestamp: Unix seconds of the call).`,
        );
      }
      if (!signatureMatches(secret, { timestamp, municipality, body }, req.get(SIGNATURE_HEADER))) {
        log(`intake: SMS for ${municipality} from ${req.ip} refused: bad signature`);
        return problem(
          res,
          401,
          `Signature absente ou fausse (en-tête X-Parvis-Signature : sha256=<HMAC de « horodatage.commune.corps »>). / Missing or wrong signature (header X-Parvis-Signature: sha256=<HMAC of "timestamp.municipality.body">).`,
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
