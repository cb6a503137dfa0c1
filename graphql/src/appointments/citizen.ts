import { APPOINTMENT_MESSAGE } from '@parvis/workers/messages';
import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { publishInTown } from '../messages/publish.ts';
import { findTrackedRequest } from '../requests/find.ts';
import type { RequestRow } from '../requests/repository.ts';
import { type Actor, bookAppointment, cancelAppointment, moveAppointment } from './booking.ts';
import { freeSlots } from './free-slots.ts';
import { type AppointmentRow, type KindRow, listKinds, readAppointments } from './repository.ts';
import { tellBooker } from './tell-booker.ts';

/**
 * The citizen's side (issue 22, point 2): a procedure's `parvis:appointment` step invites them to
 * book a slot; from the tracking page (signed in, or with the request's e-mail) they see the free
 * slots, book one, move it or cancel it. The first booking wakes the request: it is published as
 * the `rendez-vous` message, correlated by the invitation's id.
 */
export const citizenAppointmentTypeDefs = /* GraphQL */ `
  "The appointment a request's procedure asks its citizen to book."
  type RequestAppointment {
    "The kind of appointment to book."
    kind: AppointmentKind!
    "The appointment booked, not cancelled; null until one is."
    appointment: Appointment
  }

  extend type Request {
    "The appointment its procedure asks the citizen to book; null when it asks for none."
    appointmentInvitation: RequestAppointment
  }

  extend type Query {
    "The citizen (signed in, or giving the request's e-mail): the slots of a day they may book for their request."
    requestAppointmentSlots(
      "The request's tracking code."
      trackingCode: String!
      "The e-mail the request was filed with (not needed when signed in)."
      email: String
      "The local day, YYYY-MM-DD."
      date: String!
    ): [AppointmentSlot!]!
  }

  extend type Mutation {
    "The citizen: books the slot their request's procedure asks for; refused with DAY_CLOSED, SLOT_TAKEN, APPOINTMENT_PAST or BAD_USER_INPUT, and with NOT_ALLOWED when one is booked already (move it)."
    bookRequestAppointment(
      "The request's tracking code."
      trackingCode: String!
      "The e-mail the request was filed with (not needed when signed in)."
      email: String
      "The resource."
      resourceId: ID!
      "The slot's start (ISO instant)."
      startsAt: String!
    ): Appointment!
    "The citizen: moves their request's appointment to another slot, before it starts."
    moveRequestAppointment(
      "The request's tracking code."
      trackingCode: String!
      "The e-mail the request was filed with (not needed when signed in)."
      email: String
      "The new slot's start (ISO instant)."
      startsAt: String!
      "Another resource serving the kind; none: the same."
      resourceId: ID
    ): Appointment!
    "The citizen: cancels their request's appointment before it starts (APPOINTMENT_PAST after); they may book another."
    cancelRequestAppointment(
      "The request's tracking code."
      trackingCode: String!
      "The e-mail the request was filed with (not needed when signed in)."
      email: String
    ): Appointment!
  }
`;

interface Invitation {
  id: string;
  kind: KindRow;
  appointment: AppointmentRow | null;
}

/** The request's latest invitation to book, and its appointment not cancelled; null when none. */
async function invitationOf(ctx: Pick<ApiContext, 'db'>, request: RequestRow): Promise<Invitation | null> {
  return ctx.db.within(request.municipality_id, async (tx) => {
    // the invitation and its appointment's id in one read; the kind comes with the appointment when booked
    const [row] = await tx<{ id: string; key: string; booked: string | null }[]>`
      select i.id, k.key, (select a.id from appointments a
          where a.request_id = i.request_id and a.kind_id = i.kind_id and a.status <> 'CANCELLED'
          order by a.created_at desc limit 1) as booked
      from appointment_invitations i join appointment_kinds k on k.id = i.kind_id
      where i.request_id = ${request.id} order by i.created_at desc limit 1`;
    if (!row) return null;
    const [appointment] = row.booked ? await readAppointments(tx, { ids: [row.booked] }) : [];
    const kind = appointment?.kind ?? (await listKinds(tx, row.key))[0]!;
    return { id: row.id, kind, appointment: appointment ?? null };
  });
}

