import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { migrate } from '@parvis/scripts';
import { openPayloadEncryption } from '@parvis/workers';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.ts';

const root = resolve(import.meta.dirname, '../..');
const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const FIRST = key('k1', 1);
const SECOND = key('k2', 2);
const STACK_LINE = /^\s+at /m;

describe('the master key: refused at start when missing or wrong, rotated without losing a history', () => {
  let database: { url: string; drop(): Promise<void> };
  let payload: Awaited<ReturnType<typeof encryptOnePayload>>;

  /** A payload of a request's workflow, encrypted under a data key wrapped by `masterKey`. */
  async function encryptOnePayload(masterKey: string) {
    const encryption = await openPayloadEncryption(database.url, { PARVIS_MASTER_KEY: masterKey });
    try {
      const clear = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"email":"a@b.fr"}') };
      const [encrypted] = await encryption.codec.encode([clear], {
        type: 'workflow',
        namespace: 'default',
        workflowId: 'request-ROTA-TION-0001',
      });
      return encrypted!;
    } finally {
      await encryption.close();
    }
  }

  /** `npm run start:worker` with a database and the master key settings given, Temporal nowhere. */
  function startWorker(settings: Record<string, string>) {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(TEMPORAL_|DATABASE_URL|SMTP_URL|PARVIS_)/.test(k)),
    );
    return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/src/start-worker.ts')], {
      cwd: root,
      env: {
        ...clean,
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        SMTP_URL: 'smtp://127.0.0.1:1',
        DATABASE_URL: database.url,
        ...settings,
      },
      encoding: 'utf8',
      timeout: 90_000,
    });
  }

  beforeAll(async () => {
    database = await testDatabase();
    const sql = postgres(database.url, { onnotice: () => {} });
    await migrate(sql);
    await sql.end();
    payload = await encryptOnePayload(FIRST);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('refuses to start without a master key, naming the setting', () => {
    const result = startWorker({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('[parvis] cannot start: PARVIS_MASTER_KEY is not set');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses a malformed one and one that does not open the stored keys', () => {
    const short = startWorker({ PARVIS_MASTER_KEY: 'k1:c2hvcnQ=' });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('PARVIS_MASTER_KEY: key k1 is 5 bytes long, not 32');
    // the same id with another value: every data key under it would be unreadable
    const wrong = startWorker({ PARVIS_MASTER_KEY: key('k1', 9) });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      'PARVIS_MASTER_KEY: master key k1 does not open the data keys wrapped under that id',
    );
    // a new key while the old one is dropped too soon
    const dropped = startWorker({ PARVIS_MASTER_KEY: SECOND });
    expect(dropped.status).toBe(1);
    expect(dropped.stderr).toContain(
      'data keys are wrapped by master key k1, which neither PARVIS_MASTER_KEY nor PARVIS_RETIRED_MASTER_KEYS gives: add it to PARVIS_RETIRED_MASTER_KEYS',
    );
    for (const result of [short, wrong, dropped]) expect(result.stderr).not.toMatch(STACK_LINE);
  }, 240_000);

  it('rotates: the old key retired, the data keys are re-wrapped, then the old key can go', async () => {
    // when the installation starts with a new master key and the old one retired
    const rotating = await openPayloadEncryption(database.url, {
      PARVIS_MASTER_KEY: SECOND,
      PARVIS_RETIRED_MASTER_KEYS: FIRST,
    });
    await rotating.close();
    // then its data keys were re-wrapped under the new one
    expect(rotating.rewrapped).toBe(1);
    // and with the new key alone, what was encrypted before the rotation still reads
    const rotated = await openPayloadEncryption(database.url, { PARVIS_MASTER_KEY: SECOND });
    try {
      const [clear] = await rotated.codec.decode([payload]);
      expect(Buffer.from(clear!.data!).toString()).toBe('{"email":"a@b.fr"}');
    } finally {
      await rotated.close();
    }
  });
});
