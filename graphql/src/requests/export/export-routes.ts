import { type Request, type Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import { agentForSession, SESSION_COOKIE } from '../../agents/sessions.ts';
import { recordAudit } from '../../audit/record.ts';
import { csvLine } from '../../common/csv.ts';
import type { Database } from '../../common/database.ts';
import { innerWord } from '../../common/enum-words.ts';
import { sendError, sendRefusal } from '../../common/http-errors.ts';
import { CASEWORKERS, requireRole } from '../../common/roles.ts';
import type { Lang } from '../../documents/dates.ts';
import { municipalityTimeZone } from '../../metrics/dashboard-repository.ts';
import { parseRequestFilter, parseRequestSort, type RequestFilterInput } from '../list-filter.ts';
import { COLUMN_COUNT, csvCells, headings, odsCells } from './export-columns.ts';
import { EXPORT_MAX_ROWS, exportRows } from './export-rows.ts';
import { odsWriter } from './ods-writer.ts';

const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
} as const;
type Format = keyof typeof FORMATS;

/** The filter of the address: JSON, as the requests query takes it. */
function filterOf(req: Request): RequestFilterInput | undefined {
  const text = typeof req.query.filter === 'string' ? req.query.filter : '';
  if (!text) return undefined;
  try {
    return JSON.parse(text) as RequestFilterInput;
  } catch {
    throw new GraphQLError('filter : JSON illisible. / filter: unreadable JSON.', {
      extensions: { code: 'BAD_USER_INPUT', field: 'filter' },
    });
  }
}

/** Waits until the response has room again, so that a slow client holds back the reading. */
const drained = (res: Response) =>
  res.writableNeedDrain ? new Promise<void>((resolve) => res.once('drain', resolve)) : Promise.resolve();

/**
 * `GET /exports/requests.csv` and `/exports/requests.ods`: the request list, as an agent sees it
 * (the access rule: an agent's own requests; a manager's, the town's), filtered and sorted as the
 * `requests` query (`?filter=<RequestFilter as JSON>&sort=<RequestSort>&lang=fr|en`), every row up
 * to EXPORT_MAX_ROWS, streamed from a database cursor. A refusal answers before any row, in the
 * API's error shape: 401 signed out, 403 analysts, 400 a wrong filter (field named), 413 too many rows.
 */
export function requestExportRoutes(db: Database, log: (line: string) => void): Router {
  const router = Router();

  router.get('/requests.:format', async (req: Request, res: Response) => {
    const format = String(req.params.format) as Format;
    if (!(format in FORMATS)) return sendError(res, 404, 'NOT_FOUND', 'Formats : csv ou ods. / Formats: csv or ods.');
    const lang: Lang = req.query.lang === 'en' ? 'en' : 'fr';
    res.set('Cache-Control', 'no-store');
    try {
      const agent = requireRole({ agent: await agentForSession(db, req.cookies?.[SESSION_COOKIE]) }, ...CASEWORKERS);
      const filter = parseRequestFilter(filterOf(req));
      // the schema's spelling (NEWEST_FIRST), as the portal passes the list's variables
      const asked = req.query.sort;
      const sort = parseRequestSort(typeof asked === 'string' && /^[A-Z_]+$/.test(asked) ? innerWord(asked) : asked);
      await db.within(agent.municipalityId, async (tx) => {
        const rows = await exportRows(tx, agent, filter, sort, lang);
        const count = await rows.count();
        if (count > EXPORT_MAX_ROWS)
          throw new GraphQLError(
            `Plus de ${EXPORT_MAX_ROWS} demandes correspondent : précisez les filtres. / More than ${EXPORT_MAX_ROWS} requests match: narrow the filters.`,
            { extensions: { code: 'PAYLOAD_TOO_LARGE', maxRows: EXPORT_MAX_ROWS } },
          );
        // logged in a transaction of its own before the first row leaves: a download cut midway stays logged
        await db.within(agent.municipalityId, (own) =>
          recordAudit(own, {
            municipalityId: agent.municipalityId,
            actor: { agentId: agent.id, name: agent.displayName },
            ip: req.ip ?? null,
            action: 'export.requests',
            target: 'requests',
            details: { format, rows: count, filter: filterOf(req) ?? null, sort: req.query.sort ?? null },
          }),
        );
        const timeZone = await municipalityTimeZone(tx, agent.municipalityId);
        const day = new Date().toISOString().slice(0, 10);
        res.status(200).set({
          'Content-Type': FORMATS[format],
          'Content-Disposition': `attachment; filename="${lang === 'en' ? 'parvis-requests' : 'parvis-demandes'}-${day}.${format}"`,
        });
        if (format === 'csv') {
          // a byte order mark, so that spreadsheets read the accents right
          res.write(`\ufeff${csvLine(headings(lang))}`);
          await rows.each(timeZone, async (batch) => {
            res.write(batch.map((row) => csvLine(csvCells(row, lang))).join(''));
            await drained(res);
          });
        } else {
          const sheet = odsWriter(lang === 'en' ? 'Requests' : 'Demandes', COLUMN_COUNT, (bytes) => res.write(bytes));
          sheet.rows([headings(lang)]);
          await rows.each(timeZone, async (batch) => {
            sheet.rows(batch.map((row) => odsCells(row, lang)));
            await drained(res);
          });
          sheet.end();
        }
        res.end();
        log(`exports: ${count} requests as ${format} for agent ${agent.id}`);
      });
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      if (res.headersSent) {
        // mid-file: the download fails rather than ending as if whole
        log(`exports: ${format} stopped after it began (${code || String(error)})`);
        res.destroy();
      } else if (sendRefusal(res, error)) {
        log(`exports: ${format} refused (${code})`);
      } else {
        throw error;
      }
    }
  });
  return router;
}
