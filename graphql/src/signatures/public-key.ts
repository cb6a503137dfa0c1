import { createHash, createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto';
import { userError } from '../common/errors.ts';

/** The only signing algorithm Parvis accepts: what WebCrypto calls ECDSA with P-256 and SHA-256. */
export const SIGNING_ALGORITHM = 'ECDSA-P256-SHA256' as const;

/** A public key as the server keeps it: DER SubjectPublicKeyInfo (base64), JWK, and fingerprint. */
export interface PublicKeyMaterial {
  spki: string;
  jwk: JsonWebKey;
  /** hex SHA-256 of the DER SubjectPublicKeyInfo */
  fingerprint: string;
}

/** hex SHA-256 of a DER SubjectPublicKeyInfo given in base64. */
export function fingerprintOf(spkiBase64: string): string {
  return createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex');
}

/**
 * Reads a public key sent by a browser (SPKI in base64, or a JWK as JSON) and keeps it only if it
 * is an ECDSA P-256 public key; anything else — a private key included — is refused.
 */
export function readPublicKey(input: string): PublicKeyMaterial {
  const key = parse(input.trim());
  if (key.type !== 'public')
    throw userError(
      'KEY_INVALID',
      "Clé refusée : c'est une clé privée ; n'envoyez que la clé publique. / Refused: a private key; send the public key only.",
    );
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw userError(
      'KEY_INVALID',
      `Clé refusée : il faut une clé ECDSA P-256 (reçu : ${key.asymmetricKeyType} ${key.asymmetricKeyDetails?.namedCurve ?? ''}). / Refused: an ECDSA P-256 key is required.`,
    );
  const spki = (key.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');
  return { spki, jwk: key.export({ format: 'jwk' }), fingerprint: fingerprintOf(spki) };
}

function parse(input: string): KeyObject {
  try {
    if (input.startsWith('{')) {
      const jwk = JSON.parse(input) as JsonWebKey;
      if ('d' in jwk) privateRefused();
      return createPublicKey({ key: jwk, format: 'jwk' });
    }
    if (input.includes('BEGIN')) return createPublicKey(input);
    return createPublicKey({ key: Buffer.from(input, 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    if (error instanceof Error && 'extensions' in error) throw error;
    throw userError(
      'KEY_INVALID',
      'Clé publique illisible : envoyez la clé SPKI en base64 ou en JWK, exportée par WebCrypto. / Unreadable public key: send SPKI (base64) or a JWK.',
    );
  }
}

function privateRefused(): never {
  throw userError(
    'KEY_INVALID',
    "Clé refusée : c'est une clé privée ; n'envoyez que la clé publique. / Refused: a private key; send the public key only.",
  );
}

/** Whether `signature` (base64url, IEEE P1363 r‖s as WebCrypto gives it) signs `text` (UTF-8) with this key. */
export function verifySignature(spkiBase64: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(
      'sha256',
      Buffer.from(text, 'utf8'),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** hex SHA-256 of a text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
