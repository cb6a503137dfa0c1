import { describe, expect, it } from 'vitest';
import { mayReadMetrics } from './access.ts';

// Who may read /metrics: with a token, whoever sends it; without one, a client on this machine
// connecting directly, never one a proxy relays (it would lend the public its loopback address).
const from = (remoteAddress: string, headers: Record<string, string> = {}) => ({
  headers,
  socket: { remoteAddress },
});

describe('mayReadMetrics', () => {
  it('without a token, lets in this machine only, and not through a proxy', () => {
    expect(mayReadMetrics(from('127.0.0.1') as never, undefined)).toBe(true);
    expect(mayReadMetrics(from('::1') as never, undefined)).toBe(true);
    expect(mayReadMetrics(from('::ffff:127.0.0.1') as never, undefined)).toBe(true);
    expect(mayReadMetrics(from('192.0.2.10') as never, undefined)).toBe(false);
    expect(mayReadMetrics(from('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }) as never, undefined)).toBe(false);
    expect(mayReadMetrics(from('127.0.0.1', { forwarded: 'for=203.0.113.7' }) as never, undefined)).toBe(false);
  });

  it('with a token, asks everyone for it, this machine too', () => {
    const token = 's3cr3t-de-supervision';
    expect(mayReadMetrics(from('192.0.2.10', { authorization: `Bearer ${token}` }) as never, token)).toBe(true);
    expect(mayReadMetrics(from('127.0.0.1') as never, token)).toBe(false);
    expect(mayReadMetrics(from('192.0.2.10', { authorization: 'Bearer s3cr3t' }) as never, token)).toBe(false);
    expect(mayReadMetrics(from('192.0.2.10', { authorization: token }) as never, token)).toBe(false);
  });
});
