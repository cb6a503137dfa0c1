import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { temporalServerEnv } from '../services/temporal.ts';
import { localClusterSettings } from './local-settings.ts';
import { TEMPORAL_SERVER_VERSION } from './server-binaries.ts';
import { TEMPORAL_SERVICES, temporalEnv } from './settings.ts';

// docs/operations.md « Production on Kubernetes » and deploy/kubernetes/ (issue 23 point 2): the
// files the section shows, the numbers it gives, and what they share with `npm run start:cluster`
// (deploy/temporal/ and scripts/src/cluster/) must not drift apart. Nothing here runs Helm or a cluster.
const root = new URL('../../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}
interface Volume {
  name: string;
  secret?: { secretName: string };
}
interface Container {
  command: string[];
  ports: { name: string; containerPort: number }[];
  env: EnvVar[];
}
interface Deployment {
  kind: 'Deployment';
  metadata: { name: string; namespace: string };
  spec: { replicas: number; template: { spec: { containers: Container[]; volumes: Volume[] } } };
}
interface Service {
  kind: 'Service';
  metadata: { name: string; namespace: string };
  spec: { selector: Record<string, string>; ports: { port: number; targetPort: string }[] };
}
type Sql = Record<string, unknown>;
interface TemporalValues {
  server: {
    image: { tag: string };
    replicaCount: number;
    additionalEnv: EnvVar[];
    additionalVolumes: Volume[];
    dynamicConfig?: unknown;
    config: {
      persistence: {
        defaultStore: string;
        visibilityStore: string;
        numHistoryShards: number;
        datastores: Record<string, { sql: Sql & { existingSecret: string; secretKey: string } }>;
      };
      namespaces: { create: boolean; namespace: { name: string }[] };
    };
  } & Partial<Record<string, { replicaCount?: number }>>;
  admintools: { image: { tag: string }; additionalVolumes: Volume[] };
}

/** deploy/temporal/config.yaml as Temporal renders it with no TEMPORAL_* variable set: each default. */
function configDefaults(): {
  persistence: {
    defaultStore: string;
    visibilityStore: string;
    numHistoryShards: number;
    datastores: Record<string, { sql: Sql }>;
  };
  services: { frontend: { rpc: { grpcPort: number } } };
} {
  const variables = new Map<string, string>();
  const rendered = read('deploy/temporal/config.yaml')
    .replace(/^\{\{-[\s\S]*?\}\}$/gm, (block) => {
      const [, name, fallback] = /^\{\{- (\$\w+) := .*default "([^"]*)" \}\}$/.exec(block) ?? [];
      if (name) variables.set(name, fallback!);
      return '';
    })
    .replace(/\{\{(.*?)\}\}/g, (_, expression: string) => {
      const fallback = /default "([^"]*)"/.exec(expression)?.[1] ?? variables.get(expression.trim()) ?? 'x';
      return expression.includes('| quote') ? `"${fallback}"` : fallback;
    });
  return parse(rendered);
}

const doc = read('docs/operations.md');
const sectionStart = doc.indexOf('\n## Production on Kubernetes\n');
const section = doc.slice(sectionStart, doc.indexOf('\n## ', sectionStart + 1));
const subsection = (title: string) => {
  const start = section.indexOf(`\n### ${title}\n`);
  expect(start, `« ${title} » in « Production on Kubernetes »`).toBeGreaterThan(0);
  const end = section.indexOf('\n### ', start + 1);
  return section.slice(start, end < 0 ? undefined : end);
};
/** The rows of the first Markdown table in `text`, header and separator left out. */
const tableRows = (text: string) =>
  text
    .slice(text.indexOf('\n|'))
    .split('\n\n')[0]!
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

const values = parse(read('deploy/kubernetes/temporal-values.yaml')) as TemporalValues;
const persistence = values.server.config.persistence;
const defaultSql = persistence.datastores[persistence.defaultStore]!.sql;
const visibilitySql = persistence.datastores[persistence.visibilityStore]!.sql;
const objects = parseAllDocuments(read('deploy/kubernetes/parvis.yaml')).map((d) => d.toJS()) as (
  | Deployment
  | Service
)[];
const deployment = (name: string) =>
  objects.find((o): o is Deployment => o.kind === 'Deployment' && o.metadata.name === name)!;
