import type { FormSchema } from '@parvis/engine';
import type { Fragment } from 'postgres';
import type { Db } from '../common/database.ts';

/** An open request near a point, with what is needed to say what it is in words. */
export interface NearbyRow {
  id: string;
  tracking_code: string;
  status: string;
  submitted_at: Date;
  category: string;
  /** metres from the point asked about, rounded */
  distance: number;
  start_form: FormSchema | null;
}

export interface NearbyQuery {
  procedureKey: string;
  /** the start form's field that holds the category, and the category wanted */
  field: string;
  category: string;
  latitude: number;
  longitude: number;
  meters: number;
  /** a request to leave out (the one an agent is reading) */
  except?: string;
  /** a further condition on `r` (the request-access rule for an agent) */
  shown?: Fragment;
  limit: number;
}

const NUMBER = '^-?[0-9]+(\\.[0-9]+)?$';
const EARTH_RADIUS_METERS = 6_371_000;
const METERS_PER_DEGREE = 111_320;

/** Duplicates: nearby open reports, merges, followers — in the transaction's municipality. */
export function duplicateRepository(db: Db) {
  const coordinate = (name: 'latitude' | 'longitude') => {
    const text = db`coalesce(r.data->>${name}, r.data#>>${`{place,${name}}`})`;
    return db`case when ${text} ~ ${NUMBER} then (${text})::float8 end`;
  };
  return {
    /** Open requests of a procedure and category within `meters` of a point, nearest first (haversine). */
    nearby(query: NearbyQuery) {
      const latitudeSpan = query.meters / METERS_PER_DEGREE;
      const longitudeSpan =
        query.meters / (METERS_PER_DEGREE * Math.max(0.01, Math.cos((query.latitude * Math.PI) / 180)));
      return db<
        NearbyRow[]
      >`select id, tracking_code, status, submitted_at, category, start_form, round(distance)::int as distance
        from (
          select l.*, ${EARTH_RADIUS_METERS} * 2 * asin(sqrt(
              power(sin(radians(l.latitude - ${query.latitude}) / 2), 2)
              + cos(radians(${query.latitude})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${query.longitude}) / 2), 2)
            )) as distance
          from (
            select r.id, r.tracking_code, r.status, r.submitted_at, r.data->>${query.field} as category,
              v.forms -> (v.ir ->> 'startFormId') as start_form,
              ${coordinate('latitude')} as latitude, ${coordinate('longitude')} as longitude
            from requests r join procedure_versions v on v.id = r.procedure_version_id
            where v.procedure_key = ${query.procedureKey} and r.status in ('submitted', 'inProgress')
              and r.data->>${query.field} = ${query.category}
              ${query.except ? db`and r.id <> ${query.except}::uuid` : db``}
              ${query.shown ? db`and ${query.shown}` : db``}
          ) l
          where l.latitude between ${query.latitude - latitudeSpan} and ${query.latitude + latitudeSpan}
            and l.longitude between ${query.longitude - longitudeSpan} and ${query.longitude + longitudeSpan}
        ) d
        where distance <= ${query.meters}
        order by distance, submitted_at limit ${query.limit}`;
    },

    /** The main request a request was merged into, with when. */
    async mergedInto(requestId: string) {
      const [row] = await db<{ main_id: string; merged_at: Date }[]>`
        select main_id, merged_at from request_merges where duplicate_id = ${requestId}`;
      return row;
    },

    /** The tracking codes of the requests merged into this one, oldest merge first. */
    async mergedHere(requestId: string): Promise<string[]> {
      const rows = await db<{ tracking_code: string }[]>`select r.tracking_code from request_merges m
        join requests r on r.id = m.duplicate_id where m.main_id = ${requestId} order by m.merged_at, r.tracking_code`;
      return rows.map((row) => row.tracking_code);
    },

    /** Records a merge; the duplicate's reporter and followers follow the main request from now on. */
    async recordMerge(merge: {
      municipalityId: string;
      mainId: string;
      duplicateId: string;
      duplicateEmail: string | null;
      agentId: string;
    }) {
      await db`insert into request_merges (duplicate_id, main_id, municipality_id, merged_by)
        values (${merge.duplicateId}, ${merge.mainId}, ${merge.municipalityId}, ${merge.agentId})`;
      await db`insert into request_followers (municipality_id, request_id, email, reason, from_request_id)
        select ${merge.municipalityId}, ${merge.mainId}, email, 'merged', ${merge.duplicateId}::uuid
        from (
          select lower(trim(${merge.duplicateEmail ?? ''})) as email
          union select email from request_followers where request_id = ${merge.duplicateId}
        ) reporters
        where email <> ''
        on conflict (request_id, email) do nothing`;
    },

    /** Someone follows an open request; following twice keeps one row. */
    async follow(follower: { municipalityId: string; requestId: string; email: string }) {
      await db`insert into request_followers (municipality_id, request_id, email, reason)
        values (${follower.municipalityId}, ${follower.requestId}, ${follower.email}, 'follow')
        on conflict (request_id, email) do nothing`;
    },
  };
}
