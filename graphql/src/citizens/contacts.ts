/** One exchange with a citizen, on any channel. */
export interface CitizenContact {
  at: Date;
  /** incoming: from the citizen; outgoing: to them */
  direction: 'incoming' | 'outgoing';
  channel: string;
  /** requestFiled, answerReceived, acknowledged (the receipt), notified (another message) */
  kind: 'requestFiled' | 'answerReceived' | 'acknowledged' | 'notified';
  trackingCode: string;
  /** The agent who registered a request at the front desk. */
  registeredBy: string | null;
  /** What a message was about (the notification's event: acknowledgement, implicitDecision…). */
  event: string | null;
}

export interface ContactSources {
  requests: {
    id: string;
    tracking_code: string;
    channel: string;
    submitted_at: Date;
    registered_by_name: string | null;
  }[];
  events: { request_id: string; kind: string; payload: Record<string, unknown>; occurred_at: Date }[];
  /** The citizen's e-mail addresses and phone numbers, as messages to them name them. */
  addresses: string[];
}

/**
 * A citizen's exchanges with the town, newest first: each request filed (its channel, who
 * registered it), each answer they sent, each message sent to them (by e-mail or SMS). Messages to
 * agents about the same requests are not the citizen's and are left out.
 */
export function citizenContacts({ requests, events, addresses }: ContactSources): CitizenContact[] {
  const codes = new Map(requests.map((r) => [r.id, r.tracking_code]));
  const own = new Set(addresses.map(addressKey));
  const filed: CitizenContact[] = requests.map((r) => ({
    at: r.submitted_at,
    direction: 'incoming',
    channel: r.channel,
    kind: 'requestFiled',
    trackingCode: r.tracking_code,
    registeredBy: r.registered_by_name,
    event: null,
  }));
  const exchanged = events.flatMap((e): CitizenContact[] => {
    const trackingCode = codes.get(e.request_id) ?? '';
    const base = { at: e.occurred_at, trackingCode, registeredBy: null };
    if (e.kind === 'messageReceived') {
      return e.payload.from === 'citizen'
        ? [{ ...base, direction: 'incoming', channel: 'web', kind: 'answerReceived', event: null }]
        : [];
    }
    const recipients = Array.isArray(e.payload.recipients) ? (e.payload.recipients as string[]) : [];
    const toCitizen = recipients.filter((r) => own.has(addressKey(r)));
    return toCitizen.map((recipient) => ({
      ...base,
      direction: 'outgoing' as const,
      channel: recipient.includes('@') ? 'email' : 'sms',
      kind: e.kind === 'acknowledged' ? ('acknowledged' as const) : ('notified' as const),
      event: typeof e.payload.event === 'string' ? e.payload.event : null,
    }));
  });
  return [...filed, ...exchanged].sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** An e-mail address in lower case, a phone number as its national digits (+33 6… and 06… alike). */
function addressKey(address: string): string {
  return address.includes('@') ? address.trim().toLowerCase() : address.replace(/\D/g, '').replace(/^33/, '0');
}
