import { createHmac } from 'node:crypto';

/**
 * The headers an SMS gateway sends with a call to /intake/sms/<municipality>: the time it sends,
 * and the HMAC-SHA256 of `<timestamp>.<municipality>.<body>` with the shared secret.
 */
export function smsGatewayHeaders(
  body: string,
  {
    secret,
    municipality = 'demo',
    timestamp = Math.floor(Date.now() / 1000),
  }: { secret: string; municipality?: string; timestamp?: number },
): Record<string, string> {
  return {
    'x-parvis-timestamp': String(timestamp),
    'x-parvis-signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${municipality}.${body}`).digest('hex')}`,
  };
}
