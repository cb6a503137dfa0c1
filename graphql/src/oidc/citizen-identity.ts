import { recordAudit } from '../audit/record.ts';
import type { SignedInCitizen } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import type { ProviderSettings } from './providers.ts';
import { SignInRefused } from './refusal.ts';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const date = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/**
 * The citizen a FranceConnect identity stands for: the account linked to its subject; else, when a
 * signed-in citizen asked to link it, theirs; else a new account with FranceConnect's identity
 * (given_name, family_name, birthdate, email). An unlinked account with the same e-mail address is
 * not taken over: its owner signs in and links FranceConnect themselves.
 */
export async function citizenOfIdentity(
  tx: Db,
  provider: ProviderSettings,
  claims: Record<string, unknown> & { sub: string },
  linkingCitizenId: string | null,
  ip: string | null,
): Promise<SignedInCitizen> {
  const subject = claims.sub;
  const email = text(claims.email)?.toLowerCase() ?? null;
  const [linked] = await tx<{ id: string; email: string | null }[]>`
    select id, email from citizens where franceconnect_subject = ${subject} and erased_at is null`;
  const audit = (citizenId: string, action: 'sign-in.succeeded' | 'sign-in.linked') =>
    recordAudit(tx, {
      municipalityId: provider.municipalityId,
      actor: { citizenId, name: email ?? 'FranceConnect' },
      action,
      target: `citizen:${citizenId}`,
      ip,
      details: { method: 'franceconnect', acr: claims.acr ?? null },
    });
  if (linkingCitizenId) {
    if (linked && linked.id !== linkingCitizenId) throw new SignInRefused('linked-elsewhere');
    const [row] = await tx<{ id: string; email: string | null }[]>`update citizens
      set franceconnect_subject = ${subject}, birthdate = coalesce(birthdate, ${date(claims.birthdate)}::date)
      where id = ${linkingCitizenId} returning id, email`;
    await audit(row!.id, 'sign-in.linked');
    return { id: row!.id, municipalityId: provider.municipalityId, email: row!.email ?? email ?? '' };
  }
  if (linked) {
    await audit(linked.id, 'sign-in.succeeded');
    return { id: linked.id, municipalityId: provider.municipalityId, email: linked.email ?? email ?? '' };
  }
  if (email) {
    const [taken] = await tx`select 1 from citizens where lower(email) = ${email} and erased_at is null`;
    if (taken) throw new SignInRefused('account-exists');
  }
  const [created] = await tx<{ id: string }[]>`
    insert into citizens (municipality_id, first_name, last_name, email, email_confirmed_at, birthdate, franceconnect_subject)
    values (${provider.municipalityId}, ${text(claims.given_name)}, ${text(claims.family_name)}, ${email},
      ${email ? new Date() : null}, ${date(claims.birthdate)}::date, ${subject})
    returning id`;
  await audit(created!.id, 'sign-in.succeeded');
  return { id: created!.id, municipalityId: provider.municipalityId, email: email ?? '' };
}
