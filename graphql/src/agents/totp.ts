import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

/** A new TOTP secret (160 bits, base32, as authenticator apps take it). */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totp = (secret: string, account: string, issuer: string) =>
  new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), digits: 6, period: PERIOD, algorithm: 'SHA1' });

/** The `otpauth://` address an authenticator app reads, and the same as a QR code (SVG data URL). */
export async function totpEnrolment(secret: string, account: string, issuer: string) {
  const uri = totp(secret, account, issuer).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step of a right code (one step of clock drift either way is accepted), or null. A step
 * at or before `lastStep` is refused: a code seen by someone looking over a shoulder serves once.
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), period: PERIOD, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
