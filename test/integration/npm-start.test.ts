import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, type SunkMail } from '@parvis/scripts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.ts';
import { eventually, GraphqlClient } from '../support/graphql-client.ts';

// `npm start` as a person runs it, minus `prestart` (the portal build): the real start command as
// its own process, its own Temporal dev server and SMTP sink, stopped with Ctrl-C, started again.

const ROOT = resolve(import.meta.dirname, '../..');
const READY = 'Ctrl-C stops everything.';
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const TRACK = `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { status } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const INBOX = `{ inbox { id request { trackingCode } } }`;
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
    const timer = setTimeout(() => fail(new Error(`npm start not ready within 60 s:\n${printed}`)), 60_000);
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

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let dataDir: string;
  let env: Record<string, string>;
  let portal: string;
  let first: StartCommand;
  let second: StartCommand | undefined;
  const citizenEmail = 'jeanne.durand@example.fr';
  let trackingCode: string;

  beforeAll(async () => {
    database = await testDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-start-'));
    // Free ports for every listener: the defaults (3000, 7233, 8233, 2525, 2526) may be taken.
    const [port, temporalPort, temporalUiPort, smtpPort, intakePort] = await Promise.all(
      Array.from({ length: 5 }, () => freePort()),
    );
    portal = `http://localhost:${port}`;
    env = {
      PARVIS_DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(temporalUiPort),
      SMTP_SINK_PORT: String(smtpPort),
      INTAKE_SMTP_PORT: String(intakePort),
      DATABASE_URL: database.url,
      ...(process.env.TEMPORAL_CLI ? { TEMPORAL_CLI: process.env.TEMPORAL_CLI } : {}),
    };
    first = startCommand(env);
    await first.ready;
  });

  afterAll(async () => {
    first?.killGroup();
    second?.killGroup();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
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
    expect(await page.text()).toContain('<title>Parvis — votre mairie en ligne</title>');
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
    for (const port of [env.PORT, env.TEMPORAL_PORT, env.TEMPORAL_UI_PORT, env.SMTP_SINK_PORT, env.INTAKE_SMTP_PORT])
      expect(await portIsOpen(Number(port)), `port ${port} still open`).toBe(false);
    expect(existsSync(join(dataDir, 'temporal', 'temporal.db'))).toBe(true);
  });

  it('starts again on the same data with the earlier request, whose task the agent can still answer, and stops on SIGTERM', async () => {
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
    // and a service manager's SIGTERM, which reaches the start command alone, stops its Temporal too
    const temporalPid = second.temporalPid();
    second.terminate();
    expect(await second.exited).toBe(0);
    expect(isRunning(temporalPid)).toBe(false);
  });
});
