import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { acceptedTotpStep, newTotpSecret, totpEnrolment } from './totp.ts';

const at = Date.UTC(2026, 11, 7, 9, 0, 10);
const codeAt = (secret: string, time: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: time });

describe('TOTP codes', () => {
  const secret = newTotpSecret();

  it("takes the app's code of now, of the step before or after (clock drift), and no other", () => {
    const step = Math.floor(at / 30_000);
    expect(acceptedTotpStep(secret, codeAt(secret, at), null, at)).toBe(step);
    expect(acceptedTotpStep(secret, codeAt(secret, at - 30_000), null, at)).toBe(step - 1);
    expect(acceptedTotpStep(secret, codeAt(secret, at + 30_000), null, at)).toBe(step + 1);
    expect(acceptedTotpStep(secret, codeAt(secret, at - 120_000), null, at)).toBeNull();
  });

  it('takes a code once: not again, nor an older one, after it served', () => {
    const step = acceptedTotpStep(secret, codeAt(secret, at), null, at)!;
    expect(acceptedTotpStep(secret, codeAt(secret, at), step, at)).toBeNull();
    expect(acceptedTotpStep(secret, codeAt(secret, at - 30_000), step, at)).toBeNull();
    expect(acceptedTotpStep(secret, codeAt(secret, at + 30_000), step, at)).toBe(step + 1);
  });

  it('reads a code typed with spaces, refuses what is not six digits', () => {
    const code = codeAt(secret, at);
    expect(acceptedTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, at)).not.toBeNull();
    expect(acceptedTotpStep(secret, 'abcdef', null, at)).toBeNull();
    expect(acceptedTotpStep(secret, `${code}0`, null, at)).toBeNull();
  });

  it('gives the otpauth address and its QR code for the app', async () => {
    const { uri, qrCode } = await totpEnrolment(secret, 'agent@ville.fr', 'Parvis Ville');
    expect(uri).toBe(
      `otpauth://totp/Parvis%20Ville:agent%40ville.fr?issuer=Parvis%20Ville&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(Buffer.from(qrCode.split(',')[1]!, 'base64').toString()).toMatch(/^<svg /);
  });
});
