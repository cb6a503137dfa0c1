import { type Request, type Response, Router } from 'express';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Database } from '../common/database.ts';
import { mayReadRequest } from '../requests/access.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { verifyRequest } from '../signatures/verification.ts';
import type { TownPortal } from '../towns/request-town.ts';
import { implicitAcceptanceCertificatePdf } from './certificate.ts';
import { decisionPdf } from './decision.ts';
import { DOCUMENT_KINDS, type DocumentKind, trackingUrl } from './document-kinds.ts';
import { serveIssuedDocuments } from './issued-documents.ts';
import { acknowledgementPdf } from './receipt.ts';
import { replyLetterRoutes } from './reply-letter-route.ts';
import { loadRequestDocument, type RequestDocument } from './request-document.ts';

// One answer for "no such code" and "not yours", so codes cannot be probed.
const NOT_FOUND =
  'Aucune demande ne correspond à ce numéro de suivi et à cette adresse e-mail : vérifiez-les, ou connectez-vous si vous êtes agent de la mairie.\n' +
  'No request matches this tracking code and e-mail address: check them, or sign in if you are an agent of the town hall.\n';

const NO_IMPLICIT_ACCEPTANCE =
  "Pas de certificat de décision implicite d'acceptation pour cette demande : l'administration n'a pas laissé " +
  "naître d'acceptation tacite (la démarche n'en prévoit pas, le délai court encore, ou une décision a été prise).\n" +
  "No certificate of implicit acceptance for this request: no acceptance arose from the administration's silence " +
  '(the procedure provides none, the time limit is still running, or a decision was made).\n';

const NO_SIGNATURE = 'Pas encore de décision signée sur cette demande.\n' + 'No signed decision on this request yet.\n';

const FAILED =
  "Le document n'a pas pu être produit ; réessayez dans quelques instants.\n" +
  'The document could not be produced; try again in a moment.\n';

/** Makes the PDF, or answers undefined when the request has no such document (yet). */
type Render = (request: RequestDocument, trackingUrl: string) => Promise<Uint8Array | undefined>;

/**
 * The PDF documents of a request, at `/documents/:trackingCode/<file>.pdf`: for the citizen who
 * gives the e-mail the request was filed with (`?email=`), or a signed-in agent it concerns.
 */
export function documentRoutes(db: Database, portalOf: TownPortal, log: (line: string) => void): Router {
  const router = Router();
  const serve = (kind: DocumentKind, render: Render, absent = NO_IMPLICIT_ACCEPTANCE) =>
    router.get(`/:trackingCode/${DOCUMENT_KINDS[kind].file}`, async (req: Request, res: Response) => {
      try {
        const request = await readableRequest(db, req);
        if (!request) return void plain(res, 404, NOT_FOUND);
        const pdf = await render(request, trackingUrl(await portalOf(request.municipalityId), request.trackingCode));
        if (!pdf) return void plain(res, 409, absent);
        res
          .status(200)
          .type('application/pdf')
          .set('Cache-Control', 'private, no-store')
          .set(
            'Content-Disposition',
            `inline; filename="${DOCUMENT_KINDS[kind].file.replace('.pdf', '')}-${request.trackingCode}.pdf"`,
          )
          .send(Buffer.from(pdf));
      } catch (error) {
        log(`documents: ${kind} of ${req.params.trackingCode}: ${String(error)}`);
        plain(res, 500, FAILED);
      }
    });
  serve('acknowledgement', (request, url) => acknowledgementPdf(request, url, new Date()));
  serve('implicitAcceptanceCertificate', async (request, url) =>
    request.implicitDecision === 'acceptance' && request.implicitDecisionAt
      ? implicitAcceptanceCertificatePdf(request, request.implicitDecisionAt, url, new Date())
      : undefined,
  );
  // Documents issued by `parvis:document` tasks, `/:trackingCode/2026-000123.pdf`, to the same people.
  serveIssuedDocuments(router, {
    db,
    readable: (req) => readableRequest(db, req),
    notFound: (res) => plain(res, 404, NOT_FOUND),
    failed: (res) => plain(res, 500, FAILED),
    trackingUrl: async (request) => trackingUrl(await portalOf(request.municipalityId), request.trackingCode),
    log,
  });
  serve(
    'signedDecision',
    async (request, url) => {
      const report = await db.within(request.municipalityId, (tx) => verifyRequest(tx, request.trackingCode));
      return report ? decisionPdf(request, report, url, new Date()) : undefined;
    },
    NO_SIGNATURE,
  );
  // The reply as a letter to print, for agents (reply-letter-route.ts).
  router.use(replyLetterRoutes(db, portalOf, log));
  return router;
}

/** The request for a signed-in agent it concerns (requests/access.ts), or for whoever gives the e-mail it was filed with. */
async function readableRequest(db: Database, req: Request): Promise<RequestDocument | undefined> {
  const code = normaliseTrackingCode(String(req.params.trackingCode));
  const load = (municipalityId: string) => db.within(municipalityId, (tx) => loadRequestDocument(tx, code));
  const agent = await agentForSession(db, req.cookies?.[SESSION_COOKIE]);
  const byAgent = agent
    ? await db.within(agent.municipalityId, async (tx) =>
        (await mayReadRequest(tx, agent, { trackingCode: code })) ? loadRequestDocument(tx, code) : undefined,
      )
    : undefined;
  if (byAgent) return byAgent;
  const email = typeof req.query.email === 'string' ? req.query.email : '';
  if (!email) return undefined;
  const [match] = await db.outside(
    (tx) => tx<{ municipality: string | null }[]>`select parvis_tracked_request(${code}, ${email}) as municipality`,
  );
  return match?.municipality ? load(match.municipality) : undefined;
}

function plain(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(text);
}
