import { shallowRef } from 'vue';
import { ENROL_SIGNING_KEY, MY_SIGNING_KEYS, type SigningKeyInfo } from '../graphql/signatures.ts';
import { useGraphql } from './useGraphql.ts';

// The agent's signing key lives in this browser only: made by WebCrypto (ECDSA P-256), its private
// half cannot be exported, and IndexedDB keeps the CryptoKey object itself. The server gets the
// public half and its fingerprint.

const DATABASE = 'parvis-signature';
const STORE = 'keys';

interface StoredKey {
  fingerprint: string;
  privateKey: CryptoKey;
  createdAt: string;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'fingerprint' });
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const toBase64Url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The agent's active key as the server knows it (undefined until loaded, null when none). */
const active = shallowRef<SigningKeyInfo | null>();
/** Whether this browser holds the private half of the active key. */
const heldHere = shallowRef(false);

/** The agent's signing key: load it, enrol a new one made here, and sign texts with it. */
export function useSigningKey() {
  const { request } = useGraphql();

  async function load(): Promise<void> {
    const { mySigningKeys } = await request(MY_SIGNING_KEYS);
    active.value = mySigningKeys.find((key) => key.active) ?? null;
    heldHere.value = active.value
      ? (await inStore<StoredKey | undefined>('readonly', (s) => s.get(active.value!.fingerprint))) !== undefined
      : false;
  }

  /** Makes a new key pair here, keeps the private half in IndexedDB, and enrols the public half. */
  async function enrol(label: string): Promise<SigningKeyInfo> {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const fingerprint = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', spki)));
    await inStore('readwrite', (s) =>
      s.put({ fingerprint, privateKey: pair.privateKey, createdAt: new Date().toISOString() } satisfies StoredKey),
    );
    const { enrolSigningKey } = await request(ENROL_SIGNING_KEY, {
      publicKey: toBase64(spki),
      label,
    });
    active.value = enrolSigningKey;
    heldHere.value = true;
    return enrolSigningKey;
  }

  /** Signs a text's UTF-8 bytes with the active key held here: base64url of the P1363 signature. */
  async function sign(text: string): Promise<{ signature: string; fingerprint: string }> {
    const fingerprint = active.value?.fingerprint;
    const stored = fingerprint
      ? await inStore<StoredKey | undefined>('readonly', (s) => s.get(fingerprint))
      : undefined;
    if (!fingerprint || !stored) throw new Error('no signing key in this browser');
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      stored.privateKey,
      new TextEncoder().encode(text),
    );
    return { signature: toBase64Url(new Uint8Array(signature)), fingerprint };
  }

  return { active, heldHere, load, enrol, sign };
}
