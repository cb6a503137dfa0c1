// Seeds the API benchmark's data set straight in SQL (generate_series), as the owner: municipalities
// with the shipped procedures, a manager and an agent each, then requests (a third with a place),
// one task each (open for the tenth still in progress, half of those assigned to the manager),
// and timeline events.

import { deployProcedure, upsertAgent, upsertMunicipality } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import type { Sql, TransactionSql } from 'postgres';

export interface BenchSize {
  municipalities: number;
  requests: number;
  eventsPerRequest: number;
}

export const municipalityId = (index: number) => `ville-${String(index).padStart(2, '0')}`;
export const agentEmail = (index: number) => `agent@${municipalityId(index)}.fr`;
export const AGENT_PASSWORD = 'bench-agent';
/** An agent without the manager's role, in the same group: what the request-access rule costs. */
export const caseworkerEmail = (index: number) => `agent-seul@${municipalityId(index)}.fr`;
/** Where the data set's places are: around a point, in a square about 1.1 km wide. */
export const BENCH_PLACE = { latitude: 48.85, longitude: 2.35 };

/** A tracking code of the data set: municipality index and request number, like `B01-00000042`. */
export const benchTrackingCode = (index: number, n: number) =>
  `B${String(index).padStart(2, '0')}-${String(n).padStart(8, '0')}`;

export async function seedBench(sql: Sql, size: BenchSize, log: (line: string) => void): Promise<void> {
  const perMunicipality = Math.floor(size.requests / size.municipalities);
  const procedures = await loadShippedProcedures();
  for (let index = 1; index <= size.municipalities; index++) {
    const id = municipalityId(index);
    const started = Date.now();
    await upsertMunicipality(sql, { id, name: `Mairie ${index}`, contactEmail: `mairie@${id}.fr` });
    await upsertAgent(sql, {
      municipalityId: id,
      email: agentEmail(index),
      displayName: `Agent ${index}`,
      password: AGENT_PASSWORD,
      roles: ['agent', 'manager'],
      groups: ['accueil'],
    });
    await upsertAgent(sql, {
      municipalityId: id,
      email: caseworkerEmail(index),
      displayName: `Agent seul ${index}`,
      password: AGENT_PASSWORD,
      roles: ['agent'],
      groups: ['accueil'],
    });
    for (const procedure of procedures) await deployProcedure(sql, id, procedure, 'bench');
    const [version] = await sql<{ id: string }[]>`select id from procedure_versions
      where municipality_id = ${id} and procedure_key = 'contact' order by version desc limit 1`;
    await sql.begin(async (tx) => {
      // The bulk rows skip the triggers: the live announcements (no API listens yet), the tasks'
      // assignment (the generated tasks stay with their group) and the foreign-key checks (the rows
      // are generated consistent). For this transaction only; it needs the owner to be superuser.
      await tx`set local session_replication_role = replica`;
      await seedRequests(tx, id, version!.id, index, perMunicipality, size.eventsPerRequest);
    });
    log(
      `  ${id}: ${perMunicipality} requests, ${perMunicipality * size.eventsPerRequest} events (${Date.now() - started} ms)`,
    );
  }
  await sql`analyze`;
}

/** One municipality's requests, their tasks and timeline events, in one transaction. */
async function seedRequests(
  sql: TransactionSql,
  id: string,
  versionId: string,
  index: number,
  perMunicipality: number,
  eventsPerRequest: number,
): Promise<void> {
  await sql`insert into requests (municipality_id, tracking_code, procedure_version_id, channel, status, data,
        citizen_email, workflow_id, submitted_at, closed_at, due_at, sla_state)
      select ${id}, ${`B${String(index).padStart(2, '0')}-`} || lpad(g::text, 8, '0'), ${versionId},
        (array['web', 'web', 'counter', 'phone', 'post', 'email'])[1 + g % 6],
        case when g % 10 = 0 then 'inProgress' else 'closed' end,
        jsonb_build_object(
          'subject', (array['Arbre tombé sur la chaussée', 'Horaires de la mairie', 'Acte de naissance',
            'Stationnement gênant', 'Encombrants à collecter'])[1 + g % 5] || ' n° ' || g,
          'message', 'Bonjour, pourriez-vous traiter ma demande ? Merci par avance, demande ' || g,
          'email', 'habitant' || g || '@example.fr')
          || case when g % 3 = 0 then jsonb_build_object(
            'latitude', ${BENCH_PLACE.latitude} + ((g * 7919) % 1000 - 500) / 100000.0,
            'longitude', ${BENCH_PLACE.longitude} + ((g * 104729) % 1000 - 500) / 100000.0)
            else '{}'::jsonb end,
        'habitant' || g || '@example.fr', ${`bench-${id}-`} || g,
        now() - make_interval(mins => g * 2),
        case when g % 10 = 0 then null else now() - make_interval(mins => g * 2) + make_interval(hours => 20 + g % 200) end,
        now() - make_interval(mins => g * 2) + interval '10 days',
        case when g % 10 = 0 and g % 3 = 0 then 'atRisk' when g % 37 = 0 then 'breached' else 'onTime' end
      from generate_series(1, ${perMunicipality}) as g`;
  const [manager] = await sql<{ id: string }[]>`select id from agents
    where municipality_id = ${id} and 'manager' = any(roles) limit 1`;
  await sql`insert into tasks (municipality_id, request_id, task_key, element_id, name, candidate_groups, status,
        form_id, opened_at, closed_at, completed_by, assignee)
      select r.municipality_id, r.id, 'Task_answer#1', 'Task_answer', 'Répondre', '{accueil}',
        case when r.status = 'closed' then 'completed' else 'open' end, 'contact-answer', r.submitted_at + interval '1 second',
        r.closed_at, case when r.status = 'closed' then 'Agent' end,
        case when r.status <> 'closed' and right(r.tracking_code, 3)::int % 20 = 0 then ${manager!.id} end
      from requests r where r.municipality_id = ${id}`;
  await sql`insert into timeline_events (request_id, position, municipality_id, seq, kind, payload, occurred_at,
        prev_hash, hash)
      select r.id, p, r.municipality_id, p,
        (array['submitted', 'acknowledged', 'taskOpened'])[p],
        jsonb_build_object('trackingCode', r.tracking_code),
        r.submitted_at + make_interval(secs => p), md5(r.id::text || (p - 1)), md5(r.id::text || p)
      from requests r, generate_series(1, ${eventsPerRequest}) as p where r.municipality_id = ${id}`;
}
