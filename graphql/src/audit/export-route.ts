import { type Request, type Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import { agentForSession, SESSION_COOKIE } from '../agents/sessions.ts';
import { csvLine } from '../common/csv.ts';
import type { Database } from '../common/database.ts';
import { sendRefusal } from '../common/http-errors.ts';
import { requireRole } from '../common/roles.ts';
import { municipalityTimeZone } from '../metrics/dashboard-repository.ts';
import { auditEntries, parseAuditFilter } from './log.ts';
import { recordAudit } from './record.ts';

const HEADINGS = ['date', 'kind', 'action', 'actor', 'actor_agent_id', 'actor_citizen_id', 'target', 'ip', 'details'];
/** Read in slices of this many entries, newest first. */
const SLICE = 1000;

const list = (value: unknown) => (typeof value === 'string' && value ? value.split(',') : undefined);
const day = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * `GET /exports/audit.csv?kinds=sign-in,export&from=YYYY-MM-DD&to=YYYY-MM-DD`: the town's audit
 * log for its administrator, every entry of the filter, newest first (UTF-8 with a byte order mark,
 * dates in ISO 8601 UTC). The export itself is logged. Refusals in the API's error shape.
 */
export function auditExportRoutes(db: Database, log: (line: string) => void): Router {
  const router = Router();
  router.get('/audit.csv', async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    try {
      const agent = requireRole({ agent: await agentForSession(db, req.cookies?.[SESSION_COOKIE]) }, 'administrator');
      const filter = parseAuditFilter({
        kinds: list(req.query.kinds),
        from: day(req.query.from),
        to: day(req.query.to),
      });
      await db.within(agent.municipalityId, (tx) =>
        recordAudit(tx, {
          municipalityId: agent.municipalityId,
          actor: { agentId: agent.id, name: agent.displayName },
          ip: req.ip ?? null,
          action: 'export.audit-log',
          target: 'audit-log',
          details: { ...filter },
        }),
      );
      await db.within(agent.municipalityId, async (tx) => {
        const timeZone = await municipalityTimeZone(tx, agent.municipalityId);
        res.status(200).set({
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="parvis-journal-${new Date().toISOString().slice(0, 10)}.csv"`,
        });
        res.write(`\ufeff${csvLine(HEADINGS)}`);
        let before: string | undefined;
        for (;;) {
          const rows = await auditEntries(tx, filter, timeZone, SLICE, before);
          res.write(
            rows
              .map((r) =>
                csvLine([
                  r.at.toISOString(),
                  r.kind,
                  r.action,
                  r.actorName,
                  r.actorAgentId,
                  r.actorCitizenId,
                  r.target,
                  r.ip,
                  JSON.stringify(r.details),
                ]),
              )
              .join(''),
          );
          if (rows.length < SLICE) break;
          before = rows.at(-1)!.id;
        }
        res.end();
      });
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      if (res.headersSent) {
        log(`exports: audit log stopped after it began (${code || String(error)})`);
        res.destroy();
      } else if (!sendRefusal(res, error)) {
        throw error;
      }
    }
  });
  return router;
}
