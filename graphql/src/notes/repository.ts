import type { Fragment } from 'postgres';
import type { Db } from '../common/database.ts';

export interface NoteRow {
  id: string;
  request_id: string;
  author_agent_id: string;
  author_name: string;
  body: string;
  created_at: Date;
  mentions: { id: string; displayName: string; groups: string[]; seen: boolean }[];
}

/** A colleague as a note names them, and as the access rule weighs them. */
export interface Colleague {
  id: string;
  municipality_id: string;
  email: string;
  display_name: string;
  roles: string[];
  groups: string[];
}

/** A colleague as a note's mentions name them (the API's Colleague). */
export type MentionedColleague = Pick<Colleague, 'id' | 'display_name' | 'groups'>;

/** Private notes between agents on the transaction's municipality's requests. */
export function noteRepository(db: Db) {
  const columns = db`n.id, n.request_id, n.author_agent_id, n.author_name, n.body, n.created_at,
    coalesce((select json_agg(json_build_object('id', a.id, 'displayName', a.display_name, 'groups', a.groups,
      'seen', m.seen_at is not null)
      order by a.display_name) from note_mentions m join agents a on a.id = m.agent_id where m.note_id = n.id), '[]') as mentions`;
  return {
    /** A request's notes, oldest first. */
    notes(requestId: string) {
      return db<NoteRow[]>`select ${columns} from request_notes n where n.request_id = ${requestId}
        order by n.created_at, n.id`;
    },

    async add(note: {
      municipalityId: string;
      requestId: string;
      author: { id: string; name: string };
      body: string;
      mentions: string[];
    }): Promise<string> {
      const [row] = await db<{ id: string }[]>`insert into request_notes (municipality_id, request_id, author_agent_id,
          author_name, body)
        values (${note.municipalityId}, ${note.requestId}, ${note.author.id}, ${note.author.name}, ${note.body})
        returning id`;
      for (const agentId of note.mentions)
        await db`insert into note_mentions (municipality_id, note_id, agent_id) values (${note.municipalityId}, ${row!.id}, ${agentId})`;
      return row!.id;
    },

    /** The municipality's agents, to weigh who may be mentioned. */
    colleagues() {
      return db<Colleague[]>`select id, municipality_id, email, display_name, roles, groups from agents
        order by display_name`;
    },

    /** Notes mentioning the agent that they have not seen, on requests `shown` to them (alias `r`), newest first. */
    unseenMentions(agentId: string, shown: Fragment, limit: number) {
      return db<(NoteRow & { tracking_code: string })[]>`select ${columns}, r.tracking_code
        from note_mentions m join request_notes n on n.id = m.note_id join requests r on r.id = n.request_id
        where m.agent_id = ${agentId} and m.seen_at is null and ${shown} order by n.created_at desc limit ${limit}`;
    },

    /** The agent has seen the request's notes that mention them. */
    async markSeen(agentId: string, requestId: string) {
      await db`update note_mentions m set seen_at = now() from request_notes n
        where n.id = m.note_id and n.request_id = ${requestId} and m.agent_id = ${agentId} and m.seen_at is null`;
    },
  };
}
