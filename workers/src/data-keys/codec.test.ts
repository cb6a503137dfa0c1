import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec, keyIdOf } from './codec.ts';
import type { KeySource } from './data-keys.ts';

/** Keys in memory, as PostgreSQL would give them. */
function memoryKeys(): KeySource & { ids: Set<string> } {
  const keys = new Map<string, Buffer>();
  const ids = new Set<string>();
  const get = async (id: string) => {
    ids.add(id);
    if (!keys.has(id)) keys.set(id, randomBytes(32));
    return keys.get(id)!;
  };
  return { ids, forWriting: get, forReading: get };
}

const json = (value: unknown): Payload => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();
const workflow = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });

describe('the payload codec', () => {
  it("encodes a payload without data as the SDK hands it (a workflow's undefined result), and gives it back empty", async () => {
    // The worker rebuilds a completion with protobufjs, which leaves an absent `data` as its
    // default, a plain (frozen) array: a workflow returning nothing failed its task on it for ever.
    const completion = temporal.api.common.v1.Payload.fromObject({
      metadata: { encoding: Buffer.from('binary/null') },
    });
    expect(Array.isArray(completion.data)).toBe(true);
    const codec = new EncryptionCodec(memoryKeys());
    const [encrypted] = await codec.encode([completion], workflow('empty-1'));
    const [decoded] = await codec.decode([encrypted!]);
    expect(text(decoded!.metadata!.encoding)).toBe('binary/null');
    expect(decoded!.data).toHaveLength(0);
  });

  it('encrypts whole payloads under their request key, and decodes them back as they were', async () => {
    const keys = memoryKeys();
    const codec = new EncryptionCodec(keys);
    const clear = json({ email: 'lea@example.fr' });
    const [encrypted] = await codec.encode([clear], workflow('request-ABCD-EFGH-JKLM'));
    expect(text(encrypted!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(encrypted!.metadata!['encryption-key-id'])).toBe('request-ABCD-EFGH-JKLM');
    expect(text(encrypted!.data)).not.toContain('lea@example.fr');
    expect(Object.keys(encrypted!.metadata!)).toEqual(['encoding', 'encryption-key-id']);
    const [decoded] = await codec.decode([encrypted!]);
    expect(text(decoded!.data)).toBe('{"email":"lea@example.fr"}');
    expect(text(decoded!.metadata!.encoding)).toBe('json/plain');
  });

  it('gives a called process its request key, and other workflows their own', () => {
    expect(keyIdOf(workflow('request-ABCD-EFGH-JKLM/Check#3'))).toBe('request-ABCD-EFGH-JKLM');
    expect(keyIdOf({ type: 'activity', namespace: 'default', workflowId: 'request-X', isLocal: true })).toBe(
      'request-X',
    );
    expect(keyIdOf(workflow('schedule-demo-x-start'))).toBe('schedule-demo-x-start');
    expect(keyIdOf(undefined)).toBe('installation');
  });

  it('passes through payloads recorded before it, and external jobs', async () => {
    const codec = new EncryptionCodec(memoryKeys());
    const clear = json({ old: true });
    expect(await codec.decode([clear])).toEqual([clear]);
    const job = { type: 'activity' as const, namespace: 'default', activityId: 'external-job/7', isLocal: false };
    expect(await codec.encode([clear], job)).toEqual([clear]);
  });

  it('refuses a payload altered in Temporal, or moved to another request', async () => {
    const codec = new EncryptionCodec(memoryKeys());
    const [encrypted] = await codec.encode([json({ amount: 12 })], workflow('request-A'));
    const altered = Buffer.from(encrypted!.data!);
    altered[altered.length - 1]! ^= 1;
    await expect(codec.decode([{ ...encrypted!, data: altered }])).rejects.toThrow();
    const moved = { ...encrypted!.metadata!, 'encryption-key-id': Buffer.from('request-B') };
    await expect(codec.decode([{ ...encrypted!, metadata: moved }])).rejects.toThrow();
  });
});
