import { recordAudit } from '../audit/record.ts';
import type { ApiContext } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import { isLoopback, type ProviderSettings, providerConfiguration } from './providers.ts';

export interface ProviderInput {
  /** `agents` or `citizens`, checked when saved */
  audience: string;
  label: string;
  issuer: string;
  clientId: string;
  /** unset on a change: the stored secret stays */
  clientSecret?: string | null;
  scopes?: string | null;
  acrValues?: string | null;
  groupsClaim?: string | null;
  groupMapping?: { value: string; groups: string[] }[] | null;
}

const bad = (field: string, message: string) => userError('BAD_USER_INPUT', message, { field });

function checkedIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer.trim());
  } catch {
    throw bad('issuer', 'issuer : adresse invalide (ex. https://sso.ville.fr/realms/agents). / issuer: not a URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw bad('issuer', 'issuer : une adresse https:// est exigée. / issuer: an https:// address is required.');
  }
  return url.href.replace(/\/$/, '');
}

/**
 * Administrators: sets the town's provider for agents or citizens. The mapping's groups must exist
 * in the town; the issuer must answer OpenID discovery as itself; the change is logged (without secret).
 */
export async function saveProvider(ctx: ApiContext, input: ProviderInput): Promise<ProviderSettings> {
  const agent = requireRole(ctx, 'administrator');
  const audience = input.audience;
  if (audience !== 'agents' && audience !== 'citizens') {
    throw bad('audience', 'audience : agents ou citizens. / audience: agents or citizens.');
  }
  if (!input.label.trim()) throw bad('label', 'label : texte du bouton requis. / label: the button text is required.');
  if (!input.clientId.trim()) throw bad('clientId', 'clientId requis. / clientId is required.');
  const issuer = checkedIssuer(input.issuer);
  const mapping: Record<string, string[]> = {};
  for (const { value, groups } of input.groupMapping ?? []) mapping[value] = [...new Set(groups)];
  return ctx.db.within(agent.municipalityId, async (tx) => {
    const wanted = [...new Set(Object.values(mapping).flat())];
    const known = await tx<{ key: string }[]>`select key from agent_groups union select unnest(groups) from agents`;
    const unknown = wanted.filter((g) => !known.some((k) => k.key === g));
    if (unknown.length) {
      throw bad(
        'groupMapping',
        `Groupes inconnus dans la commune : ${unknown.join(', ')}. / Unknown groups: ${unknown.join(', ')}.`,
      );
    }
    const [stored] = await tx<{ secret: string }[]>`select client_secret as secret from sign_in_providers
      where audience = ${input.audience}`;
    const clientSecret = input.clientSecret?.trim() || stored?.secret;
    if (!clientSecret) throw bad('clientSecret', 'clientSecret requis. / clientSecret is required.');
    const settings: ProviderSettings = {
      municipalityId: agent.municipalityId,
      audience,
      label: input.label.trim(),
      issuer,
      clientId: input.clientId.trim(),
      clientSecret,
      scopes: input.scopes?.trim() || (input.audience === 'citizens' ? FRANCECONNECT_SCOPES : 'openid email profile'),
      acrValues: input.acrValues?.trim() || null,
      groupsClaim: input.groupsClaim?.trim() || null,
      groupMapping: mapping,
    };
    await providerConfiguration(settings).catch((error: Error) => {
      throw bad('issuer', error.message);
    });
    await store(tx, settings);
    await recordAudit(tx, {
      municipalityId: agent.municipalityId,
      actor: { agentId: agent.id, name: agent.displayName },
      ip: ctx.req.ip ?? null,
      action: 'settings.sign-in-provider',
      target: `sign-in:${input.audience}`,
      details: { issuer, clientId: settings.clientId, groupsClaim: settings.groupsClaim, groupMapping: mapping },
    });
    return settings;
  });
}

/** The claims FranceConnect gives for an account (its scopes), asked by default for citizens. */
export const FRANCECONNECT_SCOPES = 'openid given_name family_name birthdate email';

async function store(tx: Db, s: ProviderSettings) {
  await tx`insert into sign_in_providers (municipality_id, audience, label, issuer, client_id, client_secret, scopes,
      acr_values, groups_claim, group_mapping, updated_at)
    values (${s.municipalityId}, ${s.audience}, ${s.label}, ${s.issuer}, ${s.clientId}, ${s.clientSecret}, ${s.scopes},
      ${s.acrValues}, ${s.groupsClaim}, ${tx.json(s.groupMapping)}, now())
    on conflict (municipality_id, audience) do update set label = excluded.label, issuer = excluded.issuer,
      client_id = excluded.client_id, client_secret = excluded.client_secret, scopes = excluded.scopes,
      acr_values = excluded.acr_values, groups_claim = excluded.groups_claim, group_mapping = excluded.group_mapping,
      updated_at = now()`;
}
