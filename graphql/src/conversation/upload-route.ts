import { type Request, type Response, Router } from 'express';
import { CITIZEN_COOKIE, citizenForSession } from '../accounts/sessions.ts';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Database } from '../common/database.ts';
import { maxUploadBytes } from '../files/limits.ts';
import { checkUploadQuotas } from '../files/quota.ts';
import { receiveUpload } from '../files/receive-upload.ts';
import { FileRefused } from '../files/refusal.ts';
import { storeFile } from '../files/store.ts';
import { uploaderOf } from '../files/uploader.ts';
import { findTrackedRequest } from '../requests/find.ts';
import type { RequestRow } from '../requests/repository.ts';
import { messageUploadField } from './message-files.ts';

/**
 * `POST /files/:municipality/demandes/:code`: a file for a message of the request's conversation
 * (multipart part `file`), from an agent the request concerns or its citizen (signed in, or
 * `?email=` the request was filed with). Checked as every upload is — type read from the bytes,
 * PARVIS_UPLOAD_MAX_BYTES, the hourly quotas — and kept unattached until the message that carries
 * it is sent (writeToCitizen, writeToTownHall, answerRequest's `messageFiles`). Answers
 * `{ id, name, contentType, size }`, or `{ code, message }` and the API's error shape: 404 for a
 * request the sender may not write on (as for none), 413, 415, 429.
 */
export function conversationFileRoutes(db: Database, log: (line: string) => void): Router {
  const router = Router();
  router.post('/:municipality/demandes/:code', async (req: Request, res: Response) => {
    const where = `the conversation of ${String(req.params.code)} from ${req.ip ?? 'unknown'}`;
    const refuse = (status: number, code: string, message: string, name = '', retryAfterSeconds?: number) => {
      log(
        `files: message upload refused (${code}${name ? `, name sent ${JSON.stringify(name.slice(0, 200))}` : ''}) to ${where}`,
      );
      if (retryAfterSeconds) res.set('Retry-After', String(retryAfterSeconds));
      res
        .status(status)
        .set('Cache-Control', 'no-store')
        .json({ code, message, errors: [{ message, extensions: { code, retryAfterSeconds } }] });
    };
    try {
      const request = await writableRequest(db, req, log);
      if (!request || request.municipality_id !== String(req.params.municipality)) {
        req.resume();
        return refuse(
          404,
          'NOT_FOUND',
          'Aucune demande ne correspond à ce numéro et cette adresse. / No request matches this code and e-mail.',
        );
      }
      const maxBytes = maxUploadBytes();
      const upload = await receiveUpload(req, res, maxBytes, refuse);
      if (!upload) return;
      const uploader = await uploaderOf(db, req, res);
      const stored = await db
        .within(request.municipality_id, async (tx) => {
          await checkUploadQuotas(tx, uploader, upload.bytes.byteLength);
          return storeFile(
            tx,
            {
              municipalityId: request.municipality_id,
              name: upload.name,
              bytes: upload.bytes,
              procedureKey: request.procedure_key,
              fieldKey: messageUploadField(request.tracking_code),
              uploader,
            },
            { maxBytes },
          );
        })
        .catch((error: unknown) => {
          if (error instanceof FileRefused)
            return refuse(error.status, error.code, error.message, upload.name, error.retryAfterSeconds);
          throw error;
        });
      if (!stored) return;
      res.status(201).set('Cache-Control', 'no-store').json({
        id: stored.id,
        name: stored.name,
        contentType: stored.contentType,
        size: stored.size,
      });
    } catch (error) {
      log(`files: message upload to ${where} failed: ${String(error)}`);
      if (!res.headersSent) {
        res.status(500).json({
          code: 'INTERNAL_SERVER_ERROR',
          message: "Le fichier n'a pas pu être enregistré ; réessayez. / The file could not be saved; try again.",
        });
      }
    }
  });
  return router;
}

/** The request, for an agent it concerns or its citizen; undefined for anyone else. */
async function writableRequest(
  db: Database,
  req: Request,
  log: (line: string) => void,
): Promise<RequestRow | undefined> {
  const [agent, citizen] = await Promise.all([
    agentForSession(db, req.cookies?.[SESSION_COOKIE]),
    citizenForSession(db, req.cookies?.[CITIZEN_COOKIE]),
  ]);
  const email = typeof req.query.email === 'string' ? req.query.email : undefined;
  return findTrackedRequest({ db, agent, citizen, log, req }, String(req.params.code), email).catch(() => undefined);
}
