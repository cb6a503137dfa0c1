// Invitations: a one-time first sign-in link that makes someone an agent of a town (its first
// administrator, made by the platform; later its agents, invited by the town's administrator).
export {
  acceptInvitation,
  findInvitation,
  type InvitationProblem,
  MIN_PASSWORD_LENGTH,
  type OpenInvitation,
} from './accept.ts';
export {
  createInvitation,
  INVITATION_DAYS,
  type InvitationInput,
  invitationDigest,
  invitationMail,
  invitationUrl,
} from './invite.ts';