/** The tracked request and its invitation; NOT_FOUND (field trackingCode) when its procedure asks for none. */
async function invited(ctx: ApiContext, trackingCode: string, email?: string | null) {
  const request = await findTrackedRequest(ctx, trackingCode, email ?? undefined);
  const invitation = await invitationOf(ctx, request);
  if (!invitation)
    throw userError(
      'NOT_FOUND',
      'Cette demande ne demande pas de rendez-vous. / This request asks for no appointment.',
      {
        field: 'trackingCode',
      },
    );
  return { request, invitation, actor: { municipalityId: request.municipality_id, id: null } satisfies Actor };
}

/** The booked appointment, or NOT_FOUND when none is. */
const bookedOf = (invitation: Invitation) => {
  if (!invitation.appointment)
    throw userError('NOT_FOUND', 'Aucun rendez-vous réservé. / No appointment booked.', { field: 'trackingCode' });
  return invitation.appointment;
};

/** Who comes, as the request was filed: its form's first and last names, its e-mail and phone. */
function bookerOf(request: RequestRow) {
  const text = (name: string) => (typeof request.data[name] === 'string' ? (request.data[name] as string).trim() : '');
  const email = request.citizen_email ?? (text('email') || null);
  const personName = [text('prenom'), text('nom')].filter(Boolean).join(' ') || email || request.tracking_code;
  return { personName, email, phone: text('telephone') || null, channel: 'ONLINE' as const };
}

export const citizenAppointmentResolvers: Resolvers = {
  Request: {
    appointmentInvitation: (request, _, ctx) => invitationOf(ctx, request as RequestRow),
  },
  Query: {
    requestAppointmentSlots: async (_, { trackingCode, email, date }, ctx) => {
      const { request, invitation } = await invited(ctx, trackingCode, email);
      return freeSlots(ctx.db, request.municipality_id, invitation.kind.key, date);
    },
  },
  Mutation: {
    bookRequestAppointment: async (_, args, ctx) => {
      const { request, invitation, actor } = await invited(ctx, args.trackingCode, args.email);
      if (invitation.appointment)
        throw userError(
          'NOT_ALLOWED',
          'Un rendez-vous est déjà réservé : déplacez-le. / An appointment is booked already: move it.',
          {
            field: 'trackingCode',
          },
        );
      const appointment = await bookAppointment(
        ctx.db,
        actor,
        { kindKey: invitation.kind.key, resourceId: args.resourceId, startsAt: args.startsAt, requestId: request.id },
        bookerOf(request),
      );
      await tellBooker(ctx, request.municipality_id, appointment, 'BOOKED');
      // The request waits for its first booking; later ones (after a cancellation) are the same message, ignored.
      await publishInTown(
        ctx.temporal,
        request.municipality_id,
        {
          messageName: APPOINTMENT_MESSAGE,
          correlationKey: invitation.id,
          messageId: `${APPOINTMENT_MESSAGE}-${invitation.id}`,
          variables: { appointmentId: appointment.id, appointmentStartsAt: appointment.startsAt },
          // kept a week should the request not wait yet (it waits as soon as its step ran)
          ttl: 7 * 24 * 3600 * 1000,
        },
        'rendez-vous en ligne / online booking',
      ).catch((error: Error) => ctx.log(`appointment ${appointment.id}: not published (${error.message})`));
      return appointment;
    },
    moveRequestAppointment: async (_, args, ctx) => {
      const { request, invitation, actor } = await invited(ctx, args.trackingCode, args.email);
      const appointment = await moveAppointment(ctx.db, actor, {
        id: bookedOf(invitation).id,
        startsAt: args.startsAt,
        resourceId: args.resourceId,
      });
      return tellBooker(ctx, request.municipality_id, appointment, 'MOVED');
    },
    cancelRequestAppointment: async (_, args, ctx) => {
      const { request, invitation, actor } = await invited(ctx, args.trackingCode, args.email);
      return tellBooker(
        ctx,
        request.municipality_id,
        await cancelAppointment(ctx.db, actor, bookedOf(invitation).id),
        'CANCELLED',
      );
    },
  },
};
