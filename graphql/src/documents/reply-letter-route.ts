import { type Request, type Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Address } from '../citizens/repository.ts';
import type { Database } from '../common/database.ts';
import { CASEWORKERS, hasRole } from '../common/roles.ts';
import { isUuid } from '../common/uuid.ts';
import { requestShownTo } from '../requests/access.ts';
import { requestRepository } from '../requests/repository.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { renderForRequest, templateText } from '../templates/render.ts';
import { replyTemplateRepository } from '../templates/repository.ts';
import { citizenName } from '../templates/request-facts.ts';
import type { TownPortal } from '../towns/request-town.ts';
import { trackingUrl } from './document-kinds.ts';
import { DEFAULT_REPLY_LETTER, replyLetterPdf } from './reply-letter.ts';
import { loadRequestDocument } from './request-document.ts';

/** Where the reply letter of a request is printed from; `modele` names the template that words it. */
export const REPLY_LETTER_FILE = 'courrier.pdf';

const NOT_FOUND =
  'Aucune demande ne correspond à ce numéro de suivi parmi les vôtres, ou aucun modèle à ce numéro : connectez-vous en agent de la mairie.\n' +
  'No request of yours matches this tracking code, or no template this id: sign in as an agent of the town hall.\n';

const FAILED =
  "Le courrier n'a pas pu être produit ; réessayez dans quelques instants.\n" +
  'The letter could not be produced; try again in a moment.\n';

/**
 * `GET /documents/:trackingCode/courrier.pdf[?modele=<template id>]`: the reply to a request, as a
 * letter to print and post (a request received by post, a citizen without e-mail), worded by the
 * template named or else the acknowledgement letter. For the agents the request concerns
 * (requests/access.ts) only: the town hall prints it.
 */
export function replyLetterRoutes(db: Database, portalOf: TownPortal, log: (line: string) => void): Router {
  const router = Router();
  router.get(`/:trackingCode/${REPLY_LETTER_FILE}`, async (req: Request, res: Response) => {
    const code = normaliseTrackingCode(String(req.params.trackingCode));
    const templateId = typeof req.query.modele === 'string' && req.query.modele ? req.query.modele : null;
    try {
      const agent = await agentForSession(db, req.cookies?.[SESSION_COOKIE]);
      if (!agent || !hasRole(agent, ...CASEWORKERS) || (templateId && !isUuid(templateId))) {
        return void plain(res, 404, NOT_FOUND);
      }
      const publicUrl = await portalOf(agent.municipalityId);
      const pdf = await db.within(agent.municipalityId, async (tx) => {
        const request = await requestRepository(tx).byTrackingCode(code, requestShownTo(tx, agent));
        const template = templateId ? await replyTemplateRepository(tx).find(templateId) : undefined;
        if (!request || (templateId && !template)) return undefined;
        const now = new Date();
        const reply = await renderForRequest(
          tx,
          {
            text: template ? templateText(template) : DEFAULT_REPLY_LETTER,
            procedureKey: template?.procedure_key ?? null,
          },
          request,
          publicUrl,
          now,
        );
        const [document, [citizen]] = await Promise.all([
          loadRequestDocument(tx, code),
          tx<{ first_name: string | null; last_name: string | null; addresses: Address[] }[]>`
            select first_name, last_name, addresses from citizens where id = ${request.citizen_id}`,
        ]);
        const recipient = { name: citizenName(citizen), address: citizen?.addresses[0] ?? null };
        return replyLetterPdf(document!, reply, recipient, trackingUrl(publicUrl, code), now);
      });
      if (!pdf) return void plain(res, 404, NOT_FOUND);
      res
        .status(200)
        .type('application/pdf')
        .set('Cache-Control', 'private, no-store')
        .set('Content-Disposition', `inline; filename="courrier-${code}.pdf"`)
        .send(Buffer.from(pdf));
    } catch (error) {
      // A template for another procedure: its words say which (render.ts).
      if (error instanceof GraphQLError) return void plain(res, 409, `${error.message}\n`);
      log(`documents: reply letter of ${code}: ${String(error)}`);
      plain(res, 500, FAILED);
    }
  });
  return router;
}

function plain(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(text);
}
