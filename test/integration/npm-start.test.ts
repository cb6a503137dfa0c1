import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readlink, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, type SunkMail } from '@parvis/scripts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, GraphqlClient } from '../support/graphql-client.ts';

// `npm start` as a person runs it, minus `prestart` (the portal build): the real start command as
// its own process, its own Temporal dev server, PostgreSQL and SMTP sink, in a data folder only
// its owner may enter; stopped with Ctrl-C, started again, killed with kill -9, started again.

const ROOT = resolve(import.meta.dirname, '../..');
const READY = 'Ctrl-C stops everything.';
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const TRACK = `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { status } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }`;
const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }`;

interface StartCommand {
  /** What it printed so far, stdout and stderr together. */
  output(): string;
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** Ctrl-C in a terminal: SIGINT to the whole foreground process group, children included. */
  ctrlC(): void;
  /** A service manager's stop (`kill`, systemd, `docker stop`): SIGTERM to the start command alone. */
  terminate(): void;
  /** `kill -9` of the start command alone: it stops nothing of what it started. */
  kill9(): void;
  /** The Temporal dev server it started (a child process), by pid. */
  temporalPid(): number;
  /** After a failed test: whatever is left of the group, its Temporal dev server included, killed. */
  killGroup(): void;
}

/** `node --import tsx scripts/src/start.ts`, in a process group of its own as a terminal would run it. */
function startCommand(env: Record<string, string>): StartCommand {
  // Nothing of the test runner leaks in: not its services (Parvis provides Temporal and SMTP itself),
  // nor its NODE_ENV=test, under which libraries behave otherwise (Apollo leaves signals alone).
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(TEMPORAL_(?!CLI$)|DATABASE_URL$|SMTP_|PARVIS_|PORT$|PUBLIC_URL$|INTAKE_|NODE_ENV$|VITEST|TEST$)/.test(key),
    ),
  );
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/src/start.ts'], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let printed = '';
  let seen: () => void = () => {};
  const keep = (chunk: Buffer) => {
    printed += chunk.toString();
    if (printed.includes(READY)) seen();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start not ready within 90 s:\n${printed}`)), 90_000);
    seen = () => {
      clearTimeout(timer);
      done();
    };
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited (code ${code}) before it was ready:\n${printed}`));
    });
  });
  ready.catch(() => {}); // observed by the test that awaits it
  return {
    output: () => printed,
    ready,
    exited,
    ctrlC: () => process.kill(-child.pid!, 'SIGINT'),
    terminate: () => process.kill(child.pid!, 'SIGTERM'),
    kill9: () => process.kill(child.pid!, 'SIGKILL'),
    temporalPid() {
      const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' });
      const line = children.split('\n').find((l) => l.includes('server start-dev'));
      if (!line) throw new Error(`no Temporal dev server among the children of ${child.pid}:\n${children}`);
      return Number(line.trim().split(/\s+/)[0]);
    },
    killGroup() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    },
  };
}

/** Whether a process runs: a zombie, which its new parent has not reaped yet, does not. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The PostgreSQL server of a data folder, by the pid file it keeps in its cluster. */
async function postgresPid(dataDir: string): Promise<number> {
  const pointer = join(dataDir, 'postgres');
  const cluster = await readlink(pointer).catch(() => pointer);
  return Number(readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('npm start, as a person runs it', () => {
  let privateFolder: string;
  let dataDir: string;
  let env: Record<string, string>;
  let portal: string;
  let first: StartCommand;
  let second: StartCommand | undefined;
  let third: StartCommand | undefined;
  const citizenEmail = 'jeanne.durand@example.fr';
  let trackingCode: string;

  beforeAll(async () => {
    // A data folder made by mkdtemp (mode 700) inside another (a clone in root's home, mode 700):
    // as root, the embedded PostgreSQL runs as the postgres user, who may enter neither.
    privateFolder = await mkdtemp(join(tmpdir(), 'parvis-home-'));
    dataDir = await mkdtemp(join(privateFolder, 'data-'));
    // Free ports for every listener: the defaults (3000, 7233, 8233, 2525, 2526, 54329) may be taken.
    const [port, temporalPort, temporalUiPort, smtpPort, intakePort, postgresPort] = await Promise.all(
      Array.from({ length: 6 }, () => freePort()),
    );
    portal = `http://localhost:${port}`;
    env = {
      PARVIS_DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(temporalUiPort),
      SMTP_SINK_PORT: String(smtpPort),
      INTAKE_SMTP_PORT: String(intakePort),
      PARVIS_PG_PORT: String(postgresPort),
      ...(process.env.TEMPORAL_CLI ? { TEMPORAL_CLI: process.env.TEMPORAL_CLI } : {}),
    };
    first = startCommand(env);
    await first.ready;
  });

  afterAll(async () => {
    for (const command of [first, second, third]) command?.killGroup();
    if (!dataDir) return;
    const cluster = await readlink(join(dataDir, 'postgres')).catch(() => undefined);
    if (cluster) await rm(cluster, { recursive: true, force: true });
    await rm(privateFolder, { recursive: true, force: true });
  });

  it('prints where to go and the demo logins', () => {
    const printed = first.output();
    expect(printed).toContain(`Portal:       ${portal}/`);
    expect(printed).toContain(`GraphQL:      ${portal}/graphql`);
    expect(printed).toContain(`Mailbox:      ${portal}/dev/mailbox`);
    expect(printed).toContain(`Temporal UI:  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
    expect(printed).toMatch(/accueil@demoville\.fr\s+demo-accueil\s+agent/);
    expect(printed).toMatch(/manager@demoville\.fr\s+demo-manager\s+agent, manager/);
  });

  it('serves the portal page, and the Temporal UI answers', async () => {
    const page = await fetch(`${portal}/`);
    expect(page.status).toBe(200);
    // the catalogue of the town its host name leads to (the demo town here), titled with its name
    expect(await page.text()).toContain('<title>Démarches en ligne — Mairie de Démoville</title>');
    expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
  });

  it('takes a request at /graphql and shows its acknowledgement at /dev/mailbox', async () => {
    // when a citizen files a contact request
    const citizen = new GraphqlClient(`${portal}/graphql`);
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { subject: 'Horaires', message: 'Êtes-vous ouverts le samedi ?', email: citizenEmail },
    });
    trackingCode = submitRequest.trackingCode;
    // then its acknowledgement, naming the tracking code, is in the development mailbox
    const acknowledgement = await eventually(async () => {
      const mailbox = (await (await fetch(`${portal}/dev/mailbox`)).json()) as SunkMail[];
      return mailbox.find((mail) => mail.to.includes(citizenEmail));
    });
    expect(acknowledgement.subject).toContain(trackingCode);
    expect(acknowledgement.text).toContain(`Votre numéro de suivi : ${trackingCode}`);
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, keeps PostgreSQL where the postgres user can reach it, says where, and leaves the data folder private',
    async () => {
      expect(first.output()).toContain(
        `[parvis] the postgres user cannot reach ${dataDir}: PostgreSQL keeps its data in /var/lib/parvis/postgres-`,
      );
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await stat(privateFolder)).mode & 0o777).toBe(0o700);
    },
  );

  it('stops everything on Ctrl-C: exit code 0, no Temporal dev server left', async () => {
    // given
    const temporalPid = first.temporalPid();
    const startedAt = Date.now();
    // when
    first.ctrlC();
    // then
    expect(await first.exited).toBe(0);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(first.output()).toContain('[parvis] stopping…');
    expect(first.output()).not.toContain('while stopping');
    expect(isRunning(temporalPid)).toBe(false);
    const ports = [env.PORT, env.TEMPORAL_PORT, env.TEMPORAL_UI_PORT, env.SMTP_SINK_PORT, env.INTAKE_SMTP_PORT];
    for (const port of [...ports, env.PARVIS_PG_PORT])
      expect(await portIsOpen(Number(port)), `port ${port} still open`).toBe(false);
    expect(existsSync(join(dataDir, 'temporal', 'temporal.db'))).toBe(true);
  });

  it('starts again on the same data with the earlier request, whose task the agent can still answer', async () => {
    // when
    second = startCommand(env);
    await second.ready;
    // then the citizen still finds the request by its tracking code
    const citizen = new GraphqlClient(`${portal}/graphql`);
    const tracked = await citizen.data<{ request: { status: string } }>(TRACK, {
      code: trackingCode,
      email: citizenEmail,
    });
    expect(tracked.request.status).not.toBe('closed');
    // and the accueil agent finds its task and answers it: the workflow lived through the restart
    const agent = new GraphqlClient(`${portal}/graphql`);
    await agent.data(SIGN_IN, { email: 'accueil@demoville.fr', password: 'demo-accueil' });
    const { inbox } = await agent.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX);
    const task = inbox.find((t) => t.request.trackingCode === trackingCode);
    expect(task).toBeDefined();
    const { completeTask } = await agent.data<{ completeTask: { status: string } }>(COMPLETE, {
      id: task!.id,
      data: { answer: 'Oui, de 9 h à 12 h.' },
    });
    expect(completeTask.status).toBe('completed');
    await eventually(async () => {
      const { request } = await citizen.data<{ request: { status: string } }>(TRACK, {
        code: trackingCode,
        email: citizenEmail,
      });
      return request.status === 'closed' ? true : undefined;
    });
  });

  it('after a kill -9, the next start stops what the killed one left running, says so, and comes up on the same data', async () => {
    // given a start killed with kill -9: its Temporal dev server and PostgreSQL run on
    const temporalPid = second!.temporalPid();
    const databasePid = await postgresPid(dataDir);
    second!.kill9();
    await second!.exited;
    expect(isRunning(temporalPid)).toBe(true);
    expect(isRunning(databasePid)).toBe(true);
    // when
    third = startCommand(env);
    await third.ready;
    // then
    expect(third.output()).toContain(
      `[parvis] stopped what an earlier start left running: the Temporal dev server (pid ${temporalPid}), PostgreSQL (pid ${databasePid})`,
    );
    expect(isRunning(temporalPid)).toBe(false);
    expect(isRunning(databasePid)).toBe(false);
    const citizen = new GraphqlClient(`${portal}/graphql`);
    const { request } = await citizen.data<{ request: { status: string } }>(TRACK, {
      code: trackingCode,
      email: citizenEmail,
    });
    expect(request.status).toBe('closed');
  });

  it('stops on SIGTERM, which a service manager sends to the start command alone, its Temporal too', async () => {
    // given
    const temporalPid = third!.temporalPid();
    // when
    third!.terminate();
    // then
    expect(await third!.exited).toBe(0);
    expect(isRunning(temporalPid)).toBe(false);
  });
});
