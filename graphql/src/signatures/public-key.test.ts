import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, readPublicKey, verifySignature } from './public-key.ts';

const subtle = globalThis.crypto.subtle;

async function webCryptoKey() {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const spki = Buffer.from(await subtle.exportKey('spki', pair.publicKey)).toString('base64');
  return { pair, spki };
}

describe('public signing keys', () => {
  it('reads a WebCrypto P-256 key as SPKI or JWK, with the same fingerprint: SHA-256 of the SPKI', async () => {
    // given
    const { pair, spki } = await webCryptoKey();
    const jwk = await subtle.exportKey('jwk', pair.publicKey);
    // when
    const fromSpki = readPublicKey(spki);
    const fromJwk = readPublicKey(JSON.stringify(jwk));
    // then
    expect(fromSpki.fingerprint).toBe(fingerprintOf(spki));
    expect(fromJwk.fingerprint).toBe(fromSpki.fingerprint);
    expect(fromSpki.jwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
  });

  it('refuses a private key, another curve, RSA and garbage, saying why', async () => {
    // given
    const { pair } = await webCryptoKey();
    const privateJwk = JSON.stringify(await subtle.exportKey('jwk', pair.privateKey));
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
    // when / then
    expect(() => readPublicKey(privateJwk)).toThrow(/clé privée/);
    expect(() => readPublicKey(p384.toString('base64'))).toThrow(/ECDSA P-256/);
    expect(() => readPublicKey(rsa.toString('base64'))).toThrow(/ECDSA P-256/);
    expect(() => readPublicKey('pas une clé')).toThrow(/illisible/);
  });

  it('verifies what WebCrypto signed (IEEE P1363, base64url), and nothing else', async () => {
    // given
    const { pair, spki } = await webCryptoKey();
    const text = '{"decision":"approve","comment":"Été 2026 ✓"}';
    const signed = await subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      pair.privateKey,
      new TextEncoder().encode(text),
    );
    const signature = Buffer.from(signed).toString('base64url');
    // when / then
    expect(verifySignature(spki, text, signature)).toBe(true);
    expect(verifySignature(spki, text.replace('approve', 'refuse'), signature)).toBe(false);
    expect(verifySignature((await webCryptoKey()).spki, text, signature)).toBe(false);
    expect(verifySignature(spki, text, 'AAAA')).toBe(false);
  });
});
