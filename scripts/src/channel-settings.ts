// The API's inbound channels and limits, read from the environment (docs/operations.md, Configuration).
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

export interface ChannelSettings {
  rateLimit?: { burst: number; perSecond: number };
  trustProxy?: string | number | boolean;
  smsWebhookSecret?: string;
  /** Unset: no SMTP intake in this process. */
  intake?: {
    port: number;
    host?: string;
    maxBytes?: number;
    relay?: { addresses: string[]; authservId: string };
    tls?: { key: Buffer; cert: Buffer };
  };
}

function configurationError(message: string): Error {
  return Object.assign(new Error(message), { code: 'CONFIGURATION' });
}

function number(name: string, fallback?: number): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw configurationError(`${name}=${raw}: expected a number ≥ 0.`);
  return value;
}

/** Reads the settings; `intakePort` is the SMTP intake's port when INTAKE_SMTP_PORT is unset. */
export function channelSettings(defaults: { intakePort?: number } = {}): ChannelSettings {
  const burst = number('RATE_LIMIT_BURST', 120)!;
  const perSecond = number('RATE_LIMIT_PER_SECOND', 20)!;
  const intakePort = number('INTAKE_SMTP_PORT', defaults.intakePort);
  const relays = (process.env.INTAKE_TRUSTED_RELAYS ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const wrong = relays.find((a) => !isIP(a));
  if (wrong) throw configurationError(`INTAKE_TRUSTED_RELAYS: ${wrong} is not an IP address.`);
  const authservId = process.env.INTAKE_AUTHSERV_ID?.trim();
  if (relays.length > 0 && !authservId) {
    throw configurationError(
      'INTAKE_TRUSTED_RELAYS is set without INTAKE_AUTHSERV_ID (the name the relay stamps its Authentication-Results with).',
    );
  }
  const trustProxy = process.env.TRUST_PROXY?.trim();
  const tls = pemFiles(process.env.INTAKE_TLS_KEY_FILE, process.env.INTAKE_TLS_CERT_FILE);
  return {
    rateLimit: burst > 0 && perSecond > 0 ? { burst, perSecond } : undefined,
    trustProxy: !trustProxy ? undefined : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy,
    smsWebhookSecret: process.env.SMS_WEBHOOK_SECRET || undefined,
    intake:
      intakePort === undefined
        ? undefined
        : {
            port: intakePort,
            host: process.env.INTAKE_SMTP_HOST || undefined,
            maxBytes: number('INTAKE_MAX_BYTES'),
            relay: authservId ? { addresses: relays, authservId } : undefined,
            tls,
          },
  };
}

/** STARTTLS's key and certificate, both or neither. */
function pemFiles(keyFile: string | undefined, certFile: string | undefined) {
  if (!keyFile && !certFile) return undefined;
  if (!keyFile || !certFile) {
    throw configurationError('Set both INTAKE_TLS_KEY_FILE and INTAKE_TLS_CERT_FILE (PEM files), or neither.');
  }
  const read = (name: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw configurationError(`${name}=${file}: cannot read it (${(error as Error).message}).`);
    }
  };
  return { key: read('INTAKE_TLS_KEY_FILE', keyFile), cert: read('INTAKE_TLS_CERT_FILE', certFile) };
}
