import { type Request, type Response, Router } from 'express';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import { auditSource, recordAudit } from '../audit/record.ts';
import { csvLine } from '../common/csv.ts';
import type { Database } from '../common/database.ts';
import { sendError, sendRefusal } from '../common/http-errors.ts';
import { type Role, requireRole } from '../common/roles.ts';
import { dataFields } from './data-categories.ts';
import { personExportPdf } from './export-pdf.ts';
import { exportPerson } from './person-export.ts';
import { processingRegister } from './register.ts';

const HEADINGS = {
  fr: [
    'démarche',
    'finalité',
    'base légale',
    'catégories de données',
    'destinataires',
    'durée de conservation (mois)',
    'mesures de sécurité',
  ],
  en: [
    'procedure',
    'purpose',
    'legal basis',
    'categories of data',
    'recipients',
    'retention (months)',
    'security measures',
  ],
};

/**
 * The data-protection officer's downloads, each logged: `GET /exports/people/<id>.pdf`, everything
 * the town keeps about a person as a readable document; `GET /exports/processing-register.csv?lang=en`,
 * the register of processing activities (UTF-8 with a byte order mark). Refusals in the API's error shape.
 */
export function privacyRoutes(db: Database, log: (line: string) => void): Router {
  const router = Router();
  const officer = async (req: Request, ...roles: Role[]) =>
    requireRole({ agent: await agentForSession(db, req.cookies?.[SESSION_COOKIE]) }, ...roles);
  const refuse = (res: Response, error: unknown, what: string) => {
    if (sendRefusal(res, error)) return;
    log(`exports: ${what} failed (${String(error)})`);
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Erreur interne. / Internal error.');
  };

  router.get('/people/:id.pdf', async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    try {
      const agent = await officer(req, 'dpo');
      const pdf = await db.within(agent.municipalityId, async (tx) => {
        const { person, data } = await exportPerson(
          tx,
          agent.municipalityId,
          auditSource({ agent, req }),
          String(req.params.id),
          'pdf',
        );
        const [town] = await tx<{ name: string; contact_email: string; time_zone: string }[]>`
          select name, contact_email, time_zone from municipalities where id = ${agent.municipalityId}`;
        const forms = await tx<{ tracking_code: string; form: unknown }[]>`
          select r.tracking_code, v.forms -> (v.ir ->> 'startFormId') as form
          from requests r join procedure_versions v on v.id = r.procedure_version_id where r.citizen_id = ${person.id}`;
        const labels = new Map(
          forms.map((row) => [
            row.tracking_code,
            Object.fromEntries(dataFields(row.form).map((f) => [f.key, f.label])),
          ]),
        );
        return personExportPdf(
          data,
          { name: town!.name, contactEmail: town!.contact_email, timeZone: town!.time_zone },
          person.id.slice(0, 8),
          labels,
        );
      });
      res
        .status(200)
        .set({
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="donnees-personnelles-${String(req.params.id).slice(0, 8)}.pdf"`,
        })
        .send(Buffer.from(pdf));
    } catch (error) {
      refuse(res, error, 'a person’s PDF');
    }
  });

  router.get('/processing-register.csv', async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    try {
      const agent = await officer(req, 'dpo', 'administrator');
      const lang = req.query.lang === 'en' ? 'en' : 'fr';
      const activities = await db.within(agent.municipalityId, async (tx) => {
        await recordAudit(tx, {
          municipalityId: agent.municipalityId,
          ...auditSource({ agent, req }),
          action: 'export.processing-register',
          target: 'processing-register',
          details: { lang },
        });
        return processingRegister(tx);
      });
      const lines = activities.map((a) =>
        csvLine([
          a.name[lang],
          a.purpose[lang],
          a.legalBasis[lang],
          a.dataCategories.map((c) => `${c.label[lang]} (${c.fields.join(', ')})`).join(' ; '),
          a.recipients.join(', '),
          a.retentionMonths,
          a.securityMeasures.map((m) => m[lang]).join(' ; '),
        ]),
      );
      res
        .status(200)
        .set({
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="registre-des-traitements-${new Date().toISOString().slice(0, 10)}.csv"`,
        })
        .send(`\ufeff${csvLine(HEADINGS[lang])}${lines.join('')}`);
    } catch (error) {
      refuse(res, error, 'the processing register');
    }
  });
  return router;
}
