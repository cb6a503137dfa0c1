import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { type MapServers, mapOrigins } from '../municipalities/map-servers.ts';

/**
 * Headers every answer carries: no MIME sniffing, no framing, no referrer to other sites (a
 * tracking page's address holds its code), HTTPS remembered where the public address is HTTPS.
 * The content security policy is the portal pages' own (portalPolicy).
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    // Map tiles come from other servers, which do not send Cross-Origin-Resource-Policy.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: publicUrl.startsWith('https:') ? { maxAge: 31_536_000 } : false,
    xFrameOptions: { action: 'deny' },
  });
}

/**
 * The portal pages' content security policy: scripts and styles only from the portal itself or
 * carrying the answer's nonce (`res.locals.cspNonce`, set by the caller and written in the page's tags), no inline script,
 * never framed. Style attributes stay allowed: Vue writes some, and they cannot run code. Images
 * may come from any HTTPS server (a town may name its own map tile server) and from the map
 * servers configured; the browser asks the configured geocoder for addresses.
 */
export function portalPolicy(maps: MapServers): RequestHandler {
  const origins = mapOrigins(maps);
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as { locals: { cspNonce: string } }).locals.cspNonce}'`;
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", nonce],
      styleSrc: ["'self'", nonce],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...origins.images],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...origins.connect],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
}
