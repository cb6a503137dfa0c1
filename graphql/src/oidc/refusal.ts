/** Why a callback from an OpenID provider was refused: each has its own words for the person signing in. */
export type RefusalReason =
  | 'unconfigured'
  | 'state'
  | 'issuer'
  | 'nonce'
  | 'denied'
  | 'level'
  | 'token'
  | 'identity'
  | 'disabled'
  | 'linked-elsewhere'
  | 'account-exists';

const WORDS: Record<RefusalReason, string> = {
  unconfigured:
    "Cette commune n'a pas configuré ce mode de connexion. / This town has not set up this way of signing in.",
  state:
    'Cette réponse de connexion est inconnue ou a déjà servi : recommencez la connexion. / This sign-in response is unknown or was already used: sign in again.',
  issuer:
    "La réponse vient d'un autre fournisseur d'identité que celui de la commune : connexion refusée. / The response comes from another identity provider than the town's: sign-in refused.",
  nonce:
    "Le jeton d'identité ne correspond pas à cette connexion (nonce) : connexion refusée. / The ID token does not belong to this sign-in (nonce): sign-in refused.",
  denied: "Le fournisseur d'identité n'a pas autorisé la connexion. / The identity provider did not allow the sign-in.",
  level:
    "Le fournisseur d'identité n'a pas authentifié la personne au niveau demandé (acr) : connexion refusée. / The identity provider did not authenticate the person at the level asked (acr): sign-in refused.",
  token:
    "Le fournisseur d'identité a donné une réponse invalide : connexion refusée. / The identity provider gave an invalid answer: sign-in refused.",
  identity:
    "Le fournisseur d'identité n'a pas donné d'adresse e-mail : connexion impossible. / The identity provider gave no e-mail address.",
  disabled: 'Ce compte est désactivé : adressez-vous à votre administrateur. / This account is disabled.',
  'linked-elsewhere':
    'Cette identité FranceConnect est déjà reliée à un autre compte. / This FranceConnect identity is already linked to another account.',
  'account-exists':
    'Un compte existe déjà avec cette adresse e-mail : connectez-vous avec lui, puis reliez FranceConnect depuis « Mon compte ». / An account already uses this e-mail address: sign in with it, then link FranceConnect from "My account".',
};

/** A sign-in through a provider refused, with its reason. */
export class SignInRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail = '',
  ) {
    super(WORDS[reason]);
  }
}

/** What openid-client's error says went wrong, in Parvis's reasons. */
export function refusalOf(error: unknown): SignInRefused {
  if (error instanceof SignInRefused) return error;
  // openid-client's errors say what failed in general words; their cause says which claim or parameter
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const message = `${error instanceof Error ? error.message : String(error)} ${cause}`.trim();
  const code = (error as { code?: string }).code ?? '';
  if (/"iss"|issuer/i.test(message)) return new SignInRefused('issuer', message);
  if (/nonce/i.test(message)) return new SignInRefused('nonce', message);
  if (/"state"/.test(message)) return new SignInRefused('state', message);
  if (code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR' || /access_denied/.test(message))
    return new SignInRefused('denied', message);
  return new SignInRefused('token', `${code} ${message}`.trim());
}
