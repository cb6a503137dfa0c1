import { filePickerFields } from '@parvis/engine';
import { type Request, type Response, Router } from 'express';
import { CITIZEN_COOKIE, citizenForSession } from '../accounts/sessions.ts';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Database } from '../common/database.ts';
import { procedureRepository } from '../procedures/repository.ts';
import { mayReadRequest } from '../requests/access.ts';
import { findTrackedRequest } from '../requests/find.ts';
import { maxUploadBytes } from './limits.ts';
import { checkUploadQuotas } from './quota.ts';
import { receiveUpload } from './receive-upload.ts';
import { FileRefused } from './refusal.ts';
import { maySendScans, SCAN_TYPES, SCANS_FIELD } from './scans.ts';
import { type FileContent, readStoredFile, storeFile, sweepUnattachedFiles } from './store.ts';
import { uploaderOf } from './uploader.ts';

const NOT_FOUND = {
  code: 'NOT_FOUND',
  message: 'Aucun fichier ne correspond à cette adresse. / No file at this address.',
};

/**
 * `POST /files/:municipality/:procedure?field=<filepicker key>`: a citizen filling a form uploads
 * one file (multipart part `file`) for one filepicker field of the procedure's start form (an agent
 * registering a request, a scan: `field=$scans`, scans.ts); the
 * answer is `{ id, name, contentType, size }`, the id going into the form's value. Refusals answer
 * `{ code, message }`, and the same in the API's shape `{ errors: [{ message, extensions: { code } }] }`
 * (413 too large, 415 type refused, 404 no such field, 429 upload quota exceeded with Retry-After),
 * and are logged.
 *
 * `GET /files/:id`: the file, for a signed-in agent its request concerns; for the citizen, with
 * `?code=<tracking code>&email=<e-mail>` of the request it is attached to (or signed in).
 */
export function fileRoutes(db: Database, log: (line: string) => void): Router {
  const router = Router();

  router.post('/:municipality/:procedure', async (req: Request, res: Response) => {
    const municipalityId = String(req.params.municipality);
    const procedureKey = String(req.params.procedure);
    const fieldKey = typeof req.query.field === 'string' ? req.query.field : '';
    const where = `${municipalityId}/${procedureKey} field "${fieldKey}" from ${req.ip ?? 'unknown'}`;
    const refuse = (status: number, code: string, message: string, name = '', retryAfterSeconds?: number) => {
      log(
        `files: upload refused (${code}${name ? `, name sent ${JSON.stringify(name.slice(0, 200))}` : ''}) to ${where}`,
      );
      if (retryAfterSeconds) res.set('Retry-After', String(retryAfterSeconds));
      res
        .status(status)
        .set('Cache-Control', 'no-store')
        .json({ code, message, errors: [{ message, extensions: { code, retryAfterSeconds } }] });
    };
    try {
      const maxBytes = maxUploadBytes();
      if (fieldKey === SCANS_FIELD && !(await maySendScans(db, req, municipalityId))) {
        req.resume();
        return refuse(
          403,
          'FORBIDDEN',
          "Seuls les agents de la mairie joignent des pièces numérisées. / Only the town hall's agents attach scans.",
        );
      }
      const picker = await db.within(municipalityId, async (tx) => {
        if (fieldKey === SCANS_FIELD) return { field: SCANS_FIELD, accept: SCAN_TYPES };
        const procedures = procedureRepository(tx);
        const [procedure, version] = [
          await procedures.find(procedureKey),
          await procedures.latestVersion(procedureKey),
        ];
        const formId = version?.ir.startFormId;
        if (!procedure?.published || !version || !formId) return undefined;
        return filePickerFields(version.forms[formId] as never).find((field) => field.field === fieldKey);
      });
      if (!picker) {
        req.resume();
        return refuse(
          404,
          'NOT_FOUND',
          `Le formulaire de « ${procedureKey} » n'a pas de champ de fichiers « ${fieldKey} ». / The form of "${procedureKey}" has no file field "${fieldKey}".`,
        );
      }
      const upload = await receiveUpload(req, res, maxBytes, refuse);
      if (!upload) return;
      const uploader = await uploaderOf(db, req, res);
      const stored = await db
        .within(municipalityId, async (tx) => {
          await sweepUnattachedFiles(tx);
          await checkUploadQuotas(tx, uploader, upload.bytes.byteLength);
          return storeFile(
            tx,
            { municipalityId, name: upload.name, bytes: upload.bytes, procedureKey, fieldKey, uploader },
            { maxBytes, accept: picker.accept },
          );
        })
        .catch((error: unknown) => {
          if (error instanceof FileRefused) {
            return refuse(error.status, error.code, error.message, upload.name, error.retryAfterSeconds);
          }
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
      log(`files: upload to ${where} failed: ${String(error)}`);
      if (!res.headersSent) {
        res.status(500).json({
          code: 'INTERNAL_SERVER_ERROR',
          message: "Le fichier n'a pas pu être enregistré ; réessayez. / The file could not be saved; try again.",
        });
      }
    }
  });

  router.get('/:id', async (req: Request, res: Response) => {
    try {
      const file = await readableFile(db, req, log);
      if (!file) return void res.status(404).set('Cache-Control', 'no-store').json(NOT_FOUND);
      res
        .status(200)
        .type(file.contentType)
        .set({
          'Cache-Control': 'private, no-store',
          'Content-Disposition': `attachment; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          // Served as what its bytes are, never run: no sniffing, no script even if opened inline.
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; sandbox",
        })
        .send(file.content);
    } catch (error) {
      log(`files: download of ${req.params.id} failed: ${String(error)}`);
      res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Erreur interne. / Internal error.' });
    }
  });

  return router;
}

/** An attached file, for an agent its request concerns (requests/access.ts) or the citizen of its request. */
async function readableFile(db: Database, req: Request, log: (line: string) => void): Promise<FileContent | undefined> {
  const id = String(req.params.id);
  const agent = await agentForSession(db, req.cookies?.[SESSION_COOKIE]);
  if (agent) {
    const file = await db.within(agent.municipalityId, async (tx) => {
      const stored = await readStoredFile(tx, id);
      return stored?.requestId && (await mayReadRequest(tx, agent, { id: stored.requestId })) ? stored : undefined;
    });
    if (file) return file;
  }
  const code = typeof req.query.code === 'string' ? req.query.code : '';
  if (!code) return undefined;
  const citizen = await citizenForSession(db, req.cookies?.[CITIZEN_COOKIE]);
  const email = typeof req.query.email === 'string' ? req.query.email : undefined;
  const request = await findTrackedRequest({ db, agent, citizen, log, req }, code, email).catch(() => undefined);
  if (!request) return undefined;
  const file = await db.within(request.municipality_id, (tx) => readStoredFile(tx, id));
  return file?.requestId === request.id ? file : undefined;
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}
