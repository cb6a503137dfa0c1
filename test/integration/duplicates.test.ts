import { beforeAll, describe, expect, it } from 'vitest';
import { type ProcedureStory, procedureScenario } from '../scenarios/procedure-story.ts';
import { englishPart } from '../support/bilingual.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';

// Issue 14, point 7: before filing a located report the citizen sees the open reports of the same
// category nearby — in public words only — and may follow one; agents merge duplicates into one
// main request, and everyone who reported or followed it hears when it is solved.

const HERE = { latitude: 48.8566, longitude: 2.3522 };
/** about 17 m north of HERE */
const NEARBY = { latitude: 48.85675, longitude: 2.3522 };
/** about 200 m north of HERE */
const FAR = { latitude: 48.8584, longitude: 2.3522 };
const POTHOLE = 'Nid-de-poule, chaussée ou trottoir abîmé';
const REPAIR = 'Intervenir sur la voirie';

const report = (email: string, categorie: string, place = HERE, extra: Record<string, unknown> = {}) => ({
  categorie,
  message: 'Signalé par Jean Dupont : un trou profond devant chez moi.',
  address: '12 rue de la Gare',
  ...place,
  email,
  ...extra,
});

const NEARBY_REPORTS = `query ($category: String!, $latitude: Float!, $longitude: Float!) {
  nearbyReports(municipality: "demo", procedure: "signalement", category: $category, latitude: $latitude, longitude: $longitude) {
    id category distanceMeters reportedAt status } }`;
const FOLLOW = `mutation ($report: ID!, $email: String!) { followReport(municipality: "demo", report: $report, email: $email) }`;
const DUPLICATES = `query ($code: String!) { request(trackingCode: $code) {
  likelyDuplicates { trackingCode category distanceMeters status } mergedDuplicates mergedInto { trackingCode } } }`;
const MERGE = `mutation ($main: String!, $duplicate: String!) { mergeDuplicate(main: $main, duplicate: $duplicate) { trackingCode } }`;
const TRACK = `query ($code: String!, $email: String!) { request(trackingCode: $code, email: $email) {
  status mergedInto { trackingCode status } timeline { kind payload } } }`;

interface NearbyReport {
  id: string;
  category: string;
  distanceMeters: number;
  reportedAt: string;
  status: string;
}

type Refusal = { errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };

