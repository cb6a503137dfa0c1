import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelSettings } from './channel-settings.ts';

describe('channelSettings: inbound channels and limits from the environment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('limits clients by default and runs the SMTP intake only where a port is given', () => {
    expect(channelSettings()).toMatchObject({ rateLimit: { burst: 120, perSecond: 20 }, intake: undefined });
    expect(channelSettings({ intakePort: 2526 }).intake).toMatchObject({ port: 2526, relay: undefined });
    vi.stubEnv('RATE_LIMIT_BURST', '0');
    expect(channelSettings().rateLimit).toBeUndefined();
  });

  it('reads the trusted relay and the proxy', () => {
    vi.stubEnv('INTAKE_SMTP_PORT', '25');
    vi.stubEnv('INTAKE_TRUSTED_RELAYS', '192.0.2.25, 2001:db8::25');
    vi.stubEnv('INTAKE_AUTHSERV_ID', 'mx.demoville.fr');
    vi.stubEnv('TRUST_PROXY', '1');
    expect(channelSettings()).toMatchObject({
      trustProxy: 1,
      intake: { port: 25, relay: { addresses: ['192.0.2.25', '2001:db8::25'], authservId: 'mx.demoville.fr' } },
    });
  });

  it('names the variable and what is wrong with it', () => {
    vi.stubEnv('RATE_LIMIT_PER_SECOND', 'beaucoup');
    expect(() => channelSettings()).toThrow('RATE_LIMIT_PER_SECOND=beaucoup: expected a number ≥ 0.');
    vi.unstubAllEnvs();
    vi.stubEnv('INTAKE_TRUSTED_RELAYS', 'mx.demoville.fr');
    expect(() => channelSettings()).toThrow('INTAKE_TRUSTED_RELAYS: mx.demoville.fr is not an IP address.');
    vi.stubEnv('INTAKE_TRUSTED_RELAYS', '192.0.2.25');
    expect(() => channelSettings()).toThrow(/without INTAKE_AUTHSERV_ID/);
  });
});
