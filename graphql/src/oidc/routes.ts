import { type Request, type Response, Router } from 'express';
import { CITIZEN_COOKIE, citizenForSession, closeCitizenSession, openCitizenSession } from '../accounts/sessions.ts';
import { startAgentSession } from '../agents/sign-in.ts';
import { recordAudit } from '../audit/record.ts';
import type { Database } from '../common/database.ts';
import { escapeMarkup } from '../common/markup.ts';
import { agentOfIdentity } from './agent-identity.ts';
import { citizenOfIdentity } from './citizen-identity.ts';
import { beginFlow, endSessionUrl, finishFlow } from './flows.ts';
import { type Audience, findProvider, type ProviderSettings } from './providers.ts';
import { refusalOf, SignInRefused } from './refusal.ts';

/** Where each audience lands once signed in, and where its sign-in page is. */
const LANDING: Record<Audience, { home: string; signIn: string }> = {
  agents: { home: '/agent', signIn: '/agent/connexion' },
  citizens: { home: '/mon-compte', signIn: '/connexion' },
};

/** A refusal, for a person in a browser: the reason in French then English, and the way back. */
function refusedPage(res: Response, status: number, message: string, back: string) {
  const [fr, en] = message.split(' / ');
  res
    .status(status)
    .type('html')
    .send(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Connexion refusée</title></head><body><main><h1>Connexion refusée</h1><p>${escapeMarkup(fr ?? message)}</p>
<p lang="en">${escapeMarkup(en ?? '')}</p><p><a href="${escapeMarkup(back)}">Revenir à la connexion / Back to sign-in</a></p></main></body></html>`);
}

/**
 * Sign-in through the town's OpenID providers, in the browser:
 * `GET /auth/:town/:audience/start` sends the person to the provider (`?link=1`: a signed-in
 * citizen links FranceConnect to their account), `GET /auth/:town/:audience/callback` comes back
 * with the code, `GET /auth/:town/citizens/logout` closes the session and, after FranceConnect,
 * its session too. The redirect URI to register with the provider is the callback's address.
 */
export function signInRoutes(db: Database, log: (line: string) => void): Router {
  const router = Router();
  const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;
  const callbackOf = (req: Request, town: string, audience: Audience) =>
    `${origin(req)}/auth/${encodeURIComponent(town)}/${audience}/callback`;
  const audienceOf = (req: Request): Audience | undefined =>
    req.params.audience === 'agents' || req.params.audience === 'citizens' ? req.params.audience : undefined;
  const providerOf = async (town: string, audience: Audience): Promise<ProviderSettings> => {
    const provider = /^[a-z0-9-]{1,64}$/.test(town)
      ? await db.within(town, (tx) => findProvider(tx, audience))
      : undefined;
    if (!provider) throw new SignInRefused('unconfigured');
    return provider;
  };

  router.get('/:town/:audience/start', async (req, res) => {
    const town = String(req.params.town);
    const audience = audienceOf(req);
    res.set('Cache-Control', 'no-store');
    if (!audience) return refusedPage(res, 404, 'Adresse inconnue. / Unknown address.', '/');
    try {
      const provider = await providerOf(town, audience);
      const citizen =
        audience === 'citizens' && req.query.link === '1'
          ? await citizenForSession(db, req.cookies?.[CITIZEN_COOKIE])
          : undefined;
      const url = await db.within(town, (tx) =>
        beginFlow(tx, provider, callbackOf(req, town, audience), citizen?.municipalityId === town ? citizen.id : null),
      );
      res.redirect(302, url.href);
    } catch (error) {
      const refusal = error instanceof SignInRefused ? error : undefined;
      log(`sign-in: ${town}/${audience} could not start (${refusal?.reason ?? (error as Error).message})`);
      refusedPage(res, refusal ? 400 : 503, (error as Error).message, LANDING[audience].signIn);
    }
  });

  router.get('/:town/:audience/callback', async (req, res) => {
    const town = String(req.params.town);
    const audience = audienceOf(req);
    res.set('Cache-Control', 'no-store');
    if (!audience) return refusedPage(res, 404, 'Adresse inconnue. / Unknown address.', '/');
    const callbackUrl = new URL(req.originalUrl, callbackOf(req, town, audience));
    try {
      const provider = await providerOf(town, audience);
      const identity = await finishFlow((work) => db.within(town, work), provider, callbackUrl);
      const ip = req.ip ?? null;
      const ctx = { req, res, publicUrl: origin(req) };
      await db.within(town, async (tx) => {
        if (audience === 'agents') {
          const agent = await agentOfIdentity(tx, provider, identity.claims, ip);
          await startAgentSession(tx, ctx, agent, 'oidc');
        } else {
          const citizen = await citizenOfIdentity(tx, provider, identity.claims, identity.linkingCitizenId, ip);
          await openCitizenSession(tx, citizen, ctx, identity.idToken);
        }
      });
      res.redirect(302, LANDING[audience].home);
    } catch (error) {
      const refusal = refusalOf(error);
      log(
        `sign-in: ${town}/${audience} callback refused (${refusal.reason}${refusal.detail ? `: ${refusal.detail}` : ''})`,
      );
      if (refusal.reason !== 'unconfigured') {
        await db
          .within(town, (tx) =>
            recordAudit(tx, {
              municipalityId: town,
              actor: { name: audience === 'agents' ? 'annuaire / directory' : 'FranceConnect' },
              action: 'sign-in.failed',
              ip: req.ip ?? null,
              details: { method: audience === 'agents' ? 'oidc' : 'franceconnect', reason: refusal.reason },
            }),
          )
          .catch(() => undefined);
      }
      refusedPage(res, 400, refusal.message, LANDING[audience].signIn);
    }
  });

  router.get('/:town/citizens/logout', async (req, res) => {
    const town = String(req.params.town);
    const token = req.cookies?.[CITIZEN_COOKIE];
    res.clearCookie(CITIZEN_COOKIE, { path: '/' });
    const citizen = await citizenForSession(db, token);
    const idToken =
      citizen?.municipalityId === town ? await db.within(town, (tx) => closeCitizenSession(tx, token)) : null;
    const provider = idToken ? await db.within(town, (tx) => findProvider(tx, 'citizens')) : undefined;
    if (!idToken || !provider) return res.redirect(302, '/');
    try {
      res.redirect(302, (await endSessionUrl(provider, idToken, `${origin(req)}/`)).href);
    } catch (error) {
      log(`sign-in: ${town} FranceConnect logout unavailable (${(error as Error).message})`);
      res.redirect(302, '/');
    }
  });
  return router;
}