describe('duplicates: nearby reports before filing, following one, merging, everyone told', () => {
  const story: ProcedureStory = procedureScenario('signalement');
  let citizen: GraphqlClient;
  let main: string;
  let mainId: string;

  const requestId = async (code: string) =>
    (await story.parvis.sql<{ id: string }[]>`select id from requests where tracking_code = ${code}`)[0]!.id;
  const nearby = async (category: string, place = NEARBY) =>
    (await citizen.data<{ nearbyReports: NearbyReport[] }>(NEARBY_REPORTS, { category, ...place })).nearbyReports;
  const merges = async () =>
    (await story.parvis.sql<{ n: number }[]>`select count(*)::int as n from request_merges`)[0]!.n;

  beforeAll(async () => {
    citizen = story.parvis.client();
    // given an open pothole report, a tag at the same place, and a pothole 200 m away
    main = await story.submit(report('ana@example.fr', 'chaussee'));
    await story.submit(report('tom@example.fr', 'tag'));
    await story.submit(report('eve@example.fr', 'chaussee', FAR));
    await story.task('voirie', main, REPAIR);
    mainId = await requestId(main);
  });

  it('shows the citizen the open reports of the same category nearby, in public words only', async () => {
    // when a citizen about to report a pothole places it 17 m away
    const found = await eventually(async () => {
      const reports = await nearby('chaussee');
      return reports.length > 0 ? reports : undefined;
    });

    // then they see the one open pothole report there: its category's label, how far, since when, where it stands
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: mainId, category: POTHOLE, status: 'inProgress' });
    expect(found[0]!.distanceMeters).toBeGreaterThanOrEqual(15);
    expect(found[0]!.distanceMeters).toBeLessThanOrEqual(19);
    // and nothing of who reported it or what they wrote: no e-mail, name, text, address or tracking code
    const answer = JSON.stringify(found);
    for (const personal of ['ana@example.fr', 'Jean Dupont', 'trou profond', '12 rue de la Gare', main])
      expect(answer).not.toContain(personal);
    // not the tag at the same place (another category), nor the pothole 200 m away
    expect(await nearby('tag', FAR)).toEqual([]);
  });

  it('lets a citizen follow a nearby report instead of filing theirs, once', async () => {
    // when Bruno follows the pothole report rather than file the same one (twice, by mistake)
    const [shown] = await nearby('chaussee');
    expect(
      (await citizen.data<{ followReport: boolean }>(FOLLOW, { report: shown!.id, email: ' Bruno@Example.fr ' }))
        .followReport,
    ).toBe(true);
    await citizen.data(FOLLOW, { report: shown!.id, email: 'bruno@example.fr' });

    // then he follows it once, by his address as written to him
    const followers = await story.parvis.sql`select email, reason from request_followers where request_id = ${mainId}`;
    expect(followers).toEqual([{ email: 'bruno@example.fr', reason: 'follow' }]);
  });

  it('merges a duplicate: it closes with a reply naming the main request, and everyone is told when that one is solved', async () => {
    // given Chloé reporting the same pothole 9 m away, unaware of the others
    const duplicate = await story.submit(
      report('chloe@example.fr', 'chaussee', { latitude: 48.85668, longitude: 2.3522 }, { address: '' }),
    );
    await story.task('voirie', duplicate, REPAIR);
    const voirie = await story.agent('voirie');

    // then the roads team sees it as a likely duplicate on the main request's page
    const { request } = await voirie.data<{
      request: { likelyDuplicates: { trackingCode: string; category: string; distanceMeters: number }[] };
    }>(DUPLICATES, { code: main });
    expect(request.likelyDuplicates).toEqual([
      { trackingCode: duplicate, category: POTHOLE, distanceMeters: 9, status: 'inProgress' },
    ]);

    // when they merge it into the main one
    const { mergeDuplicate } = await voirie.data<{ mergeDuplicate: { trackingCode: string } }>(MERGE, {
      main,
      duplicate,
    });
    expect(mergeDuplicate.trackingCode).toBe(main);

    // then the duplicate is closed, its task gone from the inbox, and Chloé is told which request carries hers
    const told = await story.mail('chloe@example.fr', `Votre demande ${duplicate} est rattachée à la demande ${main}`);
    expect(told.text).toContain(`porte sur le même problème, au même endroit, que la demande ${main}`);
    expect(englishPart(told.text)).toContain(`is about the same problem, at the same place, as request ${main}`);
    expect(await story.hasTask('voirie', duplicate, REPAIR)).toBe(false);
    const tracked = await eventually(async () => {
      const { request: seen } = await citizen.data<{
        request: { status: string; mergedInto: { trackingCode: string }; timeline: { kind: string }[] };
      }>(TRACK, { code: duplicate, email: 'chloe@example.fr' });
      return seen.status === 'closed' ? seen : undefined;
    });
    expect(tracked.mergedInto.trackingCode).toBe(main);
    expect(tracked.timeline.map((e) => e.kind)).toContain('mergedInto');
    const [task] = await story.parvis.sql`select t.status from tasks t join requests r on r.id = t.request_id
      where r.tracking_code = ${duplicate}`;
    expect(task).toEqual({ status: 'cancelled' });
    // and the main request lists it among its merged duplicates, and no longer as a likely one
    const after = await voirie.data<{ request: { likelyDuplicates: unknown[]; mergedDuplicates: string[] } }>(
      DUPLICATES,
      { code: main },
    );
    expect(after.request).toMatchObject({ likelyDuplicates: [], mergedDuplicates: [duplicate] });

    // when the roads team fixes the pothole
    await story.complete('voirie', main, REPAIR, {
      resolution: 'repare',
      commentaireIntervention: 'Nid-de-poule rebouché.',
      dateIntervention: '2026-03-02',
    });

    // then Ana gets the procedure's own reply, and Chloé (merged) and Bruno (following) hear it is solved
    await story.mail('ana@example.fr', `Votre signalement ${main}`);
    for (const follower of ['chloe@example.fr', 'bruno@example.fr']) {
      const solved = await story.mail(follower, `Demande ${main} traitée`);
      expect(solved.text).toContain(
        `La demande ${main} « Signaler un problème sur l'espace public », que vous suivez, a été traitée le `,
      );
      expect(englishPart(solved.text)).toContain(
        `Request ${main} "Report a problem in a public space", which you follow, was dealt with on `,
      );
      // with nothing of Ana's: neither her address nor her place
      expect(solved.text).not.toContain('ana@example.fr');
      expect(solved.text).not.toContain('12 rue de la Gare');
    }
    // and Ana's history says the followers were told, without their addresses
    const closedTimeline = (await story.closed(main, 'ana@example.fr')).timeline;
    const toldFollowers = closedTimeline.find((e) => e.kind === 'notified' && e.payload.event === 'requestClosed');
    expect(toldFollowers?.payload).toMatchObject({ followers: 2, recipients: [] });
    expect(JSON.stringify(closedTimeline)).not.toMatch(/chloe@|bruno@/);
  });

  describe('refusals, nothing half-written', () => {
    let open: string;
    let other: string;

    beforeAll(async () => {
      open = await story.submit(report('dan@example.fr', 'chaussee', { latitude: 48.86, longitude: 2.36 }));
      await story.task('voirie', open, REPAIR);
      other = (
        await story.parvis
          .client()
          .data<{ submitRequest: { trackingCode: string } }>(
            'mutation { submitRequest(municipality: "demo", procedure: "contact", data: { subject: "Bruit", message: "Du bruit la nuit rue Haute.", email: "zoe@example.fr" }) { trackingCode } }',
          )
      ).submitRequest.trackingCode;
    });

    const refusedMerge = async (who: GraphqlClient, mainCode: string, duplicate: string) => {
      const before = await merges();
      const result = (await who.request(MERGE, { main: mainCode, duplicate })) as Refusal;
      expect(result.errors?.[0]?.extensions?.code).toBe('MERGE_REFUSED');
      expect(await merges()).toBe(before);
      return { reason: result.errors![0]!.extensions!.reason, message: result.errors![0]!.message };
    };
    const stillOpen = async (code: string) => {
      const [row] = await story.parvis.sql<
        { status: string }[]
      >`select status from requests where tracking_code = ${code}`;
      expect(row?.status).not.toBe('closed');
    };

    it('refuses a merge into itself, across procedures, into or of a closed request', async () => {
      const manager = story.parvis.client();
      await manager.data(
        `mutation { signIn(municipality: "demo", email: "dgs@demoville.fr", password: "demo-dgs") { id } }`,
      );
      const voirie = await story.agent('voirie');

      expect(await refusedMerge(voirie, open, open)).toMatchObject({
        reason: 'itself',
        message: expect.stringContaining('avec elle-même'),
      });
      expect(await refusedMerge(manager, other, open)).toMatchObject({
        reason: 'otherProcedure',
        message: expect.stringMatching(/ne relèvent pas de la même démarche.* \/ .*different procedures/),
      });
      // the main request of the previous story is closed now, and so is its merged duplicate
      expect(await refusedMerge(voirie, main, open)).toMatchObject({ reason: 'mainClosed' });
      expect(await refusedMerge(voirie, open, main)).toMatchObject({ reason: 'duplicateClosed' });
      await stillOpen(open);
      expect(await story.hasTask('voirie', open, REPAIR)).toBe(true);
    });

    it('refuses a merge with a request of another town, or one the agent does not see', async () => {
      // given another town with its own pothole report
      await seedMunicipality(story.parvis.sql, 'bourg', {
        email: 'agent@bourg.fr',
        password: 'bourg-secret',
        displayName: 'Bastien Bourg',
      });
      const { submitRequest } = await story.parvis
        .client()
        .data<{ submitRequest: { trackingCode: string } }>(
          `mutation ($data: JSON!) { submitRequest(municipality: "bourg", procedure: "signalement", data: $data) { trackingCode } }`,
          { data: report('bea@bourg.fr', 'chaussee') },
        );

      // then demo's roads team cannot merge it, and is told why in words
      const voirie = await story.agent('voirie');
      expect(await refusedMerge(voirie, open, submitRequest.trackingCode)).toMatchObject({
        reason: 'notFound',
        message: expect.stringContaining("on ne fusionne que des demandes d'une même commune"),
      });
      // nor may the cleaning team merge the roads team's requests
      const proprete = await story.agent('proprete');
      expect(await refusedMerge(proprete, open, main)).toMatchObject({ reason: 'notFound' });
      await stillOpen(open);
    });

    it('refuses to follow a closed report, or with an address that is not one', async () => {
      const refusedFollow = async (report: string, email: string) =>
        ((await citizen.request(FOLLOW, { report, email })) as Refusal).errors?.[0]?.extensions?.code;
      expect(await refusedFollow(mainId, 'fred@example.fr')).toBe('BAD_USER_INPUT');
      expect(await refusedFollow(await requestId(open), 'pas une adresse')).toBe('BAD_USER_INPUT');
      expect(await refusedFollow('00000000-0000-0000-0000-000000000000', 'fred@example.fr')).toBe('NOT_FOUND');
      const [row] = await story.parvis
        .sql`select count(*)::int as n from request_followers where email = 'fred@example.fr'`;
      expect(row).toEqual({ n: 0 });
    });
  });
});