const api = deployment('parvis-api');
const worker = deployment('parvis-worker');
const envOf = (d: Deployment) => d.spec.template.spec.containers[0]!.env;
const envValue = (d: Deployment, name: string) => envOf(d).find((v) => v.name === name)?.value;

const localSettings = localClusterSettings(
  {},
  { dataDir: '/tmp', databaseUrl: 'postgres://x@h/p', smtpUrl: '', parvisEnv: {} },
);
const config = configDefaults();

describe('docs/operations.md « Production on Kubernetes »', () => {
  it('names only files that exist', () => {
    const paths = [...new Set(section.match(/\b(?:deploy|scripts)\/[\w./-]*[\w/]/g))];
    expect(paths).toContain('deploy/kubernetes/temporal-values.yaml');
    expect(paths).toContain('deploy/kubernetes/parvis.yaml');
    expect(paths.filter((path) => !existsSync(new URL(path, root)))).toEqual([]);
  });

  it("gives the chart the cluster script's dynamic config file itself, not a copy", async () => {
    const install = subsection('Installing Temporal');
    const pipeline = /^\{ (.+); \} \|$/m.exec(install)?.[1];
    expect(pipeline, 'the command that turns dynamicconfig.yaml into values').toBeDefined();
    expect(install).toMatch(/-f deploy\/kubernetes\/temporal-values\.yaml -f -$/m);
    const { stdout } = await promisify(execFile)('bash', ['-c', pipeline!], { cwd: root });
    const dynamicConfig = parse(read('deploy/temporal/dynamicconfig.yaml'));
    expect(parse(stdout)).toEqual({ server: { dynamicConfig } });
    expect(dynamicConfig['frontend.enableUpdateWorkflowExecution']).toEqual([{ value: true }]);
    expect(values.server.dynamicConfig, 'a second copy in temporal-values.yaml').toBeUndefined();
    for (const service of TEMPORAL_SERVICES)
      expect(temporalEnv(localSettings, service).TEMPORAL_DYNAMIC_CONFIG).toMatch(
        /\/deploy\/temporal\/dynamicconfig\.yaml$/,
      );
  });

  it('gives Temporal the databases, plugin and connection caps of deploy/temporal/config.yaml', () => {
    const local = config.persistence.datastores;
    const stores = [
      [defaultSql, local[config.persistence.defaultStore]!.sql],
      [visibilitySql, local[config.persistence.visibilityStore]!.sql],
    ] as const;
    for (const [chart, cluster] of stores) {
      for (const key of [
        'pluginName',
        'databaseName',
        'connectProtocol',
        'maxConns',
        'maxIdleConns',
        'maxConnLifetime',
      ])
        expect(chart[key], key).toEqual(cluster[key]);
      // Temporal's keys as config.yaml writes them, the chart's own (stripped before rendering) and tls.
      const beyondConfig = ['createDatabase', 'manageSchema', 'existingSecret', 'secretKey', 'tls'];
      expect(Object.keys(chart).filter((key) => !(key in cluster) && !beyondConfig.includes(key))).toEqual([]);
    }
    expect([defaultSql.databaseName, visibilitySql.databaseName]).toEqual([
      localSettings.temporalDatabase,
      localSettings.visibilityDatabase,
    ]);
    // One configuration for the four services: the largest cap the cluster script gives (history's).
    const caps = TEMPORAL_SERVICES.map((service) => Number(temporalEnv(localSettings, service).TEMPORAL_DB_MAX_CONNS));
    expect(defaultSql.maxConns).toBe(Math.max(...caps));
  });

  it('runs the Temporal server version and Go collector setting of npm run start:cluster', () => {
    expect(values.server.image.tag).toBe(TEMPORAL_SERVER_VERSION.replace(/^v/, ''));
    expect(values.admintools.image.tag).toBe(values.server.image.tag);
    expect(section).toContain(`\`temporalio/server\` ${values.server.image.tag}`);
    vi.stubEnv('GOGC', undefined); // the setting itself, not this shell's
    const localGogc = temporalServerEnv().GOGC;
    vi.unstubAllEnvs();
    expect(values.server.additionalEnv).toContainEqual({ name: 'GOGC', value: localGogc });
    expect(section).toContain(`**GOGC=${localGogc}**`);
  });

  it('says how many history shards the chart and the local cluster get', () => {
    expect(Number(/sets (\d+) history shards/.exec(section)?.[1])).toBe(persistence.numHistoryShards);
    expect(Number(/`npm run start:cluster` runs (\d+), enough/.exec(section)?.[1])).toBe(
      config.persistence.numHistoryShards,
    );
    expect(temporalEnv(localSettings, 'history')).not.toHaveProperty('TEMPORAL_HISTORY_SHARDS');
  });

  it('runs in each container the script npm run start:cluster runs, with the settings it reads', () => {
    const clusterScripts = [...read('scripts/src/cluster/parvis-processes.ts').matchAll(/'(start-\w+\.ts)'/g)].map(
      (m) => m[1],
    );
    const sources = ['scripts/src', 'graphql/src', 'workers/src', 'engine/src']
      .flatMap((dir) =>
        (readdirSync(new URL(dir, root), { recursive: true }) as string[])
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
          .map((file) => read(`${dir}/${file}`)),
      )
      .join('\n');
    const nodeOwn = ['NODE_EXTRA_CA_CERTS'];
    for (const [d, script] of [
      [api, 'scripts/src/start-api.ts'],
      [worker, 'scripts/src/start-worker.ts'],
    ] as const) {
      expect(d.spec.template.spec.containers[0]!.command).toEqual(['node', '--import', 'tsx', script]);
      expect(clusterScripts).toContain(script.split('/').pop());
      const names = envOf(d).map((v) => v.name);
      expect(names.filter((name) => !nodeOwn.includes(name) && !new RegExp(`\\b${name}\\b`).test(sources))).toEqual([]);
      expect(names.filter((name) => !doc.includes(`\`${name}`))).toEqual([]);
      const required = [...read(script).matchAll(/requiredEnv\(([^)]*)\)/g)].flatMap((m) => m[1]!.match(/[A-Z_]+/g)!);
      expect(names).toEqual(expect.arrayContaining([...required, 'PARVIS_MASTER_KEY']));
      expect(envValue(d, 'TEMPORAL_NAMESPACE')).toBe(values.server.config.namespaces.namespace[0]!.name);
    }
    expect(values.server.config.namespaces.create).toBe(true);
  });

  it("reaches the chart's frontend, and opens the ports its Service and probes use", () => {
    const [, release, namespace] = /helm upgrade --install (\S+) temporal .*\n.*--namespace (\S+)/.exec(section) ?? [];
    const frontend = `${release}-frontend.${namespace}.svc:${config.services.frontend.rpc.grpcPort}`;
    expect(envValue(api, 'TEMPORAL_ADDRESS')).toBe(frontend);
    expect(envValue(worker, 'TEMPORAL_ADDRESS')).toBe(frontend);
    expect(section).toContain(`\`TEMPORAL_ADDRESS\` (\`${frontend}\``);
    const apiPorts = api.spec.template.spec.containers[0]!.ports;
    expect(apiPorts).toContainEqual({ name: 'http', containerPort: Number(envValue(api, 'PORT')) });
    const service = objects.find((o): o is Service => o.kind === 'Service' && o.metadata.name === 'parvis-api')!;
    expect(apiPorts.map((p) => p.name)).toContain(service.spec.ports[0]!.targetPort);
    expect(worker.spec.template.spec.containers[0]!.ports).toContainEqual({
      name: 'metrics',
      containerPort: Number(envValue(worker, 'PARVIS_WORKER_METRICS_PORT')),
    });
  });

  it('creates, in its kubectl commands, every Secret and key the files use', () => {
    const block = subsection('The managed PostgreSQL').split('```sh\n')[1]!.split('```')[0]!;
    const created = block
      .replace(/\\\n/g, ' ')
      .split(/\n| && /)
      .flatMap((command) => {
        const [, namespace, name] = /-n (\S+) create secret generic (\S+)/.exec(command) ?? [];
        return [...command.matchAll(/--from-(?:literal|file)=([\w.-]+)=/g)].map((m) => `${namespace}/${name}/${m[1]}`);
      });
    const used = [
      ...[api, worker].flatMap((d) => [
        ...envOf(d).flatMap((v) =>
          v.valueFrom
            ? [`${d.metadata.namespace}/${v.valueFrom.secretKeyRef.name}/${v.valueFrom.secretKeyRef.key}`]
            : [],
        ),
        ...d.spec.template.spec.volumes.map((v) => `${d.metadata.namespace}/${v.secret!.secretName}/ca.pem`),
      ]),
      ...Object.values(persistence.datastores).map(({ sql }) => `temporal/${sql.existingSecret}/${sql.secretKey}`),
      ...[...values.server.additionalVolumes, ...values.admintools.additionalVolumes].map(
        (v) => `temporal/${v.secret!.secretName}/ca.pem`,
      ),
    ];
    expect([...new Set(used)].filter((secret) => !created.includes(secret))).toEqual([]);
  });

  it('counts the PostgreSQL connections of the files as they stand', () => {
    const dataKeys = Number(/max: (\d+)/.exec(read('workers/src/data-keys/payload-encryption.ts'))?.[1]);
    const apiPool = 10; // postgres.js's default: start-api.ts gives no `max`
    expect(read('scripts/src/start-api.ts')).not.toMatch(/postgres\(env\.DATABASE_URL, \{[^}]*max:/);
    const row = (label: string, pods: number, each: number[]) => [
      label,
      String(pods),
      each.join(' + '),
      String(pods * each.reduce((a, b) => a + b)),
    ];
    const expected = [
      ...TEMPORAL_SERVICES.map((service) =>
        row(`Temporal ${service}`, values.server[service]?.replicaCount ?? values.server.replicaCount, [
          defaultSql.maxConns as number,
          visibilitySql.maxConns as number,
        ]),
      ),
      row('Parvis API', api.spec.replicas, [apiPool, 1, dataKeys]),
      row('Parvis worker', worker.spec.replicas, [Number(envValue(worker, 'PARVIS_WORKER_DB_CONNECTIONS')), dataKeys]),
    ];
    const total = expected.reduce((sum, r) => sum + Number(r[3]), 0);
    const sortByLabel = (rows: string[][]) => [...rows].sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(sortByLabel(tableRows(subsection('Connections')))).toEqual(
      sortByLabel([...expected, ['all', '', '', String(total)]]),
    );
  });

  it('derives the cores of the sizing table from CPU per request, the peak and the target utilisation', () => {
    const sizing = subsection('Sizing');
    const figure = (pattern: RegExp) => Number(pattern.exec(sizing)?.[1]?.replaceAll(',', ''));
    const perYear =
      (figure(/For ([\d.]+) million people/) * 1e6 * figure(/handles about ([\d,]+) contacts a year/)) /
      figure(/a town of ([\d,]+) people/);
    expect(perYear).toBe(figure(/(\d+) million requests a year/) * 1e6);
    const hours = figure(/on (\d+) working days/) * figure(/working days of (\d+) hours/);
    const peak = figure(/peak \*\*([\d.]+) requests\/s\*\*/);
    expect(peak).toBe(Math.round((perYear / (hours * 3600)) * figure(/a peak hour (\d+) times/) * 10) / 10);
    const utilisation = figure(/target utilisation \*\*(\d+) %\*\*/) / 100;
    const rows = tableRows(sizing).map(([component, cpu, cores]) => ({
      component,
      cpu: Number(cpu),
      cores: Number(cores),
    }));
    expect(rows.map((r) => r.component)).toEqual(
      expect.arrayContaining(['Parvis worker', 'Parvis API', "PostgreSQL, Parvis's database", 'all']),
    );
    for (const { component, cpu, cores } of rows)
      expect(cores, component).toBe(Math.round((cpu * peak * 100) / utilisation) / 100);
    const parts = rows.filter((r) => r.component !== 'all').reduce((sum, r) => sum + r.cpu, 0);
    expect(parts).toBeCloseTo(rows.find((r) => r.component === 'all')!.cpu, 6);
  });
});
