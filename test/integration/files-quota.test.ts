import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMunicipality } from '../support/municipalities.ts';
import { ownApis } from '../support/own-api.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Quotas lowered for the test: a client may leave 100 000 bytes of uploads unattached within the
// hour (two of these photos, not three), a town 250 000 (six, not seven).
const CLIENT_QUOTA = 100_000;
const TOWN_QUOTA = 250_000;

const SUBMIT = `mutation ($m: ID!, $data: JSON!) { submitRequest(municipality: $m, procedure: "signalement", data: $data) { trackingCode } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { id?: string; size?: number; errors?: { message: string; extensions: { code: string } }[] };
}

/** A photo of about 40 000 bytes: random pixels, which PNG cannot compress. */
function photo(): Buffer {
  const png = new PNG({ width: 100, height: 100 });
  randomBytes(png.data.length).copy(png.data);
  return PNG.sync.write(png);
}

const report = (email: string, photos: string[]) => ({
  categorie: 'chaussee',
  message: 'Un nid-de-poule devant la mairie.',
  address: '1 place de la Mairie',
  photos,
  email,
});

describe('upload quotas per client and per town', () => {
  let parvis: RunningParvis;
  let url: string;
  const log: string[] = [];
  const apis = ownApis(
    () => parvis,
    (line) => log.push(line),
  );

  /** An upload to the signalement form's photos from `address`, behind the town's reverse proxy. */
  const upload = async (address: string, municipality = 'demo'): Promise<Answer> => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(photo())], { type: 'image/png' }), 'photo.png');
    const response = await fetch(`${url}/files/${municipality}/signalement?field=photos`, {
      method: 'POST',
      headers: { 'x-forwarded-for': address },
      body,
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  };
  const storedFiles = async () =>
    (await parvis.sql<{ n: number }[]>`select count(*)::int as n from stored_files`)[0]!.n;

  /** Expects the quota's refusal: 429, Retry-After within the hour, the API's error shape, nothing stored. */
  const expectOverQuota = async (attempt: () => Promise<Answer>) => {
    const before = await storedFiles();
    const answer = await attempt();
    expect(answer.status).toBe(429);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(Number(answer.retryAfter)).toBeLessThanOrEqual(3600);
    expect(answer.body.errors?.[0]?.extensions.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(await storedFiles()).toBe(before);
    return answer.body.errors![0]!.message;
  };

  beforeAll(async () => {
    process.env.PARVIS_UPLOAD_QUOTA_CLIENT_BYTES = String(CLIENT_QUOTA);
    process.env.PARVIS_UPLOAD_QUOTA_TOWN_BYTES = String(TOWN_QUOTA);
    parvis = await startParvis();
    await seedMunicipality(parvis.sql, 'bourg', {
      email: 'agent@bourg.fr',
      password: 'bourg-secret',
      displayName: 'Bastien',
    });
    url = await apis.start({ trustProxy: 'loopback' });
  }, 120_000);
  afterAll(async () => {
    delete process.env.PARVIS_UPLOAD_QUOTA_CLIENT_BYTES;
    delete process.env.PARVIS_UPLOAD_QUOTA_TOWN_BYTES;
    await apis.stop();
    await parvis?.stop();
  });

  it("refuses an anonymous client's uploads over its quota, saying how much and when to retry; a citizen elsewhere goes on", async () => {
    // given an anonymous client that sent two photos and no form
    for (let i = 0; i < 2; i++) expect((await upload('203.0.113.7')).status).toBe(201);

    // when it sends a third, then it is refused with the quota and a time to come back
    const message = await expectOverQuota(() => upload('203.0.113.7'));
    expect(message).toMatch(
      /trop de fichiers sans les joindre à une demande \(98 ko au plus dans l'heure\).*réessayez dans \d+ min/,
    );
    expect(message).toMatch(
      /too many files without sending them with a request \(at most 98 KB within the hour\).*try again in \d+ min/,
    );
    expect(log.some((line) => line.includes('upload refused (UPLOAD_QUOTA_EXCEEDED'))).toBe(true);

    // and a citizen at another address sends two photos with a report, then two more with another
    for (const email of ['ines@example.fr', 'ines@example.fr']) {
      const photos = [await upload('198.51.100.20'), await upload('198.51.100.20')];
      expect(photos.map((p) => p.status)).toEqual([201, 201]);
      const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
        m: 'demo',
        data: report(
          email,
          photos.map((p) => p.body.id!),
        ),
      });
      expect(submitRequest.trackingCode).toBeTruthy();
    }
  });

  it('counts a client in every town, and gives it room again as its uploads pass the hour', async () => {
    // given a client that left two photos unattached in demo
    const sent = [await upload('203.0.113.8'), await upload('203.0.113.8')];
    expect(sent.map((s) => s.status)).toEqual([201, 201]);
    // then bourg refuses it a third
    await expectOverQuota(() => upload('203.0.113.8', 'bourg'));
    // when its first photo is more than an hour old, then bourg takes one
    await parvis.sql`update stored_files set uploaded_at = now() - interval '61 minutes' where id = ${sent[0]!.body.id!}`;
    expect((await upload('203.0.113.8', 'bourg')).status).toBe(201);
  });

  it('refuses uploads to a town that received its quota within the hour, from any address; other towns take them', async () => {
    // given an hour with no upload left waiting
    await parvis.sql`update stored_files set uploaded_at = now() - interval '2 hours' where request_id is null`;
    // and six photos from six addresses, each within its own quota
    for (let i = 1; i <= 6; i++) expect((await upload(`192.0.2.${i}`)).status).toBe(201);

    // when a seventh address sends one, then the town refuses it
    const message = await expectOverQuota(() => upload('192.0.2.7'));
    expect(message).toMatch(
      /La commune a reçu trop de fichiers .*\(244 ko au plus dans l'heure\) : réessayez dans \d+ min/,
    );
    expect(message).toMatch(
      /The town has received too many files .*\(at most 244 KB within the hour\): try again in \d+ min/,
    );
    // and bourg still takes that address's photo
    expect((await upload('192.0.2.7', 'bourg')).status).toBe(201);
  });
});
