import { isIP } from 'node:net';

/**
 * Whose word Parvis takes on an e-mail's sender. Parvis does not check SPF, DKIM or DMARC itself:
 * the municipality's mail server (the MX) does, and writes its results in an
 * `Authentication-Results` header (RFC 8601) stamped with its name. Only that header is read, and
 * only on mail handed over by that server's addresses; one a sender wrote themselves, or that came
 * from anywhere else, proves nothing.
 */
export interface TrustedRelay {
  /** Addresses the relay connects from (IPv4 or IPv6). */
  addresses: string[];
  /** The name the relay stamps its results with (the header's authserv-id), e.g. `mx.demoville.fr`. */
  authservId: string;
}

export type SenderCheck =
  | { verdict: 'verified'; reason: string }
  | { verdict: 'unverified'; reason: string }
  | { verdict: 'forged'; reason: string };

const normalIp = (ip: string) => ip.replace(/^::ffff:/i, '').toLowerCase();

/** The results (`method=result` with their properties) of one header, if stamped by `authservId`. */
function resultsOf(header: string, authservId: string): Map<string, { result: string; props: string }> | undefined {
  const unfolded = header.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ');
  const [id, ...parts] = unfolded.split(';');
  if (id?.trim().split(' ')[0]?.toLowerCase() !== authservId.toLowerCase()) return undefined;
  const results = new Map<string, { result: string; props: string }>();
  for (const part of parts) {
    const match = /^\s*([a-z0-9-]+)\s*=\s*([a-z]+)(.*)$/i.exec(part);
    if (match && !results.has(match[1]!.toLowerCase())) {
      results.set(match[1]!.toLowerCase(), { result: match[2]!.toLowerCase(), props: match[3]!.trim() });
    }
  }
  return results;
}

const property = (props: string, name: string) =>
  new RegExp(`(?:^|\\s)${name.replace('.', '\\.')}=([^\\s;]+)`, 'i').exec(props)?.[1]?.toLowerCase();

/**
 * Decides whether the From address of a message can be believed: verified when the trusted relay
 * says DMARC passed for that address's domain (or, without DMARC, a DKIM signature of that domain
 * passed); forged when it says DMARC failed; not verified in every other case.
 */
export function checkSender(
  fromAddress: string,
  authenticationResults: string[],
  clientIp: string,
  relay: TrustedRelay | undefined,
): SenderCheck {
  const domain = fromAddress.split('@')[1]?.toLowerCase() ?? '';
  if (!relay?.authservId) {
    return {
      verdict: 'unverified',
      reason:
        "Expéditeur non vérifié : aucun relais de confiance n'est configuré. / Sender not verified: no trusted relay is configured.",
    };
  }
  const trusted = isIP(normalIp(clientIp)) && relay.addresses.map(normalIp).includes(normalIp(clientIp));
  // The relay's own header is the topmost of those it stamped: anything below came with the message.
  const results = trusted
    ? authenticationResults.map((h) => resultsOf(h, relay.authservId)).find((r) => r !== undefined)
    : undefined;
  if (!results) {
    return {
      verdict: 'unverified',
      reason: trusted
        ? "Expéditeur non vérifié : le relais n'a pas donné de résultat SPF/DKIM/DMARC. / Sender not verified: the relay gave no SPF/DKIM/DMARC result."
        : `Expéditeur non vérifié : message reçu de ${clientIp}, qui n'est pas un relais de confiance. / Sender not verified: received from ${clientIp}, not a trusted relay.`,
    };
  }
  const dmarc = results.get('dmarc');
  const dmarcDomain = dmarc ? property(dmarc.props, 'header.from') : undefined;
  if (dmarc?.result === 'fail' && (!dmarcDomain || dmarcDomain === domain)) {
    return {
      verdict: 'forged',
      reason: `Expéditeur usurpé : DMARC échoue pour ${domain}. / Forged sender: DMARC fails for ${domain}.`,
    };
  }
  if (dmarc?.result === 'pass' && (!dmarcDomain || dmarcDomain === domain)) {
    return { verdict: 'verified', reason: `DMARC vérifié pour ${domain}. / DMARC passed for ${domain}.` };
  }
  const dkim = results.get('dkim');
  if (!dmarc && dkim?.result === 'pass' && property(dkim.props, 'header.d') === domain) {
    return {
      verdict: 'verified',
      reason: `Signature DKIM de ${domain} vérifiée. / DKIM signature of ${domain} passed.`,
    };
  }
  return {
    verdict: 'unverified',
    reason: `Expéditeur non vérifié : ni DMARC ni DKIM ne valident ${domain}. / Sender not verified: neither DMARC nor DKIM vouch for ${domain}.`,
  };
}
