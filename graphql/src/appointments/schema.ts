import { startOfLocalDay } from '@parvis/engine/runtime';
import { checkedDay, dayAfter } from '../common/day.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { townCalendar } from '../planning/presence.ts';
import { bookAppointment, cancelAppointment, checkedBooker, moveAppointment, recordNoShow } from './booking.ts';
import { freeSlots } from './free-slots.ts';
import { listKinds, listResources, readAppointments } from './repository.ts';
import { saveKind, saveResource } from './settings.ts';
import { tellBooker } from './tell-booker.ts';

/**
 * Appointments (issue 22, point 2): the town's resources and kinds of appointment (managers and
 * administrators define them), the free slots of a day, and the bookings agents make for someone
 * at the counter or on the phone, move, cancel, or mark as a no-show.
 */
export const appointmentTypeDefs = /* GraphQL */ `
  "What a resource is."
  enum AppointmentResourceKind {
    "A counter of the town hall."
    COUNTER
    "A room (weddings, meetings)."
    ROOM
    "An agent (or an elected official) whom people meet."
    AGENT
  }

  "How an appointment was booked."
  enum AppointmentChannel {
    "At the counter, by an agent."
    COUNTER
    "On the phone, by an agent."
    PHONE
    "Online, by the person."
    ONLINE
  }

  "Where an appointment stands."
  enum AppointmentStatus {
    "Booked: its seat is held."
    BOOKED
    "Cancelled before it started: its seat is free again."
    CANCELLED
    "The person did not come (recorded by an agent)."
    NO_SHOW
  }

  "A resource's weekly opening, in the town's local time."
  type WeeklyOpening {
    "ISO weekday: 1 Monday … 7 Sunday."
    weekday: Int!
    "Opening time, HH:MM."
    opens: String!
    "Closing time, HH:MM."
    closes: String!
  }

  "A weekly opening as given by a manager."
  input WeeklyOpeningInput {
    "ISO weekday: 1 Monday … 7 Sunday."
    weekday: Int!
    "Opening time, HH:MM."
    opens: String!
    "Closing time, HH:MM, after the opening."
    closes: String!
  }

  "Something people book: a counter, a room, an agent."
  type AppointmentResource {
    "Its identifier."
    id: ID!
    "Its name, unique in the town (e.g. Guichet 1)."
    name: String!
    "What it is."
    kind: AppointmentResourceKind!
    "The agent it is, when it is one."
    agentId: ID
    "How many people one slot takes (1 for a counter)."
    capacity: Int!
    "Where to come, as the confirmation writes it."
    location: String
    "When it opens in the week (the town's closures and public holidays close it)."
    openings: [WeeklyOpening!]!
  }

  "A kind of appointment (identity card, wedding…): how long it lasts and which resources serve it."
  type AppointmentKind {
    "Its identifier."
    id: ID!
    "What procedures name it by, e.g. identity-card."
    key: String!
    "Its name in French."
    nameFr: String!
    "Its name in English."
    nameEn: String!
    "How long a slot lasts, in minutes."
    minutes: Int!
    "How long before an appointment the person is reminded (e-mail, else SMS), in minutes; 0: never."
    reminderMinutes: Int!
    "The resources that serve it."
    resourceIds: [ID!]!
  }

  "A slot of a resource on a day, and how many seats are still free."
  type AppointmentSlot {
    "The resource."
    resourceId: ID!
    "When it starts (ISO instant)."
    startsAt: String!
    "When it ends (ISO instant)."
    endsAt: String!
    "Seats still free (0: full)."
    free: Int!
  }

  "A booked slot."
  type Appointment {
    "Its identifier."
    id: ID!
    "Its kind."
    kind: AppointmentKind!
    "Its resource."
    resource: AppointmentResource!
    "When it starts (ISO instant)."
    startsAt: String!
    "When it ends (ISO instant)."
    endsAt: String!
    "Where it stands."
    status: AppointmentStatus!
    "Who comes."
    personName: String!
    "Their e-mail address, for the confirmation and its .ics."
    email: String
    "Their phone number."
    phone: String
    "How it was booked."
    channel: AppointmentChannel!
    "The request it belongs to, when a procedure booked it."
    requestId: ID
  }

  extend type Query {
    "Agents, managers, administrators: the town's resources, by name."
    appointmentResources: [AppointmentResource!]!
    "Agents, managers, administrators: the town's kinds of appointment."
    appointmentKinds: [AppointmentKind!]!
    "Agents, managers, administrators: the slots of a day for a kind, every resource serving it, with their free seats (none on a closed day)."
    appointmentSlots(
      "The kind's key."
      kindKey: String!
      "The local day, YYYY-MM-DD."
      date: String!
    ): [AppointmentSlot!]!
    "Agents, managers, administrators: the day's appointments (not cancelled), by start."
    dayAppointments(
      "The local day, YYYY-MM-DD."
      date: String!
    ): [Appointment!]!
  }

  extend type Mutation {
    "Managers and administrators: creates or changes a resource and its weekly openings; refused with BAD_USER_INPUT naming the field."
    saveAppointmentResource(
      "The resource to change; none: a new one."
      id: ID
      "Its name (at most 100 characters)."
      name: String!
      "What it is."
      kind: AppointmentResourceKind!
      "The agent it is (kind AGENT)."
      agentId: ID
      "Seats per slot, 1 to 50."
      capacity: Int!
      "Where to come (at most 300 characters)."
      location: String
      "Its weekly openings (they replace the previous ones)."
      openings: [WeeklyOpeningInput!]!
    ): AppointmentResource!
    "Managers and administrators: creates or changes a kind of appointment (by key)."
    saveAppointmentKind(
      "Its key: lower-case letters, digits and dashes."
      key: String!
      "Its name in French."
      nameFr: String!
      "Its name in English."
      nameEn: String!
      "Slot length in minutes, 5 to 480."
      minutes: Int!
      "Reminder before each appointment, in minutes (0: none, at most 14 days); 1440 (a day) when not given."
      reminderMinutes: Int
      "The resources serving it."
      resourceIds: [ID!]!
    ): AppointmentKind!
    "Agents, managers, administrators: books a slot for someone; refused with DAY_CLOSED, SLOT_TAKEN, AGENT_ABSENT (an agent as resource not present then), APPOINTMENT_PAST, BAD_USER_INPUT or NOT_FOUND naming the field. An e-mail address gets a confirmation with an .ics file."
    bookAppointment(
      "The kind's key."
      kindKey: String!
      "The resource."
      resourceId: ID!
      "The slot's start (ISO instant), as appointmentSlots gives it."
      startsAt: String!
      "Who comes."
      personName: String!
      "Their e-mail address."
      email: String
      "Their phone number."
      phone: String
      "How it is booked."
      channel: AppointmentChannel!
    ): Appointment!
    "Agents, managers, administrators: moves an appointment that has not started to another slot of its kind (APPOINTMENT_PAST once it started)."
    moveAppointment(
      "The appointment."
      id: ID!
      "The new slot's start."
      startsAt: String!
      "Another resource serving the kind; none: the same."
      resourceId: ID
    ): Appointment!
    "Agents, managers, administrators: cancels an appointment that has not started (APPOINTMENT_PAST once it started)."
    cancelAppointment(
      "The appointment."
      id: ID!
    ): Appointment!
    "Agents, managers, administrators: records that nobody came to an appointment that has started."
    recordAppointmentNoShow(
      "The appointment."
      id: ID!
    ): Appointment!
  }
`;

