import type { Client } from '@temporalio/client';
import { type Request, type Response, Router } from 'express';
import type { Database } from '../../common/database.ts';
import { mayReadMetrics } from './access.ts';
import { apiMetrics } from './figures.ts';

/** GET /metrics: the Prometheus text format, for whoever access.ts lets in; 404 for anyone else. */
export function metricsRoutes(db: Database, temporal: Client, token: string | undefined, log: (line: string) => void) {
  const registry = apiMetrics(db, temporal);
  const router = Router();
  router.get('/', async (req: Request, res: Response) => {
    // 404 rather than 403: the endpoint does not tell strangers it exists.
    if (!mayReadMetrics(req, token)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    try {
      const text = await registry.metrics();
      res.type(registry.contentType).send(text);
    } catch (error) {
      log(`metrics: ${String(error)}`);
      res.status(503).type('text/plain').send('Metrics unavailable');
    }
  });
  return router;
}
