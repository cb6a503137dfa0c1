// The messages webhook: a town's systems (a payment provider, another service) POST a message to
// /webhooks/messages as JSON `{ "name", "correlationKey", "variables", "timeToLive", "messageId" }`
// (timeToLive in milliseconds), signed with the town's secret (renewMessageWebhookSecret). Headers:
//
//   X-Parvis-Municipality: <the town's id, e.g. demo>
//   X-Parvis-Timestamp:    <Unix time in seconds when the call is sent>
//   X-Parvis-Signature:    sha256=<hex HMAC-SHA256, under the secret, of "<timestamp>.<municipality>.<raw body>">
//
// the same signature as the SMS webhook's (intake/sms-webhook.ts): a call more than five minutes
// from its timestamp is refused, and a messageId makes a call sent twice publish once.

import type { Client } from '@temporalio/client';
import express, { type Request, type Response, Router } from 'express';
import type { Database } from '../common/database.ts';
import {
  REPLAY_WINDOW_SECONDS,
  SIGNATURE_HEADER,
  signatureMatches,
  TIMESTAMP_HEADER,
  timestampFresh,
} from '../intake/sms-webhook.ts';
import { checkMessage, type OutsideMessage, publishInTown } from './publish.ts';
import { webhookSecret } from './webhook-secret.ts';

export const MUNICIPALITY_HEADER = 'x-parvis-municipality';

const problem = (res: Response, status: number, error: string) => res.status(status).json({ error });

/** Publishes each signed message in its town; refuses, storing nothing, what is not. */
export function messageWebhookRoutes(db: Database, temporal: Client, log: (line: string) => void): Router {
  const router = Router();
  router.post('/', express.raw({ type: () => true, limit: '96kb' }), async (req: Request, res) => {
    const municipality = req.get(MUNICIPALITY_HEADER)?.trim() ?? '';
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const refuse = (status: number, why: string, error: string) => {
      log(`webhook: message for ${municipality || '?'} from ${req.ip} refused: ${why}`);
      return problem(res, status, error);
    };
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(municipality)) {
      return refuse(
        400,
        'no municipality',
        "En-tête X-Parvis-Municipality absent ou invalide : l'identifiant de la commune. / Header X-Parvis-Municipality missing or invalid: the town's id.",
      );
    }
    let town: { known: boolean; secret?: string };
    try {
      town = await db.within(municipality, async (tx) => {
        const [row] = await tx`select 1 from municipalities where id = ${municipality}`;
        return { known: Boolean(row), secret: row ? await webhookSecret(tx, municipality) : undefined };
      });
    } catch (error) {
      log(`webhook: message for ${municipality} not published: ${String(error)}`);
      return problem(res, 503, 'Service momentanément indisponible, réessayez. / Try again later.');
    }
    if (!town.known) {
      return refuse(404, 'unknown municipality', `Commune inconnue : ${municipality}. / Unknown municipality.`);
    }
    if (!town.secret) {
      return refuse(
        403,
        'no secret set',
        "Cette commune n'a pas de secret pour le webhook des messages (un administrateur le crée). / This town has no secret for the messages webhook (an administrator creates it).",
      );
    }
    const timestamp = req.get(TIMESTAMP_HEADER)?.trim();
    if (!timestampFresh(timestamp)) {
      return refuse(
        401,
        'timestamp out of the replay window',
        `Horodatage absent ou à plus de ${REPLAY_WINDOW_SECONDS / 60} minutes de l'heure du serveur (en-tête X-Parvis-Timestamp : secondes Unix de l'envoi). / Timestamp missing or more than ${REPLAY_WINDOW_SECONDS / 60} minutes from the server's time (header X-Parvis-Timestamp: Unix seconds of the call).`,
      );
    }
    if (!signatureMatches(town.secret, { timestamp, municipality, body }, req.get(SIGNATURE_HEADER))) {
      return refuse(
        401,
        'bad signature',
        'Signature absente ou fausse (en-tête X-Parvis-Signature : sha256=<HMAC de « horodatage.commune.corps »>). / Missing or wrong signature (header X-Parvis-Signature: sha256=<HMAC of "timestamp.municipality.body">).',
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(400, 'not JSON', "Le corps n'est pas du JSON. / The body is not JSON.");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return refuse(400, 'not an object', 'Le corps est un objet JSON. / The body is a JSON object.');
    }
    const message = checkMessage(parsed as OutsideMessage);
    if ('problem' in message) return refuse(400, message.problem, message.problem);
    try {
      const outcome = await publishInTown(temporal, municipality, message, 'webhook');
      log(
        `webhook: message ${message.messageName} for ${municipality}: ${outcome.duplicate ? 'duplicate' : `${outcome.correlated.length} correlated, ${outcome.started.length} started${outcome.buffered ? ', buffered' : ''}`}`,
      );
      res.status(outcome.duplicate ? 200 : 202).json(outcome);
    } catch (error) {
      log(`webhook: message for ${municipality} not published: ${String(error)}`);
      problem(res, 503, 'Service momentanément indisponible, réessayez. / Try again later.');
    }
  });
  return router;
}
