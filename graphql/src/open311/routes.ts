// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), in JSON and XML, per town:
// /open311/v2/<town>/discovery.<fmt>, services.<fmt>, services/<code>.<fmt>, requests.<fmt> (GET,
// and POST with an api_key), requests/<id>.<fmt>, tokens/<token>.<fmt>; the same paths without the
// town take it from `jurisdiction_id`, else from the host name (else the default town). Photos
// sent with reports are served at /open311/v2/<town>/media/<id>. Reports come in on the channel
// `open311`. Every answer, errors included, is in the format the path names (JSON otherwise),
// errors as the spec's list of `{ code, description }`.

import type { Client } from '@temporalio/client';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Database } from '../common/database.ts';
import { isUuid } from '../common/uuid.ts';
import { FileRefused, storeFile } from '../files/index.ts';
import { procedureRepository, proceduresOpenTo } from '../procedures/repository.ts';
import { submitRequest } from '../requests/submit.ts';
import type { TownDirectory } from '../towns/town-page.ts';
import { applicationRepository } from './api-keys.ts';
import { allowBrowserApps, answerError, formatOfPath, Open311Error, open311ErrorOf } from './errors.ts';
import { answer } from './format.ts';
import { reportData, text } from './report-data.ts';
import { reportFilter } from './report-filter.ts';
import { type PostedReport, postedOf, readMultipart } from './report-form.ts';
import { type ReportRow, reportRepository } from './repository.ts';
import { attributesOf, looseKeys, readAttributes, serviceDefinition, serviceOf } from './services.ts';
import { type Target, targetOf } from './target.ts';

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** The most reports one GET requests answers (the spec's bound). */
const MAX_REPORTS = 1000;

/** The Open311 GeoReport v2 endpoints over the procedures and requests of each town. */
export function open311Routes(
  db: Database,
  temporal: Client,
  towns: TownDirectory,
  publicUrl: string,
  log: (line: string) => void,
): Router {
  const router = Router();

  // Browser apps on other sites read and post.
  router.use((req, res, next) => {
    allowBrowserApps(res);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
  router.use(express.urlencoded({ extended: true, limit: '100kb' }), express.json({ limit: '100kb' }));

  const mediaUrl = (town: string, row: ReportRow) =>
    row.media_file_id
      ? `${publicUrl}/open311/v2/${encodeURIComponent(town)}/media/${row.media_file_id}`
      : (row.media_url ?? null);

  // The spec's order of a service request's fields. The description stays out: it is the citizen's words.
  const report = (town: string, r: ReportRow) => ({
    service_request_id: r.tracking_code,
    status: r.status,
    status_notes: r.status_notes,
    service_name: r.title_fr,
    service_code: r.procedure_key,
    description: null,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: r.submitted_at.toISOString(),
    updated_datetime: r.updated_at.toISOString(),
    expected_datetime: r.due_at?.toISOString() ?? null,
    address: r.address,
    address_id: r.address_id,
    zipcode: null,
    lat: r.latitude,
    long: r.longitude,
    media_url: mediaUrl(town, r),
  });

  /** The town the call is for: named in the path, else by jurisdiction_id (asked or posted), else by the host. */
  async function townOf(req: Request, target: Target, posted: PostedReport | undefined): Promise<string> {
    const jurisdiction = text(req.query.jurisdiction_id) ?? text(posted?.fields.jurisdiction_id);
    if (target.town && jurisdiction && jurisdiction !== target.town) {
      throw new Open311Error(
        400,
        `jurisdiction_id ${jurisdiction} ne correspond pas à ${target.town}. / jurisdiction_id does not match this endpoint.`,
      );
    }
    const town = target.town ?? jurisdiction ?? (await towns.forHost(req.headers.host));
    if (!town) {
      throw new Open311Error(400, 'jurisdiction_id manquant. / jurisdiction_id is required.');
    }
    const page = await towns.page(town);
    if (!page || page.disabled) {
      throw new Open311Error(404, `Commune inconnue : ${town}. / Unknown jurisdiction: ${town}.`);
    }
    return town;
  }

  async function discovery(town: string) {
    const [latest] = await db.within(
      town,
      (tx) => tx<{ at: Date | null }[]>`select max(updated_at) as at from procedures`,
    );
    const page = await towns.page(town);
    const changeset = (latest?.at ?? new Date(0)).toISOString();
    return {
      changeset,
      contact: `${page!.name} — ${towns.urlOf(page!)}`,
      key_service:
        "Clé d'API (api_key) pour déposer des signalements : la demander à l'administrateur de la commune, qui la crée dans Administration › Applications Open311. / api_key for posting reports: ask the town's administrator, who issues it under Administration › Open311 applications.",
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${publicUrl}/open311/v2/${encodeURIComponent(town)}`,
          changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  }

  async function services(town: string) {
    // Only the procedures whose latest version takes reports from Open311 apps.
    return db.within(town, async (tx) =>
      (await proceduresOpenTo(tx, 'open311')).map(({ procedure }) => serviceOf(procedure)),
    );
  }

  async function latestVersion(town: string, code: string) {
    const version = await db.within(town, async (tx) => {
      const procedures = procedureRepository(tx);
      return (await procedures.find(code))?.published ? procedures.latestVersion(code) : undefined;
    });
    if (!version) throw new Open311Error(404, `Service inconnu : ${code}. / Unknown service: ${code}.`);
    return version;
  }

  async function postReport(town: string, posted: PostedReport) {
    const apiKey = text(posted.fields.api_key);
    const application = apiKey ? await db.within(town, (tx) => applicationRepository(tx).use(apiKey)) : undefined;
    if (!application) {
      throw new Open311Error(
        403,
        `api_key ${apiKey ? 'inconnue ou révoquée' : 'manquante'} : l'administrateur de la commune en délivre une par application. / ${apiKey ? 'Invalid' : 'Missing'} api_key: the town's administrator issues one per application.`,
      );
    }
    const report = reportData(posted);
    const version = await latestVersion(town, report.serviceCode);
    const attributes = readAttributes(attributesOf(version), posted.attributes);
    const media = posted.media;
    try {
      const { trackingCode } = await submitRequest(db, temporal, {
        municipalityId: town,
        procedureKey: report.serviceCode,
        data: { ...report.standard, ...attributes },
        channel: 'open311',
        place: report.place as { latitude: number; longitude: number; address?: string },
        looseFields: looseKeys(version),
        extra: { ...report.extra, open311Application: application.name },
        alongside: async (tx, request) => {
          if (media) {
            await storeFile(
              tx,
              { municipalityId: town, name: media.name, bytes: media.bytes, channel: 'open311', requestId: request.id },
              { accept: 'image/*' },
            );
          }
        },
      });
      return trackingCode;
    } catch (error) {
      log(`open311: refused a report for ${town}/${report.serviceCode}: ${(error as Error).message}`);
      if (error instanceof FileRefused) throw new Open311Error(error.status, `media : ${error.message}`);
      throw open311ErrorOf(error, (field) => (field.startsWith('message') ? 'description' : `attribute[${field}]`));
    }
  }

  router.all(/.*/, async (req: Request, res: Response) => {
    const target = targetOf(req.path);
    const format = target?.format ?? formatOfPath(req.path);
    try {
      if (!target) {
        throw new Open311Error(
          404,
          `Adresse inconnue : ${req.path}. Voir discovery.json ou discovery.xml. / Unknown path: see discovery.json or discovery.xml.`,
        );
      }
      const allowed = target.resource === 'requests' && !target.id ? ['GET', 'POST'] : ['GET'];
      if (!allowed.includes(req.method) && !(req.method === 'HEAD' && allowed.includes('GET'))) {
        res.set('Allow', allowed.join(', '));
        throw new Open311Error(405, `${req.method} non permis ici (${allowed.join(', ')}). / Method not allowed.`);
      }
      // A report's form is read first: a multipart one names its jurisdiction_id only in its parts.
      const posted =
        req.method === 'POST'
          ? req.is('multipart/form-data')
            ? await readMultipart(req)
            : postedOf(req.body)
          : undefined;
      const town = await townOf(req, target, posted);
      const { resource, id } = target;
      if (resource === 'discovery') return answer(res, format, 'discovery', await discovery(town));
      if (resource === 'services' && !id) return answer(res, format, 'services', await services(town));
      if (resource === 'services') {
        return answer(res, format, 'service_definition', serviceDefinition(await latestVersion(town, id!)));
      }
      if (resource === 'requests' && posted) {
        // Filed at once (services are `realtime`): the id itself, never a token in its place (the spec: one or the other).
        const trackingCode = await postReport(town, posted);
        return answer(res, format, 'service_requests', [
          { service_request_id: trackingCode, service_notice: null, account_id: null },
        ]);
      }
      if (resource === 'requests') {
        const filter = id ? { codes: [id.toUpperCase()] } : reportFilter(req.query);
        const rows = await db.within(town, (tx) => reportRepository(tx).list(filter, id ? 1 : MAX_REPORTS));
        if (id && !rows[0]) throw new Open311Error(404, `Signalement inconnu : ${id}. / Unknown request: ${id}.`);
        return answer(
          res,
          format,
          'service_requests',
          rows.map((r) => report(town, r)),
        );
      }
      if (resource === 'tokens') {
        // POST never answers a token, so a client asking has the id already: a report's id is its own token.
        const code = id!.toUpperCase();
        if (!(await db.within(town, (tx) => reportRepository(tx).exists(code)))) {
          throw new Open311Error(404, `Jeton inconnu : ${id}. / Unknown token: ${id}.`);
        }
        return answer(res, format, 'service_requests', [{ service_request_id: code, token: id }]);
      }
      // media
      const media = isUuid(id) ? await db.within(town, (tx) => reportRepository(tx).media(id)) : undefined;
      if (!media) throw new Open311Error(404, `Photo inconnue : ${id}. / Unknown media: ${id}.`);
      res
        .type(media.content_type)
        .set({
          'Content-Disposition': `inline; filename="${media.name.replace(/"/g, '')}"`,
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'Cache-Control': 'public, max-age=3600',
        })
        .send(media.content);
    } catch (error) {
      if (!(error instanceof Open311Error)) throw error;
      answerError(res, format, error.status, error.message);
    }
  });

  // A body express could not read (too large, malformed JSON), and anything unexpected: the spec's error, no detail.
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const format = formatOfPath(req.path);
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      return answerError(
        res,
        format,
        413,
        'Corps trop volumineux (100 ko au plus). / Body too large (100 kB at most).',
      );
    }
    if (type === 'entity.parse.failed' || type === 'encoding.unsupported') {
      return answerError(res, format, 400, 'Corps illisible. / Unreadable body.');
    }
    log(`open311: ${String(error)}`);
    answerError(res, format, 500, 'Erreur interne. / Internal error.');
  });

  return router;
}
