/** Sends text messages. Parvis talks to an SMS provider through one HTTP call. */
export interface SmsGateway {
  send(to: string, text: string): Promise<void>;
}

/**
 * A provider's HTTP API: POST `{ to, text }` as JSON to SMS_GATEWAY_URL (with its credentials in
 * the URL or in SMS_GATEWAY_TOKEN as a bearer token). Adapt providers with a small relay if needed.
 */
export function httpSmsGateway(url: string, token?: string): SmsGateway {
  return {
    async send(to, text) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, text }),
      });
      if (!response.ok) {
        const error = new Error(
          `The SMS gateway refused the message to ${to}: HTTP ${response.status} ${await response.text()}`,
        );
        // 4xx: the gateway refuses this message; 5xx: it is failing, try again later.
        throw Object.assign(error, { rejected: response.status < 500 });
      }
    },
  };
}

/** Development and tests: keeps messages in memory instead of sending them. */
export function memorySmsSink(): SmsGateway & { messages(): { to: string; text: string }[] } {
  const kept: { to: string; text: string }[] = [];
  return {
    async send(to, text) {
      kept.push({ to, text });
    },
    messages: () => [...kept],
  };
}
