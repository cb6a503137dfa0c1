// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only, one endpoint per
// municipality: /open311/v2/<municipality>/services.json, services/<code>.json, requests.json
// (GET and POST), requests/<id>.json. Reports come in on the channel `open311`.

import { openChannels } from '@parvis/engine';
import type { Client } from '@temporalio/client';
import express, { type Request, type Response, Router } from 'express';
import type { GraphQLError } from 'graphql';
import type { Database } from '../common/database.ts';
import { procedureRepository } from '../procedures/repository.ts';
import { submitRequest } from '../requests/submit.ts';
import { type ReportRow, reportRepository } from './repository.ts';
import { serviceDefinition, serviceOf } from './services.ts';

const HTTP_OF: Record<string, number> = {
  NOT_FOUND: 404,
  FORM_INVALID: 400,
  BAD_USER_INPUT: 400,
  CHANNEL_NOT_ALLOWED: 403,
};

/** GeoReport v2 errors: a list of `{ code, description }`, with the HTTP status. */
function fail(res: Response, status: number, description: string) {
  res.status(status).json([{ code: status, description }]);
}

function failWith(res: Response, error: unknown) {
  const code = String((error as GraphQLError).extensions?.code ?? '');
  const status = HTTP_OF[code];
  if (!status) throw error;
  const fields = (error as GraphQLError).extensions?.fields as { field: string; message: string }[] | undefined;
  const detail = fields?.map((f) => `attribute[${f.field}]: ${f.message}`).join('; ');
  fail(res, status, detail ? `${(error as GraphQLError).message} ${detail}` : (error as GraphQLError).message);
}

const report = (r: ReportRow) => ({
  service_request_id: r.tracking_code,
  status: r.status === 'closed' ? 'closed' : 'open',
  status_notes: null,
  service_name: r.title_fr,
  service_code: r.procedure_key,
  description: null,
  requested_datetime: r.submitted_at.toISOString(),
  updated_datetime: (r.closed_at ?? r.submitted_at).toISOString(),
  expected_datetime: r.due_at?.toISOString() ?? null,
  address: r.address,
  lat: r.latitude,
  long: r.longitude,
  media_url: null,
});

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const date = (value: unknown) => {
  const parsed = text(value) ? new Date(value as string) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
};

/** The Open311 GeoReport v2 endpoints over the procedures and requests of each municipality. */
export function open311Routes(db: Database, temporal: Client, log: (line: string) => void): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: true, limit: '100kb' }), express.json({ limit: '100kb' }));

  router.get('/:municipality/services.json', async (req: Request<{ municipality: string }>, res) => {
    const services = await db.within(req.params.municipality, async (tx) => {
      const procedures = procedureRepository(tx);
      const published = await procedures.published();
      const versions = await procedures.latestVersions(published.map((p) => p.key));
      // Only the procedures whose latest version takes reports from Open311 apps.
      const open = new Set(
        versions.filter((v) => openChannels(v.ir.properties).includes('open311')).map((v) => v.procedure_key),
      );
      return published.filter((p) => open.has(p.key));
    });
    res.json(services.map(serviceOf));
  });

  router.get(
    '/:municipality/services/:code.json',
    async (req: Request<{ municipality: string; code: string }>, res) => {
      const version = await db.within(req.params.municipality, async (tx) => {
        const procedures = procedureRepository(tx);
        return (await procedures.find(req.params.code))?.published
          ? procedures.latestVersion(req.params.code)
          : undefined;
      });
      if (!version) return fail(res, 404, `Service inconnu : ${req.params.code}. / Unknown service.`);
      res.json(serviceDefinition(version));
    },
  );

  router.post('/:municipality/requests.json', async (req: Request<{ municipality: string }>, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const serviceCode = text(body.service_code);
    const latitude = Number(body.lat);
    const longitude = Number(body.long);
    if (!serviceCode) return fail(res, 400, 'service_code manquant. / service_code is required.');
    if (body.lat === undefined || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
      return fail(res, 400, 'lat et long (WGS84) sont requis. / lat and long (WGS84) are required.');
    }
    const attributes = (typeof body.attribute === 'object' && body.attribute ? body.attribute : {}) as Record<
      string,
      unknown
    >;
    const data = {
      ...(text(body.description) ? { message: text(body.description) } : {}),
      ...(text(body.email) ? { email: text(body.email) } : {}),
      ...(text(body.first_name) ? { firstName: text(body.first_name) } : {}),
      ...(text(body.last_name) ? { lastName: text(body.last_name) } : {}),
      ...(text(body.phone) ? { phone: text(body.phone) } : {}),
      ...attributes,
    };
    try {
      const { trackingCode } = await submitRequest(db, temporal, {
        municipalityId: req.params.municipality,
        procedureKey: serviceCode,
        data,
        channel: 'open311',
        place: { latitude, longitude, ...(text(body.address_string) ? { address: text(body.address_string) } : {}) },
      });
      res.status(201).json([{ service_request_id: trackingCode, service_notice: null, account_id: null }]);
    } catch (error) {
      log(`open311: refused a report for ${req.params.municipality}/${serviceCode}: ${(error as Error).message}`);
      failWith(res, error);
    }
  });

  router.get('/:municipality/requests.json', async (req: Request<{ municipality: string }>, res) => {
    const ids = text(req.query.service_request_id)
      ?.split(',')
      .map((id) => id.trim().toUpperCase());
    const status = text(req.query.status);
    const rows = await db.within(req.params.municipality, (tx) =>
      reportRepository(tx).list(
        {
          codes: ids,
          serviceCode: text(req.query.service_code),
          open: status === 'open' ? true : status === 'closed' ? false : undefined,
          from: date(req.query.start_date),
          to: date(req.query.end_date),
        },
        1000,
      ),
    );
    res.json(rows.map(report));
  });

  router.get('/:municipality/requests/:id.json', async (req: Request<{ municipality: string; id: string }>, res) => {
    const [row] = await db.within(req.params.municipality, (tx) =>
      reportRepository(tx).list({ codes: [req.params.id.toUpperCase()] }, 1),
    );
    if (!row) return fail(res, 404, `Signalement inconnu : ${req.params.id}. / Unknown request.`);
    res.json([report(row)]);
  });

  // Anything unexpected: logged, answered without detail.
  router.use((error: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    log(`open311: ${String(error)}`);
    fail(res, 500, 'Erreur interne. / Internal error.');
  });

  return router;
}
