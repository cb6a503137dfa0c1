import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import Provider, { type Configuration } from 'oidc-provider';

/** One person the provider knows: their subject and claims. */
export type Person = { sub: string } & Record<string, unknown>;

export interface RunningProvider {
  /** The issuer, e.g. http://127.0.0.1:PORT (agents) or http://127.0.0.1:PORT/api/v2 (FranceConnect stand-in) */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next login prompt (the provider's own login page is skipped). */
  signInAs(person: Person): void;
  stop(): Promise<void>;
}

/** FranceConnect's claims and scopes (one scope per claim), as its integration platform gives them. */
const FRANCECONNECT_CLAIMS = {
  openid: ['sub'],
  given_name: ['given_name'],
  family_name: ['family_name'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  email: ['email'],
  preferred_username: ['preferred_username'],
};

/**
 * A real OpenID provider (panva's oidc-provider, certified) on a loopback port, with one client
 * whose redirect URIs are given. `franceConnect`: configured like FranceConnect's integration
 * platform: issuer under /api/v2, its endpoints' paths (/authorize, /token, /userinfo,
 * /session/end, /jwks), its claims and scopes, `acr_values=eidas1`, RS256-signed ID tokens and
 * UserInfo answered as a signed JWT.
 * Otherwise a directory's provider: scopes openid email profile groups, `groups` claim.
 */
export async function startOpenIdProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  franceConnect?: boolean;
}): Promise<RunningProvider> {
  let nextPerson: Person | undefined;
  const people = new Map<string, Person>();
  const app = express();
  const server: Server = await new Promise((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  const port = (server.address() as { port: number }).port;
  const prefix = options.franceConnect ? '/api/v2' : '';
  const issuer = `http://127.0.0.1:${port}${prefix}`;
  const clientId = `parvis-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('hex');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        id_token_signed_response_alg: 'RS256',
        // FranceConnect answers UserInfo as a signed JWT
        ...(options.franceConnect ? { userinfo_signed_response_alg: 'RS256' } : {}),
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' } as never] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: options.franceConnect
      ? FRANCECONNECT_CLAIMS
      : {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name', 'given_name', 'family_name'],
          groups: ['groups'],
        },
    scopes: options.franceConnect ? Object.keys(FRANCECONNECT_CLAIMS) : ['openid', 'email', 'profile', 'groups'],
    ...(options.franceConnect ? { acrValues: ['eidas1'] } : {}),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      jwtUserinfo: { enabled: !!options.franceConnect },
    },
    ...(options.franceConnect
      ? {
          routes: {
            authorization: '/authorize',
            token: '/token',
            userinfo: '/userinfo',
            end_session: '/session/end',
            jwks: '/jwks',
          },
        }
      : {}),
    interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      return person ? { accountId: sub, claims: () => person } : undefined;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider:', error));
  // The person's "login" and consent, at once: the test decides who signs in.
  app.get(`${prefix}/interaction/:uid`, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (!nextPerson) throw new Error('the test did not say who signs in');
        people.set(nextPerson.sub, nextPerson);
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: nextPerson.sub, ...(options.franceConnect ? { acr: 'eidas1' } : {}) } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      const grant = new provider.Grant({
        accountId: details.session!.accountId,
        clientId: String(details.params.client_id),
      });
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    } catch (error) {
      next(error);
    }
  });
  app.use(prefix || '/', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (person) => {
      nextPerson = person;
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}