export const appointmentResolvers: Resolvers = {
  Query: {
    appointmentResources: (_, __, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return ctx.db.within(agent.municipalityId, (tx) => listResources(tx));
    },
    appointmentKinds: (_, __, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return ctx.db.within(agent.municipalityId, (tx) => listKinds(tx));
    },
    appointmentSlots: (_, { kindKey, date }, ctx) =>
      freeSlots(ctx.db, requireRole(ctx, ...CASEWORKERS).municipalityId, kindKey, date),
    dayAppointments: async (_, { date }, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      checkedDay(date);
      return ctx.db.within(agent.municipalityId, async (tx) => {
        const { timeZone } = await townCalendar(tx, agent.municipalityId);
        return readAppointments(tx, {
          from: startOfLocalDay(date, timeZone),
          to: startOfLocalDay(dayAfter(date), timeZone),
        });
      });
    },
  },
  Mutation: {
    saveAppointmentResource: (_, args, ctx) => saveResource(ctx, requireRole(ctx, 'manager', 'administrator'), args),
    saveAppointmentKind: (_, args, ctx) => saveKind(ctx, requireRole(ctx, 'manager', 'administrator'), args),
    bookAppointment: async (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return tellBooker(
        ctx,
        agent.municipalityId,
        await bookAppointment(ctx.db, agent, args, checkedBooker(args)),
        'BOOKED',
      );
    },
    moveAppointment: async (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return tellBooker(ctx, agent.municipalityId, await moveAppointment(ctx.db, agent, args), 'MOVED');
    },
    cancelAppointment: async (_, { id }, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      return tellBooker(ctx, agent.municipalityId, await cancelAppointment(ctx.db, agent, id), 'CANCELLED');
    },
    recordAppointmentNoShow: (_, { id }, ctx) => recordNoShow(ctx.db, requireRole(ctx, ...CASEWORKERS), id),
  },
};
