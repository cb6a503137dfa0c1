import { describe, expect, it } from 'vitest';
import { checkSender } from './sender-check.ts';

const relay = { addresses: ['192.0.2.25', '2001:db8::25'], authservId: 'mx.demoville.fr' };
const results = (dmarc: string, domain = 'example.fr', id = 'mx.demoville.fr') =>
  ` ${id};\r\n spf=pass smtp.mailfrom=${domain};\r\n dkim=pass header.d=${domain} header.s=sel;\r\n dmarc=${dmarc} (p=reject) header.from=${domain}`;

describe('checkSender: whose word is taken on an e-mail sender', () => {
  it("believes the trusted relay's DMARC pass for the From domain", () => {
    expect(checkSender('a@example.fr', [results('pass')], '192.0.2.25', relay).verdict).toBe('verified');
    expect(checkSender('a@example.fr', [results('pass')], '::ffff:192.0.2.25', relay).verdict).toBe('verified');
  });

  it('calls a DMARC failure a forged sender, naming the domain', () => {
    expect(checkSender('maire@example.fr', [results('fail')], '192.0.2.25', relay)).toEqual({
      verdict: 'forged',
      reason: 'Expéditeur usurpé : DMARC échoue pour example.fr. / Forged sender: DMARC fails for example.fr.',
    });
  });

  it('takes no result from a server that is not the relay, nor one stamped with another name', () => {
    expect(checkSender('a@example.fr', [results('pass')], '198.51.100.1', relay).reason).toMatch(
      /198\.51\.100\.1, not a trusted relay/,
    );
    expect(
      checkSender('a@example.fr', [results('pass', 'example.fr', 'mx.evil.test')], '192.0.2.25', relay).verdict,
    ).toBe('unverified');
    expect(checkSender('a@example.fr', [results('pass')], '192.0.2.25', undefined).verdict).toBe('unverified');
  });

  it('does not verify a From domain the results were not about', () => {
    expect(checkSender('a@example.fr', [results('pass', 'other.test')], '192.0.2.25', relay).verdict).toBe(
      'unverified',
    );
  });

  it('reads the topmost header the relay stamped, not one that came with the message', () => {
    const verdict = checkSender('a@example.fr', [results('fail'), results('pass')], '192.0.2.25', relay).verdict;
    expect(verdict).toBe('forged');
  });

  it('accepts an aligned DKIM signature when there is no DMARC result', () => {
    const dkimOnly = ' mx.demoville.fr; dkim=pass header.d=example.fr';
    expect(checkSender('a@example.fr', [dkimOnly], '192.0.2.25', relay).verdict).toBe('verified');
    expect(
      checkSender('a@example.fr', [' mx.demoville.fr; spf=pass smtp.mailfrom=example.fr'], '192.0.2.25', relay).verdict,
    ).toBe('unverified');
  });
});
