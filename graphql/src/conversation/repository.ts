import type { Fragment } from 'postgres';
import type { Db } from '../common/database.ts';
import { isUuid } from '../common/uuid.ts';

/** Who wrote a message: the citizen, or the town hall (an agent, or a mail the procedure sent). */
export type Side = 'citizen' | 'townHall';

/** message; question (awaits an answer); correction (asks to correct named fields); answer. */
export type MessageKind = 'message' | 'question' | 'correction' | 'answer';

/** A form field a correction reopens, named as the citizen's form labels it. */
export interface CorrectionField {
  field: string;
  label: string;
}

/** One corrected field: its value before and after. */
export interface FieldChange extends CorrectionField {
  before: unknown;
  after: unknown;
}

export interface MessageRow {
  id: string;
  request_id: string;
  side: Side;
  author_agent_id: string | null;
  author_name: string | null;
  kind: MessageKind;
  body: string;
  fields: CorrectionField[] | null;
  answers: string | null;
  changes: FieldChange[] | null;
  created_at: Date;
  /** whether an answer to it exists (questions and corrections) */
  answered: boolean;
}

export interface NewMessage {
  municipalityId: string;
  requestId: string;
  side: Side;
  author?: { id: string; name: string };
  kind: MessageKind;
  body: string;
  fields?: CorrectionField[];
  answers?: string;
  changes?: FieldChange[];
}

/** The conversation of the transaction's municipality's requests (row-level security keeps the others out). */
export function conversationRepository(db: Db) {
  const columns = db`m.id, m.request_id, m.side, m.author_agent_id, m.author_name, m.kind, m.body, m.fields, m.answers,
    m.changes, m.created_at, exists (select from conversation_messages a where a.answers = m.id) as answered`;
  return {
    /** A request's messages, oldest first. */
    messages(requestId: string) {
      return db<MessageRow[]>`select ${columns} from conversation_messages m
        where m.request_id = ${requestId} order by m.created_at, m.id`;
    },

    async message(requestId: string, id: string) {
      if (!isUuid(id)) return undefined;
      const [row] = await db<MessageRow[]>`select ${columns} from conversation_messages m
        where m.request_id = ${requestId} and m.id = ${id}::uuid`;
      return row;
    },

    /** The question or correction an agent asked that the citizen has not answered yet, the latest. */
    async openQuestion(requestId: string) {
      const [row] = await db<MessageRow[]>`select ${columns} from conversation_messages m
        where m.request_id = ${requestId} and m.side = 'townHall' and m.kind in ('question', 'correction')
          and not exists (select from conversation_messages a where a.answers = m.id)
        order by m.created_at desc, m.id desc limit 1`;
      return row;
    },

    /** The town hall's latest message, answered or not. */
    async lastFromTownHall(requestId: string) {
      const [row] = await db<MessageRow[]>`select ${columns} from conversation_messages m
        where m.request_id = ${requestId} and m.side = 'townHall' and m.kind <> 'answer'
        order by m.created_at desc, m.id desc limit 1`;
      return row;
    },

    async add(message: NewMessage): Promise<MessageRow> {
      const [row] = await db<MessageRow[]>`insert into conversation_messages
          (municipality_id, request_id, side, author_agent_id, author_name, kind, body, fields, answers, changes)
        values (${message.municipalityId}, ${message.requestId}, ${message.side}, ${message.author?.id ?? null},
          ${message.author?.name ?? null}, ${message.kind}, ${message.body},
          ${message.fields ? db.json(message.fields as never) : null}, ${message.answers ?? null},
          ${message.changes ? db.json(message.changes as never) : null})
        returning id, request_id, side, author_agent_id, author_name, kind, body, fields, answers, changes, created_at,
          false as answered`;
      return row!;
    },

    /** Files attached to the request with a message are the message's too. */
    async linkFiles(messageId: string, fileIds: string[]) {
      if (fileIds.length > 0) await db`update stored_files set message_id = ${messageId} where id in ${db(fileIds)}`;
    },

    /** The ids of each message's files, by message. */
    async fileIds(requestId: string): Promise<Map<string, string[]>> {
      const rows = await db<{ id: string; message_id: string }[]>`select id, message_id from stored_files
        where request_id = ${requestId} and message_id is not null order by uploaded_at, name`;
      const byMessage = new Map<string, string[]>();
      for (const row of rows) byMessage.set(row.message_id, [...(byMessage.get(row.message_id) ?? []), row.id]);
      return byMessage;
    },

    /** Until when a reader (`citizen`, or an agent's id) has read the request's conversation. */
    async readUntil(requestId: string, reader: string): Promise<Date | undefined> {
      const [row] = await db<{ read_until: Date }[]>`select read_until from conversation_reads
        where request_id = ${requestId} and reader = ${reader}`;
      return row?.read_until;
    },

    /** Messages the other side wrote since the reader (of side `side`) last read, for several requests at once. */
    async unreadCounts(requestIds: string[], side: Side, reader: string): Promise<Map<string, number>> {
      const rows = await db<{ request_id: string; unread: number }[]>`
        select m.request_id, count(*)::int as unread from conversation_messages m
        left join conversation_reads r on r.request_id = m.request_id and r.reader = ${reader}
        where m.request_id in ${db(requestIds)} and m.side <> ${side}
          and m.created_at > coalesce(r.read_until, '-infinity'::timestamptz)
        group by m.request_id`;
      return new Map(rows.map((row) => [row.request_id, row.unread]));
    },

    /** Requests `shown` to an agent (alias `r`) whose citizen wrote since the agent last read, latest first. */
    unreadByCitizens(agentId: string, shown: Fragment, limit: number) {
      return db<{ tracking_code: string; unread: number; last_at: Date }[]>`
        select r.tracking_code, count(*)::int as unread, max(m.created_at) as last_at
        from conversation_messages m join requests r on r.id = m.request_id
        left join conversation_reads cr on cr.request_id = m.request_id and cr.reader = ${agentId}
        where m.side = 'citizen' and m.created_at > coalesce(cr.read_until, '-infinity'::timestamptz) and ${shown}
        group by r.tracking_code order by last_at desc limit ${limit}`;
    },

    /** The reader has read everything written so far; never moves back. */
    async markRead(municipalityId: string, requestId: string, reader: string) {
      await db`insert into conversation_reads (municipality_id, request_id, reader, read_until)
        select ${municipalityId}, ${requestId}, ${reader}, coalesce(max(created_at), now())
        from conversation_messages where request_id = ${requestId}
        on conflict (request_id, reader) do update set read_until = greatest(conversation_reads.read_until, excluded.read_until)`;
    },
  };
}
