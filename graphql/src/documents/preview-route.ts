import type { ProcessIR } from '@parvis/engine';
import { snapshotQuery } from '@parvis/workers/messages';
import type { Client } from '@temporalio/client';
import { type Request, type Response, Router } from 'express';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Database } from '../common/database.ts';
import { taskShownTo } from '../requests/access.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { taskRepository } from '../tasks/repository.ts';
import type { TownPortal } from '../towns/request-town.ts';
import { trackingUrl } from './document-kinds.ts';
import { issuedDocumentPdf } from './issued-documents.ts';
import { documentPreviews } from './preview.ts';
import { loadRequestDocument } from './request-document.ts';

const NOT_FOUND =
  'Aucun aperçu : la tâche est introuvable, ou vous ne la voyez pas.\nNo preview: no such task, or not one you may see.\n';
const NO_PREVIEW =
  'Ce document ne peut pas encore être prévisualisé : il dépend de la décision (son motif) ou de données qui manquent.\n' +
  'This document cannot be previewed yet: it depends on the decision (its grounds) or on missing data.\n';
const FAILED = "L'aperçu n'a pas pu être produit ; réessayez.\nThe preview could not be produced; try again.\n";

/**
 * `GET /documents/:trackingCode/apercu/:taskId/:elementId.pdf`: for an agent who sees the task, the
 * document a later step would issue, rendered now from the request's live variables and marked as
 * a draft — what the signer reads before signing.
 */
export function documentPreviewRoutes(
  db: Database,
  temporal: Client,
  portalOf: TownPortal,
  log: (line: string) => void,
) {
  const router = Router();
  router.get('/:trackingCode/apercu/:taskId/:elementId.pdf', async (req: Request, res: Response) => {
    try {
      const agent = await agentForSession(db, req.cookies?.[SESSION_COOKIE]);
      const code = normaliseTrackingCode(String(req.params.trackingCode));
      const found = agent
        ? await db.within(agent.municipalityId, async (tx) => {
            const task = await taskRepository(tx).find(String(req.params.taskId), taskShownTo(tx, agent));
            if (!task || task.tracking_code !== code) return undefined;
            const [version] = await tx<{ ir: ProcessIR }[]>`select v.ir from requests r
              join procedure_versions v on v.id = r.procedure_version_id where r.id = ${task.request_id}`;
            const request = await loadRequestDocument(tx, code);
            return version && request ? { task, ir: version.ir, request } : undefined;
          })
        : undefined;
      if (!found) return void plain(res, 404, NOT_FOUND);
      const { variables } = await temporal.workflow.getHandle(found.task.workflow_id).query(snapshotQuery);
      const now = new Date();
      const preview = documentPreviews(found.ir, found.task.element_id, variables, now).find(
        (candidate) => candidate.elementId === req.params.elementId,
      );
      if (!preview) return void plain(res, 409, NO_PREVIEW);
      const pdf = await issuedDocumentPdf(
        found.request,
        preview.document,
        trackingUrl(await portalOf(found.request.municipalityId), code),
        now,
        {
          draft: true,
        },
      );
      res
        .status(200)
        .type('application/pdf')
        .set('Cache-Control', 'private, no-store')
        .set('Content-Disposition', `inline; filename="projet-${preview.template}-${code}.pdf"`)
        .send(Buffer.from(pdf));
    } catch (error) {
      log(`documents: preview for task ${req.params.taskId}: ${String(error)}`);
      plain(res, 500, FAILED);
    }
  });
  return router;
}

function plain(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(text);
}
