import { recordAudit } from '../audit/record.ts';
import { type ApiContext, requireAgent, type SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { confirmEnrolment, findEnrolment, openEnrolment } from './second-factor.ts';
import { startAgentSession } from './sign-in.ts';
import { totpEnrolment } from './totp.ts';

/**
 * Starts a TOTP set-up: with a challenge, the one a refused administrator's sign-in gave (the
 * password was proved); without, the signed-in agent's own. The secret waits until a first code.
 */
export async function beginTotpEnrolment(ctx: ApiContext, municipalityId: string, challenge: string | null) {
  if (!challenge && requireAgent(ctx).municipalityId !== municipalityId) {
    throw userError('FORBIDDEN', 'Vous ne pouvez agir que dans votre commune. / Only in your own town.');
  }
  return ctx.db.within(municipalityId, async (tx) => {
    const agentId = challenge ? (await findEnrolment(tx, challenge)).agentId : ctx.agent!.id;
    const opened = challenge
      ? { token: challenge, secret: (await findEnrolment(tx, challenge)).secret }
      : await openEnrolment(tx, { id: agentId, municipalityId });
    const [who] = await tx<{ email: string; town: string }[]>`
      select a.email, m.name as town from agents a join municipalities m on m.id = a.municipality_id where a.id = ${agentId}`;
    const shown = await totpEnrolment(opened.secret, who!.email, `Parvis ${who!.town}`);
    return { challenge: opened.token, secret: opened.secret, ...shown };
  });
}

/** Ends a set-up with the first code; an administrator coming from sign-in is then signed in. */
export async function confirmTotpEnrolment(
  ctx: ApiContext,
  municipalityId: string,
  challenge: string,
  code: string,
): Promise<SignedInAgent> {
  return ctx.db.within(municipalityId, async (tx) => {
    const agentId = await confirmEnrolment(tx, challenge, code);
    const [agent] = await tx<SignedInAgent[]>`
      select id, municipality_id as "municipalityId", email, display_name as "displayName", roles, groups
      from agents where id = ${agentId}`;
    await recordAudit(tx, {
      municipalityId,
      actor: { agentId, name: agent!.displayName },
      action: 'sign-in.totp-enrolled',
      target: `agent:${agentId}`,
      ip: ctx.req.ip ?? null,
    });
    if (ctx.agent?.id === agentId) return ctx.agent;
    return startAgentSession(tx, ctx, agent!, 'password+totp');
  });
}

/** Whether the agent signs in with TOTP. */
export async function hasConfirmedTotp(ctx: ApiContext, agent: { id: string; municipalityId: string }) {
  const [row] = await ctx.db.within(
    agent.municipalityId,
    (tx) => tx<{ on: boolean }[]>`select totp_confirmed_at is not null as on from agents where id = ${agent.id}`,
  );
  return row?.on ?? false;
}
