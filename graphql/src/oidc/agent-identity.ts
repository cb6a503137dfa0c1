import { randomBytes } from 'node:crypto';
import { hashPassword } from '../agents/password.ts';
import { recordAudit } from '../audit/record.ts';
import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import type { ProviderSettings } from './providers.ts';
import { SignInRefused } from './refusal.ts';

/** The Parvis groups a person's directory groups give, by the town's mapping; unknown values give none. */
export function mappedGroups(provider: ProviderSettings, claims: Record<string, unknown>): string[] | undefined {
  if (!provider.groupsClaim) return undefined;
  const raw = claims[provider.groupsClaim];
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  return [...new Set(values.flatMap((value) => provider.groupMapping[value] ?? []))].sort();
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The agent a directory's identity stands for: the one already linked to its subject, else the
 * town's agent with its e-mail address (linked now), else a new agent. When the town maps a
 * groups claim, the agent's groups become what it gives, at each sign-in (logged when they change).
 */
export async function agentOfIdentity(
  tx: Db,
  provider: ProviderSettings,
  claims: Record<string, unknown> & { sub: string },
  ip: string | null,
): Promise<SignedInAgent> {
  const subject = `${provider.issuer} ${claims.sub}`;
  const email = text(claims.email)?.toLowerCase();
  const name =
    text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || email);
  const groups = mappedGroups(provider, claims);
  type Row = SignedInAgent & { disabledAt: Date | null };
  const columns = tx`id, municipality_id as "municipalityId", email, display_name as "displayName", roles, groups,
    disabled_at as "disabledAt"`;
  let [agent] = await tx<Row[]>`select ${columns} from agents where oidc_subject = ${subject}`;
  if (!agent && email) {
    [agent] = await tx<Row[]>`update agents set oidc_subject = ${subject}
      where email = ${email} and oidc_subject is null returning ${columns}`;
  }
  if (!agent) {
    if (!email) throw new SignInRefused('identity');
    // no password: this agent signs in through the directory only
    const unusable = await hashPassword(randomBytes(32).toString('base64'));
    [agent] = await tx<
      Row[]
    >`insert into agents (municipality_id, email, display_name, password_hash, roles, groups, oidc_subject)
      values (${provider.municipalityId}, ${email}, ${name || email}, ${unusable}, ${['agent']}, ${groups ?? []}, ${subject})
      returning ${columns}`;
    await recordAudit(tx, {
      municipalityId: provider.municipalityId,
      actor: { agentId: agent!.id, name: agent!.displayName },
      action: 'agents.created',
      target: `agent:${agent!.id}`,
      ip,
      details: { by: 'directory', issuer: provider.issuer, groups: agent!.groups },
    });
  }
  if (agent!.disabledAt) throw new SignInRefused('disabled');
  if (groups && groups.join() !== [...agent!.groups].sort().join()) {
    await tx`update agents set groups = ${groups} where id = ${agent!.id}`;
    await recordAudit(tx, {
      municipalityId: provider.municipalityId,
      actor: { agentId: agent!.id, name: agent!.displayName },
      action: 'groups.changed',
      target: `agent:${agent!.id}`,
      ip,
      details: { by: 'directory', before: agent!.groups, after: groups },
    });
    agent!.groups = groups;
  }
  const { disabledAt: _, ...signedIn } = agent!;
  return signedIn;
}
