import { frenchPublicHolidays, HOLIDAY_REGIONS } from '@parvis/engine';
import { isPresent, presentAgents } from '@parvis/graphql';
import type { TransactionSql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const SUBMIT = `mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $d) { trackingCode } }`;
const SAVE = `mutation ($id: ID, $p: WorkingPatternInput!) { saveWorkingPattern(id: $id, pattern: $p) { id startsOn endsOn weekA weekB } }`;
const WEEK = `query ($day: String!) { weekPlanning(day: $day) { days groups { key agents { agentId halfDays { day half presence } }
  halfDays { day half present closed } } } }`;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI'].flatMap((d) => [`${d}_AM`, `${d}_PM`]);
const EVERY_HALF_DAY = [...WEEKDAYS, 'SAT_AM', 'SAT_PM', 'SUN_AM', 'SUN_PM'];

/** The half-day it is now in Paris, as patterns name it (MON_AM…), and the local date. */
function nowInParis(): { code: string; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return {
    code: `${parts.weekday!.toUpperCase()}_${Number(parts.hour) < 13 ? 'AM' : 'PM'}`,
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

interface GroupWeek {
  key: string;
  agents: { agentId: string; halfDays: { day: string; half: string; presence: string }[] }[];
  halfDays: { day: string; half: string; present: number; closed: boolean }[];
}

describe("agents' presence: working patterns, the week by group, assignment skipping who is not there", () => {
  let parvis: RunningParvis;
  let camille: GraphqlClient;
  let dominique: GraphqlClient;
  const ids: Record<string, string> = {};
  let camillePattern = '';

  const signedIn = async (email: string, password: string) => {
    const client = parvis.client();
    const { signIn } = await client.data<{ signIn: { id: string } }>(SIGN_IN, { email, password });
    ids[email] = signIn.id;
    return client;
  };

  /** Files a contact request (it goes to accueil) and waits for its open task. */
  const fileRequest = async (subject: string) => {
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      d: { subject, message: 'Un message pour le test.', email: 'habitant@example.fr' },
    });
    return eventually(async () => {
      const { tasks } = await dominique.data<{
        tasks: { nodes: { assigneeId: string | null; request: { trackingCode: string } }[] };
      }>('{ tasks(filter: { status: "open" }, first: 100) { nodes { assigneeId request { trackingCode } } } }');
      return tasks.nodes.find((t) => t.request.trackingCode === submitRequest.trackingCode);
    });
  };

  beforeAll(async () => {
    parvis = await startParvis();
    camille = await signedIn('accueil@demoville.fr', 'demo-accueil');
    dominique = await signedIn('manager@demoville.fr', 'demo-manager');
    await parvis.sql`insert into agent_groups (municipality_id, key, name, assignment)
      values ('demo', 'accueil', 'Accueil', 'roundRobin')
      on conflict (municipality_id, key) do update set assignment = 'roundRobin'`;
  });
  afterAll(() => parvis?.stop());

  it('refuses in words an end before the start, an overlap, an unknown half-day or agent, and agents who are not managers', async () => {
    const camilleId = ids['accueil@demoville.fr']!;
    const refused = async (client: GraphqlClient, p: Record<string, unknown>) =>
      (await client.request(SAVE, { p: { agentId: camilleId, weekA: WEEKDAYS, ...p } })).errors?.[0];
    const backwards = await refused(dominique, { startsOn: '2027-02-01', endsOn: '2027-01-01' });
    expect(backwards?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pattern.endsOn' });
    expect(backwards?.message).toContain('précède le début');
    const unknownAgent = await refused(dominique, {
      agentId: '00000000-0000-4000-8000-000000000000',
      startsOn: '2027-01-01',
    });
    expect(unknownAgent?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'pattern.agentId' });
    expect((await refused(dominique, { startsOn: '2027-13-01' }))?.extensions).toMatchObject({
      field: 'pattern.startsOn',
    });
    expect(
      (await dominique.request(SAVE, { p: { agentId: camilleId, startsOn: '2027-01-01', weekA: ['LUN_AM'] } }))
        .errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect((await refused(camille, { startsOn: '2027-01-01' }))?.extensions?.code).toBe('FORBIDDEN');
    // an overlap with a pattern already saved is refused, and nothing is written
    await dominique.data(SAVE, {
      p: { agentId: camilleId, startsOn: '2030-01-01', endsOn: '2030-06-30', weekA: WEEKDAYS },
    });
    const overlap = await refused(dominique, { startsOn: '2030-06-01' });
    expect(overlap?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pattern.startsOn' });
    expect(overlap?.message).toContain('Chevauche');
    const { workingPatterns } = await dominique.data<{ workingPatterns: { id: string; startsOn: string }[] }>(
      '{ workingPatterns { id startsOn } }',
    );
    expect(workingPatterns.map((p) => p.startsOn)).toEqual(['2030-01-01']);
    await dominique.data('mutation ($id: ID!) { deleteWorkingPattern(id: $id) }', { id: workingPatterns[0]!.id });
  });

  it('assigns in turn passing by an agent not working this half-day, then by an absent one', async () => {
    const now = nowInParis();
    // given Camille works every half-day but this one, from a week ago on
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const { saveWorkingPattern } = await dominique.data<{ saveWorkingPattern: { id: string } }>(SAVE, {
      p: { agentId: ids['accueil@demoville.fr'], startsOn: since, weekA: EVERY_HALF_DAY.filter((h) => h !== now.code) },
    });
    camillePattern = saveWorkingPattern.id;
    // when two requests arrive for accueil, in turn
    const first = await fileRequest('Pendant son temps partiel');
    const second = await fileRequest('Encore pendant son temps partiel');
    // then both go to Dominique: Camille is not working now
    expect([first.assigneeId, second.assigneeId]).toEqual([ids['manager@demoville.fr'], ids['manager@demoville.fr']]);
    // when Dominique is away too, nobody is picked
    const { declareAbsence } = await dominique.data<{ declareAbsence: { id: string } }>(
      'mutation ($s: String!, $e: String!) { declareAbsence(absence: { startsAt: $s, endsAt: $e, reason: "Formation" }) { id } }',
      { s: new Date(Date.now() - 60_000).toISOString(), e: new Date(Date.now() + 3_600_000).toISOString() },
    );
    expect((await fileRequest('Personne là')).assigneeId).toBeNull();
    await dominique.data('mutation ($id: ID!) { cancelAbsence(id: $id) }', { id: declareAbsence.id });
    // and when Camille works again (her pattern now covers every half-day), she is picked in turn
    await dominique.data(SAVE, {
      id: camillePattern,
      p: { agentId: ids['accueil@demoville.fr'], startsOn: since, weekA: EVERY_HALF_DAY },
    });
    const turns = [(await fileRequest('Retour 1')).assigneeId, (await fileRequest('Retour 2')).assigneeId];
    expect(turns).toContain(ids['accueil@demoville.fr']);
  });

  it('shows managers the week by group: part-time, alternating weeks, an absence, a holiday, a group with nobody present', async () => {
    // given Camille off on Wednesday afternoons, and on Fridays every other week, from Monday 3 May 2027
    await dominique.data(SAVE, {
      id: camillePattern,
      p: {
        agentId: ids['accueil@demoville.fr'],
        startsOn: '2027-05-03',
        weekA: WEEKDAYS.filter((h) => h !== 'WED_PM'),
        weekB: WEEKDAYS.filter((h) => h !== 'WED_PM' && !h.startsWith('FRI')),
      },
    });
    // and Dominique away on Wednesday 5 May 2027 (Paris time)
    await dominique.data(
      'mutation ($a: ID!) { declareAbsence(absence: { agentId: $a, startsAt: "2027-05-04T22:00:00Z", endsAt: "2027-05-05T22:00:00Z" }) { id } }',
      { a: ids['manager@demoville.fr'] },
    );
    const week = async (day: string) =>
      (await dominique.data<{ weekPlanning: { days: string[]; groups: GroupWeek[] } }>(WEEK, { day })).weekPlanning;
    const first = await week('2027-05-05');
    expect(first.days[0]).toBe('2027-05-03');
    const accueil = first.groups.find((g) => g.key === 'accueil')!;
    const of = (email: string, g = accueil) => g.agents.find((a) => a.agentId === ids[email])!.halfDays;
    const at = (halfDays: { day: string; half: string }[], day: string, half: string) =>
      halfDays.find((h) => h.day === day && h.half === half);
    // then Wednesday afternoon nobody of accueil is there: Camille does not work, Dominique is away
    expect(at(of('accueil@demoville.fr'), '2027-05-05', 'PM')).toMatchObject({ presence: 'NOT_WORKING' });
    expect(at(of('manager@demoville.fr'), '2027-05-05', 'PM')).toMatchObject({ presence: 'ABSENT' });
    expect(at(accueil.halfDays, '2027-05-05', 'PM')).toMatchObject({ present: 0, closed: false });
    expect(at(accueil.halfDays, '2027-05-05', 'AM')).toMatchObject({ present: 1 });
    // Ascension Thursday is a holiday for all; Friday of week A Camille works
    expect(at(of('accueil@demoville.fr'), '2027-05-06', 'AM')).toMatchObject({ presence: 'HOLIDAY' });
    expect(at(accueil.halfDays, '2027-05-06', 'AM')).toMatchObject({ present: 0, closed: true });
    expect(at(of('accueil@demoville.fr'), '2027-05-07', 'AM')).toMatchObject({ presence: 'PRESENT' });
    // and the next week (B) Camille is off on Friday
    const second = (await week('2027-05-14')).groups.find((g) => g.key === 'accueil')!;
    expect(at(of('accueil@demoville.fr', second), '2027-05-14', 'AM')).toMatchObject({ presence: 'NOT_WORKING' });
    expect(at(second.halfDays, '2027-05-14', 'AM')).toMatchObject({ present: 1 });
    // and a day that is none is refused on its field, an agent may not see the planning
    expect((await dominique.request(WEEK, { day: '2027-02-30x' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'day',
    });
    expect((await camille.request(WEEK, { day: '2027-05-05' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("answers the appointments' question: who of a group is there the whole time, within the town's seal", async () => {
    // as the API's transactions run: the parvis_api role, sealed to demo
    const sealed = <T>(work: (tx: TransactionSql) => Promise<T>) =>
      parvis.sql.begin(async (tx) => {
        await tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', 'demo', true)`;
        return work(tx);
      }) as Promise<T>;
    const camilleId = ids['accueil@demoville.fr']!;
    const dominiqueId = ids['manager@demoville.fr']!;
    const accueil = (from: string, to: string) =>
      sealed((tx) => presentAgents(tx, 'demo', { from, to, groupKey: 'accueil' }));
    // (Paris is UTC+2 in May: 13:00 local is 11:00Z) given the patterns and absence of the week test
    expect(await accueil('2027-05-05T08:00:00Z', '2027-05-05T08:30:00Z')).toEqual([camilleId]);
    expect(await accueil('2027-05-05T12:30:00Z', '2027-05-05T13:00:00Z')).toEqual([]);
    expect(await accueil('2027-05-06T08:00:00Z', '2027-05-06T08:30:00Z')).toEqual([]); // Ascension Day
    expect((await accueil('2027-05-07T08:00:00Z', '2027-05-07T08:30:00Z')).sort()).toEqual(
      [camilleId, dominiqueId].sort(),
    );
    expect(await accueil('2027-05-14T08:00:00Z', '2027-05-14T08:30:00Z')).toEqual([dominiqueId]); // week B
    // a slot running past 13:00 on Wednesday needs the afternoon too, which Camille does not work
    expect(
      await sealed((tx) =>
        isPresent(tx, 'demo', camilleId, { from: '2027-05-05T10:30:00Z', to: '2027-05-05T11:30:00Z' }),
      ),
    ).toBe(false);
    expect(
      await sealed((tx) =>
        isPresent(tx, 'demo', camilleId, { from: '2027-05-05T09:30:00Z', to: '2027-05-05T10:30:00Z' }),
      ),
    ).toBe(true);
    // and sealed to another town, demo's agents are nobody
    const elsewhere = await parvis.sql.begin(async (tx) => {
      await tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', 'bourg', true)`;
      return presentAgents(tx, 'bourg', { from: '2027-05-07T08:00:00Z', to: '2027-05-07T08:30:00Z' });
    });
    expect(elsewhere).not.toContain(camilleId);
  });

  it('has assignment read the same half-days and public holidays as the planning', async () => {
    // Camille's pattern from the week test: Thursday 6 May 2027 is Ascension, Wednesday afternoon off
    const working = async (at: string) => {
      const [row] = await parvis.sql<{ working: boolean }[]>`
        select parvis_agent_working(${ids['accueil@demoville.fr']!}::uuid, ${at}::timestamptz) as working`;
      return row!.working;
    };
    expect(await working('2027-05-05T08:00:00Z')).toBe(true);
    expect(await working('2027-05-05T12:00:00Z')).toBe(false);
    expect(await working('2027-05-06T08:00:00Z')).toBe(false);
    expect(await working('2027-05-07T08:00:00Z')).toBe(true);
    expect(await working('2027-05-14T08:00:00Z')).toBe(false); // week B: no Friday
    // and the database's holidays are the engine's, for every region, over fifty years
    for (const region of HOLIDAY_REGIONS) {
      const rows = await parvis.sql<{ day: string }[]>`
        select to_char(d, 'YYYY-MM-DD') as day from generate_series('2000-01-01'::date, '2049-12-31'::date, '1 day') d
        where parvis_public_holiday(d::date, ${region}) order by d`;
      const expected = Array.from({ length: 50 }, (_, i) => frenchPublicHolidays(2000 + i, { region })).flat();
      expect(
        rows.map((r) => r.day),
        region,
      ).toEqual(expected);
    }
  });
});
