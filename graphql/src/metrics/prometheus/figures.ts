import type { Client } from '@temporalio/client';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Database } from '../../common/database.ts';

// What the API's /metrics tells Prometheus (issue 21, point 5): the requests of every town per
// procedure, from PostgreSQL (parvis_operator_figures, migration 226: counts only, no one named),
// and the API's own health: its process (memory, event loop, handles) and whether PostgreSQL and
// Temporal answer. The towns' figures scan every request, so a scrape within FRESH_MS of the
// previous one reuses its answer (Prometheus scrapes every 15 to 60 s; several may scrape).

const FRESH_MS = 10_000;
const LABELS = ['town', 'procedure'] as const;

interface FigureRow {
  municipality_id: string;
  procedure_key: string;
  started: string;
  completed: string;
  open: string;
  deadlines_missed: string;
  in_incident: string;
}

/** The figures each town and procedure gets, with their help texts. */
const FIGURES = [
  ['started', 'parvis_requests_started', 'Requests submitted so far (all channels), per town and procedure.'],
  ['completed', 'parvis_requests_completed', 'Requests closed so far, per town and procedure.'],
  ['open', 'parvis_requests_open', 'Requests open now (received or in progress), per town and procedure.'],
  ['in_incident', 'parvis_requests_in_incident', 'Requests with an open incident now, per town and procedure.'],
  [
    'deadlines_missed',
    'parvis_requests_deadline_missed',
    'Requests whose deadline was missed (SLA breached, or closed after it), per town and procedure.',
  ],
] as const;

/** The API's registry: its process metrics, its dependencies' health and the towns' figures. */
export function apiMetrics(db: Database, temporal: Client): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parvis_api_' });
  let last: { at: number; rows: Promise<FigureRow[]> } | undefined;
  const rows = () => {
    if (!last || Date.now() - last.at > FRESH_MS) {
      const read = db.outside((tx) => tx<FigureRow[]>`select * from parvis_operator_figures()`);
      last = { at: Date.now(), rows: read };
      read.catch(() => {
        last = undefined;
      });
    }
    return last.rows;
  };
  const databaseUp = new Gauge({
    name: 'parvis_api_database_up',
    help: '1 when PostgreSQL answered the last scrape’s figures, else 0.',
    registers: [registry],
  });
  for (const [column, name, help] of FIGURES) {
    new Gauge({
      name,
      help,
      labelNames: LABELS,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          for (const row of await rows())
            this.set({ town: row.municipality_id, procedure: row.procedure_key }, Number(row[column]));
          databaseUp.set(1);
        } catch {
          databaseUp.set(0);
        }
      },
    });
  }
  new Gauge({
    name: 'parvis_api_temporal_up',
    help: '1 when the Temporal frontend answered within 2 s at the scrape, else 0.',
    registers: [registry],
    async collect() {
      this.set(await temporalAnswers(temporal));
    },
  });
  return registry;
}

async function temporalAnswers(temporal: Client): Promise<0 | 1> {
  try {
    await Promise.race([
      temporal.connection.workflowService.getSystemInfo({}),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
    ]);
    return 1;
  } catch {
    return 0;
  }
}
