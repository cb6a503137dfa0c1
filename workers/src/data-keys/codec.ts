// Node only: the payload codec of the workers and of every Temporal client (issue 16, point 4).
// Each payload is encrypted whole (its metadata too) with the data key of the workflow it belongs
// to, which the SDK names in the serialization context; the key's id travels in the payload's
// metadata, so decoding needs no context. Payloads recorded before the codec pass through as they are.
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { EXTERNAL_JOB_ACTIVITY } from '../jobs/external-queue.ts';
import { type KeySource, open, seal } from './data-keys.ts';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
/** The key of payloads no workflow owns (none are known today; kept so nothing leaves in clear). */
const INSTALLATION_KEY = 'installation';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The key a workflow's payloads use: a request's called processes (`request-X/<call>`) share the
 * request's, so erasing the request shreds them too.
 */
export function keyIdOf(context: SerializationContext | undefined): string {
  const workflowId = context?.workflowId;
  if (!workflowId) return INSTALLATION_KEY;
  const slash = workflowId.indexOf('/');
  return slash < 0 ? workflowId : workflowId.slice(0, slash);
}

/** metadata length (4 bytes) | metadata as JSON, values in base64 | data */
function serialize(payload: Payload): Buffer {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([name, value]) => [name, Buffer.from(value ?? []).toString('base64')]),
  );
  const head = encoder.encode(JSON.stringify(metadata));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.byteLength);
  // An absent `data` may come as protobufjs's default, a plain empty array (a workflow's undefined result).
  const data = ArrayBuffer.isView(payload.data) ? payload.data : Uint8Array.from(payload.data ?? []);
  return Buffer.concat([length, head, data]);
}

function deserialize(bytes: Buffer): Payload {
  const length = bytes.readUInt32BE(0);
  const metadata = JSON.parse(decoder.decode(bytes.subarray(4, 4 + length))) as Record<string, string>;
  return {
    metadata: Object.fromEntries(Object.entries(metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')])),
    data: bytes.subarray(4 + length),
  };
}

const isEncrypted = (payload: Payload) =>
  payload.metadata?.encoding !== undefined && decoder.decode(payload.metadata.encoding) === ENCRYPTED_ENCODING;

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: KeySource) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    // An external job's worker is an integrator's, without keys: what the town sends it goes in clear.
    if (payloads.length === 0) return payloads;
    if (context?.type === 'activity' && context.activityId?.startsWith(EXTERNAL_JOB_ACTIVITY)) return payloads;
    const keyId = keyIdOf(context);
    const key = await this.keys.forWriting(keyId);
    return payloads.map((payload) => ({
      metadata: { encoding: encoder.encode(ENCRYPTED_ENCODING), [KEY_ID]: encoder.encode(keyId) },
      data: seal(key, serialize(payload), keyId),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        if (!isEncrypted(payload)) return payload; // recorded before the codec
        const keyId = decoder.decode(payload.metadata![KEY_ID]);
        return deserialize(open(await this.keys.forReading(keyId), payload.data!, keyId));
      }),
    );
  }
}
