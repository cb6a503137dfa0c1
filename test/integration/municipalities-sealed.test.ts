import { generateKeyPairSync } from 'node:crypto';
import { createInvitation, deployProcedure, upsertAgent, upsertPlatformAdministrator } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInByLink } from '../support/citizen-links.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Municipality A is `demo`; B is `bourg`. Every query and mutation of the schema has a case below
// proving that an agent of A can neither read nor change anything of B. A new field without a case
// fails the first test.

const B = 'bourg';
const B_AGENT = { email: 'agent@bourg.fr', password: 'bourg-secret', displayName: 'Bastien Bourg' };
const CONTACT = { subject: 'Voirie', message: 'Un nid-de-poule rue Haute.', email: 'habitant@bourg.fr' };

interface World {
  parvis: RunningParvis;
  /** agent of A with every role */
  a: GraphqlClient;
  /** agent of B */
  b: GraphqlClient;
  /** a citizen of A, signed in */
  ac: GraphqlClient;
  /** a citizen of B, signed in, with a profile and a request */
  bc: GraphqlClient;
  bCode: string;
  bTaskId: string;
  bCitizenId: string;
  /** a link token of A, spent */
  aToken: string;
  /** B's agent: id, signing key fingerprint, and a delegation to a second B agent */
  bAgentId: string;
  bFingerprint: string;
  bDelegationId: string;
  bAbsenceId: string;
  /** names of the schema's queries and mutations */
  fields: Set<string>;
}

type Case = (world: World) => Promise<void>;

const refused = (result: { errors?: { extensions?: { code?: string } }[] }, ...codes: string[]) =>
  expect(codes).toContain(result.errors?.[0]?.extensions?.code);

/** Two versions of a procedure of A's (contact's model, a label changed), for migrations that name B's request. */
const aTwoVersions = async (w: World) => {
  const [contact] = (await loadShippedProcedures()).filter((p) => p.key === 'contact');
  const source = { ...contact!, key: 'a-migration', title: { fr: 'Migration A', en: 'Migration A' } };
  const forms = structuredClone(contact!.forms) as Record<string, { components?: { label?: string }[] }>;
  Object.values(forms)
    .find((f) => f.components?.some((c) => c.label))!
    .components!.find((c) => c.label)!.label += ' (v2)';
  const from = await deployProcedure(w.parvis.sql, 'demo', source, 'test');
  const to = await deployProcedure(w.parvis.sql, 'demo', { ...source, forms }, 'test');
  return { from: from.version, to: to.version };
};
const bVersionId = async (w: World) =>
  (
    await w.parvis.sql<
      { id: string }[]
    >`select procedure_version_id as id from requests where tracking_code = ${w.bCode}`
  )[0]!.id;

const bTaskStillOpen = async (w: World) => {
  const [row] = await w.parvis.sql<{ status: string }[]>`select status from tasks where id = ${w.bTaskId}`;
  expect(row?.status).toBe('open');
};

const B_CITIZEN = 'berthe@bourg.fr';

/** B's citizen row as the owner sees it: what no case may change. */
const bCitizen = async (w: World) => {
  const [row] = await w.parvis
    .sql`select first_name, last_name, email, phone, password_hash, addresses, erased_at, reading_settings,
      (select count(*)::int from consents where citizen_id = c.id) as consents,
      (select count(*)::int from requests where municipality_id = ${B}) as requests
    from citizens c where id = ${w.bCitizenId}`;
  return row;
};

const bCitizenUnchangedBy = async (w: World, action: () => Promise<void>) => {
  const before = await bCitizen(w);
  await action();
  expect(await bCitizen(w)).toEqual(before);
};

const publicKey = () =>
  (
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }) as Buffer
  ).toString('base64');

/** B's signature book as the owner sees it: what no case may change. */
const bSignatureBook = async (w: World) =>
  w.parvis.sql`select
      (select json_agg(k.* order by fingerprint) from signing_keys k where municipality_id = ${B}) as keys,
      (select json_agg(d.* order by id) from signature_delegations d where municipality_id = ${B}) as delegations,
      (select count(*)::int from signature_nonces where municipality_id = ${B}) as nonces`;

const bSignatureBookUnchangedBy = async (w: World, action: () => Promise<void>) => {
  const before = await bSignatureBook(w);
  await action();
  expect(await bSignatureBook(w)).toEqual(before);
};

/** An open incident on B's request, as its workflow's timeline would record it: what no case may list or resolve. */
const bIncident = async (w: World) => {
  await w.parvis
    .sql`insert into request_incidents (municipality_id, request_id, incident_id, element_id, code, message, opened_at)
    select ${B}, id, 'bourg#1', 'Check', 'JOB_FAILED', 'secret de Bourg', now() from requests where tracking_code = ${w.bCode}
    on conflict do nothing`;
};

/** B's request's completeness and legal dates: what no declaration of A may change. */
const bCompleteness = (w: World) =>
  w.parvis
    .sql`select complete_at, missing_pieces, implicit_decision_at, due_at from requests where tracking_code = ${w.bCode}`;

/** A paid payment on B's request, as PayFiP's notification leaves it: what no refund of A may touch. */
const bPaidPayment = async (w: World) => {
  await w.parvis
    .sql`insert into payments (municipality_id, request_id, job_id, element_id, provider, amount_cents, label,
      reference, year, expires_at, notify_token, status, authorisation, settled_at)
    select ${B}, id, 'bourg-job', 'Pay', 'payfip', 18050, 'Redevance de Bourg', 'BOURG-1', 2026, now() + interval '1 day',
      'bourg-token', 'PAID', '123456', now()
    from requests where tracking_code = ${w.bCode}
    and not exists (select 1 from payments where municipality_id = ${B})`;
  const [payment] = await w.parvis.sql<{ id: string; status: string; refunded_at: Date | null }[]>`
    select id, status, refunded_at from payments where municipality_id = ${B}`;
  return payment!;
};

/** B's PayFiP references, set: what no administrator of A may read or change. */
const bPaymentSettings = async (w: World) => {
  await w.parvis.sql`insert into payment_settings (municipality_id, client_number, environment)
    values (${B}, '654321', 'ACTIVATION') on conflict do nothing`;
  return w.parvis.sql`select client_number, environment, updated_at from payment_settings where municipality_id = ${B}`;
};

/** A procedure only B has. */
const B_PROCEDURE = 'bourg-voirie';

/** B's procedures and versions as the owner sees them: what no case may change. */
const bProcedures = (w: World) =>
  w.parvis.sql`select p.key, p.title_fr, p.published, (select count(*)::int from procedure_versions v
      where v.municipality_id = p.municipality_id and v.procedure_key = p.key) as versions
    from procedures p where p.municipality_id = ${B} order by p.key`;

/** B's organisation as the owner sees it: what no case may change. */
const bOrganisation = (w: World) =>
  w.parvis.sql`select
      (select json_agg(d.* order by name) from departments d where municipality_id = ${B}) as departments,
      (select json_agg(g.* order by key) from agent_groups g where municipality_id = ${B}) as groups,
      (select json_agg(json_build_array(a.email, a.roles, a.groups) order by email) from agents a where municipality_id = ${B}) as agents,
      (select json_agg(x.* order by id) from absences x where municipality_id = ${B}) as absences,
      (select json_agg(json_build_array(t.id, t.assignee) order by id) from tasks t where municipality_id = ${B}) as tasks`;

const bOrganisationUnchangedBy = async (w: World, action: () => Promise<void>) => {
  const before = await bOrganisation(w);
  await action();
  expect(await bOrganisation(w)).toEqual(before);
};

/** A reply template of B, written by the owner (once): what no case may read or change. */
let bTemplateId: string | undefined;
const bTemplate = async (w: World) => {
  if (!bTemplateId) {
    const [row] = await w.parvis.sql<
      { id: string }[]
    >`insert into reply_templates (municipality_id, kind, name, body_fr)
      values (${B}, 'reply', 'Réponse de Bourg', 'Bonjour {{citizenName}}, secret de Bourg.') returning id`;
    bTemplateId = row!.id;
  }
  return bTemplateId;
};
const bTemplateRow = async (w: World) =>
  (await w.parvis.sql`select name, body_fr, updated_at from reply_templates where id = ${await bTemplate(w)}`)[0];

/** A's requests of the last 30 days, as the owner counts them. */
const ownRecentRequests = async (w: World) =>
  (
    await w.parvis.sql<{ n: number }[]>`select count(*)::int as n from requests
      where municipality_id = 'demo' and submitted_at >= now() - interval '31 days'`
  )[0]!.n;

/** A message B's citizen wrote on B's request (as the API would store it). */
const bCitizenWrote = (w: World) =>
  w.parvis.sql`insert into conversation_messages (municipality_id, request_id, side, kind, body)
    select municipality_id, id, 'citizen', 'message', 'Bonjour' from requests where tracking_code = ${w.bCode}`;

/** B's conversation, reads and notes as the owner sees them: what no case may change. */
const bConversation = (w: World) =>
  w.parvis.sql`select
      (select count(*)::int from conversation_messages where municipality_id = ${B}) as messages,
      (select json_agg(r.* order by reader) from conversation_reads r where municipality_id = ${B}) as reads,
      (select count(*)::int from request_notes where municipality_id = ${B}) as notes`;

const bConversationUnchangedBy = async (w: World, action: () => Promise<void>) => {
  await bCitizenWrote(w);
  const before = await bConversation(w);
  await action();
  expect(await bConversation(w)).toEqual(before);
};

/** B's directory, as its administrator set it (the owner writes it: no provider answers here). */
const B_ISSUER = 'https://sso.bourg.example';
const bProvider = (w: World) =>
  w.parvis.sql`insert into sign_in_providers (municipality_id, audience, label, issuer, client_id, client_secret)
    values (${B}, 'agents', 'Annuaire de Bourg', ${B_ISSUER}, 'parvis', 'secret') on conflict do nothing`;

/** An Open311 application of B, as its administrator issued it (the owner writes it: the key's hash only). */
const B_APPLICATION = 'Appli de Bourg';
const bApplication = async (w: World) => {
  await w.parvis.sql`insert into open311_applications (municipality_id, name, key_sha256, key_start)
    values (${B}, ${B_APPLICATION}, 'b-key-hash', 'p311_bour') on conflict do nothing`;
  const [row] = await w.parvis.sql<{ id: string; revoked_at: Date | null }[]>`
    select id, revoked_at from open311_applications where municipality_id = ${B} and name = ${B_APPLICATION}`;
  return row!;
};

/** B's town as its administrator set it (the owner writes it once): what no case may read or change. */
const B_INTAKE = 'demandes@bourg.fr';
const B_CLOSURE = '2031-05-02';
const B_INVITEE = 'invitee@bourg.fr';
/** a group only B has */
const B_ONLY_GROUP = 'urbanisme-bourg';
let bInvitationToken: string | undefined;
const bTown = async (w: World) => {
  if (!bInvitationToken) {
    await w.parvis
      .sql`insert into agent_groups (municipality_id, key, name) values (${B}, ${B_ONLY_GROUP}, 'Urbanisme')`;
    await w.parvis.sql`update municipalities set intake_email = ${B_INTAKE}, primary_color = '#123456' where id = ${B}`;
    await w.parvis
      .sql`insert into municipality_closures (municipality_id, day, reason) values (${B}, ${B_CLOSURE}, 'Fête de Bourg')`;
    await w.parvis
      .sql`insert into message_webhook_secrets (municipality_id, secret, updated_by) values (${B}, ${'secret-de-bourg-'.repeat(3)}, ${B_AGENT.email})`;
    await w.parvis
      .sql`insert into library_installations (municipality_id, procedure_key, library_version, town_version, installed_by)
      values (${B}, 'contact', 1, 1, ${B_AGENT.email})`;
    ({ token: bInvitationToken } = await w.parvis.sql.begin((tx) =>
      createInvitation(tx, {
        municipalityId: B,
        email: B_INVITEE,
        displayName: 'Inès Invitée',
        roles: ['agent'],
        groups: ['voirie-bourg'],
      }),
    ));
  }
  return bInvitationToken;
};
const bTownRow = (w: World) =>
  w.parvis.sql`select
      (select json_agg(m.*) from municipalities m where id = ${B}) as town,
      (select json_agg(c.* order by day) from municipality_closures c where municipality_id = ${B}) as closures,
      (select json_agg(s.*) from message_webhook_secrets s where municipality_id = ${B}) as secrets,
      (select json_agg(i.* order by procedure_key) from library_installations i where municipality_id = ${B}) as installations,
      (select json_agg(i.* order by created_at) from invitations i where municipality_id = ${B}) as invitations,
      (select count(*)::int from audit_log where municipality_id = ${B}) as audit`;
const bTownUnchangedBy = async (w: World, action: () => Promise<void>) => {
  await bTown(w);
  const before = await bTownRow(w);
  await action();
  expect(await bTownRow(w)).toEqual(before);
};

/** A platform administrator (made by the owner, as `parvis platform-admin create` does). */
const PLATFORM = { email: 'plateforme@parvis.example', displayName: 'Paule Plateforme', password: 'plateforme-secret' };
const platformSession = async (w: World) => {
  await w.parvis.sql.begin((tx) => upsertPlatformAdministrator(tx, PLATFORM));
  const client = w.parvis.client();
  await client.data('mutation ($e: String!, $p: String!) { platformSignIn(email: $e, password: $p) { id } }', {
    e: PLATFORM.email,
    p: PLATFORM.password,
  });
  return client;
};

/** B's counter, its kind of appointment and one appointment, made once by the owner: what no case may read or change. */
const B_KIND = 'bourg-mariage';
const bAppointment = async (w: World) => {
  const sql = w.parvis.sql;
  await sql`insert into appointment_resources (municipality_id, name, kind) values (${B}, 'Salle des mariages de Bourg', 'ROOM')
    on conflict do nothing`;
  const [resource] = await sql<{ id: string }[]>`select id from appointment_resources where municipality_id = ${B}`;
  await sql`insert into appointment_openings (municipality_id, resource_id, weekday, opens, closes)
    select ${B}, ${resource!.id}, 6, '09:00', '12:00' where not exists (select 1 from appointment_openings where municipality_id = ${B})`;
  await sql`insert into appointment_kinds (municipality_id, key, name_fr, name_en, minutes)
    values (${B}, ${B_KIND}, 'Mariage', 'Wedding', 60) on conflict do nothing`;
  const [kind] = await sql<{ id: string }[]>`select id from appointment_kinds where municipality_id = ${B}`;
  await sql`insert into appointment_kind_resources (municipality_id, kind_id, resource_id)
    values (${B}, ${kind!.id}, ${resource!.id}) on conflict do nothing`;
  await sql`insert into appointments (municipality_id, kind_id, resource_id, starts_at, ends_at, seat, person_name, channel)
    select ${B}, ${kind!.id}, ${resource!.id}, '2031-06-07T07:00:00Z', '2031-06-07T08:00:00Z', 1, 'Bérénice Bourg', 'PHONE'
    where not exists (select 1 from appointments where municipality_id = ${B})`;
  const [appointment] = await sql<{ id: string; status: string; starts_at: Date }[]>`
    select id, status, starts_at from appointments where municipality_id = ${B}`;
  return { resourceId: resource!.id, appointment: appointment! };
};

/** A working pattern of B's agent, made once by the owner: what no case may read or change. */
const bPattern = async (w: World) => {
  await w.parvis.sql`insert into working_patterns (municipality_id, agent_id, starts_on, week_a)
    select ${B}, ${w.bAgentId}, '2031-01-06', '{MON_AM,TUE_AM}'
    where not exists (select 1 from working_patterns where municipality_id = ${B})`;
  return w.parvis.sql<{ id: string; starts_on: Date; week_a: string[] }[]>`
    select id, starts_on, week_a from working_patterns where municipality_id = ${B}`;
};

const QUERIES: Record<string, Case> = {
  townSettings: async (w) => {
    await bTown(w);
    const { townSettings } = await w.a.data<{ townSettings: { contactEmail: string; intakeEmail: string | null } }>(
      '{ townSettings { contactEmail intakeEmail } }',
    );
    expect(townSettings.contactEmail).not.toContain(B);
    expect(townSettings.intakeEmail).not.toBe(B_INTAKE);
  },
  closures: async (w) => {
    await bTown(w);
    const { closures } = await w.a.data<{ closures: { day: string }[] }>('{ closures { day reason } }');
    expect(closures.map((c) => c.day)).not.toContain(B_CLOSURE);
  },
  // B installed `contact` from the library; A's catalogue says what A did: it has its own `contact`.
  procedureLibrary: async (w) => {
    await bTown(w);
    const { procedureLibrary } = await w.a.data<{
      procedureLibrary: { key: string; installedVersion: number | null; townOwn: boolean }[];
    }>('{ procedureLibrary { key installedVersion townOwn } }');
    expect(procedureLibrary.find((p) => p.key === 'contact')).toEqual({
      key: 'contact',
      installedVersion: null,
      townOwn: true,
    });
  },
  // Public by design: a town's public face (what its portal shows anyone), and not one field more.
  town: async (w) => {
    await bTown(w);
    const stranger = w.parvis.client();
    const { town } = await stranger.data<{ town: Record<string, unknown> }>(
      `{ town(municipality: "${B}") { id name primaryColor contactEmail } }`,
    );
    expect(town).toEqual({ id: B, name: `Mairie de ${B}`, primaryColor: '#123456', contactEmail: `mairie@${B}.fr` });
    refused(await stranger.request(`{ town(municipality: "${B}") { intakeEmail } }`), 'GRAPHQL_VALIDATION_FAILED');
    const { town: none } = await stranger.data<{ town: unknown }>('{ town(municipality: "nulle-part") { id } }');
    expect(none).toBeNull();
  },
  // A town's administrator is no platform administrator.
  platformAdministrator: async (w) => {
    const { platformAdministrator } = await w.a.data<{ platformAdministrator: unknown }>(
      '{ platformAdministrator { id } }',
    );
    expect(platformAdministrator).toBeNull();
  },
  platformTowns: async (w) => {
    refused(await w.a.request('{ platformTowns { id hosts } }'), 'UNAUTHENTICATED');
    refused(await w.parvis.client().request('{ platformTowns { id } }'), 'UNAUTHENTICATED');
    const { platformTowns } = await (await platformSession(w)).data<{ platformTowns: { id: string }[] }>(
      '{ platformTowns { id } }',
    );
    expect(platformTowns.map((t) => t.id)).toEqual(expect.arrayContaining(['demo', B]));
  },
  // Public by design for the link's holder: who is invited, as what, in the link's town only.
  invitation: async (w) => {
    const token = await bTown(w);
    const stranger = w.parvis.client();
    refused(
      await stranger.request(`{ invitation(municipality: "demo", token: "${token}") { email } }`),
      'LINK_INVALID',
    );
    refused(await stranger.request(`{ invitation(municipality: "${B}", token: "made-up") { email } }`), 'LINK_INVALID');
    const { invitation } = await stranger.data<{ invitation: unknown }>(
      `{ invitation(municipality: "${B}", token: "${token}") { email displayName roles } }`,
    );
    expect(invitation).toEqual({ email: B_INVITEE, displayName: 'Inès Invitée', roles: ['agent'] });
    refused(
      await stranger.request(`{ invitation(municipality: "${B}", token: "${token}") { groups } }`),
      'GRAPHQL_VALIDATION_FAILED',
    );
  },
  auditLog: async (w) => {
    const { auditLog } = await w.a.data<{ auditLog: { entries: { actorName: string }[] } }>(
      '{ auditLog(first: 100) { entries { actorName } } }',
    );
    expect(auditLog.entries.map((e) => e.actorName)).not.toContain(B_AGENT.displayName);
  },
  // Public by design: a sign-in page names its town's providers (labels and start addresses, no secret).
  signInOptions: async (w) => {
    const { signInOptions } = await w.a.data<{ signInOptions: { startUrl: string }[] }>(
      `{ signInOptions(municipality: "${B}", audience: "agents") { startUrl } }`,
    );
    expect(signInOptions.every((o) => o.startUrl.startsWith(`/auth/${B}/`))).toBe(true);
  },
  incidents: async (w) => {
    await bIncident(w);
    const { incidents } = await w.a.data<{ incidents: { items: { trackingCode: string; message: string }[] } }>(
      '{ incidents(filter: { includeResolved: true }, first: 200) { items { trackingCode message } } }',
    );
    expect(incidents.items.map((i) => i.trackingCode)).not.toContain(w.bCode);
    expect(JSON.stringify(incidents)).not.toContain('secret de Bourg');
  },
  requestDiagram: async (w) => {
    refused(
      await w.a.request('query ($c: String!) { requestDiagram(trackingCode: $c) { bpmn } }', { c: w.bCode }),
      'NOT_FOUND',
    );
  },
  appointmentResources: async (w) => {
    await bAppointment(w);
    const { appointmentResources } = await w.a.data<{ appointmentResources: { name: string }[] }>(
      '{ appointmentResources { name } }',
    );
    expect(appointmentResources.map((r) => r.name)).not.toContain('Salle des mariages de Bourg');
  },
  appointmentKinds: async (w) => {
    await bAppointment(w);
    const { appointmentKinds } = await w.a.data<{ appointmentKinds: { key: string }[] }>(
      '{ appointmentKinds { key } }',
    );
    expect(appointmentKinds.map((k) => k.key)).not.toContain(B_KIND);
  },
  appointmentSlots: async (w) => {
    await bAppointment(w);
    refused(
      await w.a.request(`{ appointmentSlots(kindKey: "${B_KIND}", date: "2031-06-07") { startsAt } }`),
      'NOT_FOUND',
    );
  },
  requestAppointmentSlots: async (w) => {
    await bAppointment(w);
    refused(
      await w.a.request(
        'query ($c: String!) { requestAppointmentSlots(trackingCode: $c, date: "2031-06-07") { startsAt } }',
        {
          c: w.bCode,
        },
      ),
      'NOT_FOUND',
    );
  },
  dayAppointments: async (w) => {
    await bAppointment(w);
    const { dayAppointments } = await w.a.data<{ dayAppointments: { personName: string }[] }>(
      '{ dayAppointments(date: "2031-06-07") { personName } }',
    );
    expect(dayAppointments).toEqual([]);
  },
  open311Applications: async (w) => {
    await bApplication(w);
    const { open311Applications } = await w.a.data<{ open311Applications: { name: string }[] }>(
      '{ open311Applications { name } }',
    );
    expect(open311Applications.map((a) => a.name)).not.toContain(B_APPLICATION);
  },
  paymentSettings: async (w) => {
    await bPaymentSettings(w);
    const { paymentSettings } = await w.a.data<{ paymentSettings: { clientNumber: string } | null }>(
      '{ paymentSettings { clientNumber } }',
    );
    expect(paymentSettings?.clientNumber).not.toBe('654321');
  },
  signInProviders: async (w) => {
    await bProvider(w);
    const { signInProviders } = await w.a.data<{ signInProviders: { issuer: string }[] }>(
      '{ signInProviders { issuer } }',
    );
    expect(signInProviders.map((p) => p.issuer)).not.toContain(B_ISSUER);
  },
  myFranceConnect: async (w) => {
    await w.parvis.sql`update citizens set franceconnect_subject = 'berthe-fc' where id = ${w.bCitizenId}`;
    const { myFranceConnect } = await w.ac.data<{ myFranceConnect: boolean }>('{ myFranceConnect }');
    expect(myFranceConnect).toBe(false);
  },
  me: async (w) => {
    const { me } = await w.a.data<{ me: { municipality: string } }>('{ me { municipality } }');
    expect(me.municipality).toBe('demo');
  },
  // Public by design: the published catalogue of any town hall, as a citizen sees it.
  procedures: async (w) => {
    const { procedures } = await w.a.data<{ procedures: { key: string }[] }>(
      `{ procedures(municipality: "${B}") { key title version } }`,
    );
    expect(procedures.map((p) => p.key)).toContain('contact');
  },
  procedure: async (w) => {
    const result = await w.a.data<{ procedure: { key: string } }>(
      `{ procedure(municipality: "${B}", key: "contact") { key startForm } }`,
    );
    expect(result.procedure.key).toBe('contact');
  },
  // Public by design: where a town hall's forms open their map, as any citizen sees it.
  placeMap: async (w) => {
    const { placeMap } = await w.a.data<{ placeMap: { tileUrl: string | null } }>(
      `{ placeMap(municipality: "${B}") { latitude longitude tileUrl background } }`,
    );
    // B names no tile server of its own: its forms open on the default street map, not on A's settings
    expect(placeMap as { background?: string }).toMatchObject({ background: 'IGN_PLAN' });
  },
  request: async (w) => {
    refused(
      await w.a.request('query ($c: String!) { request(trackingCode: $c) { status } }', { c: w.bCode }),
      'NOT_FOUND',
    );
    refused(
      await w.a.request('query ($c: String!) { request(trackingCode: $c, email: "x@demo.fr") { status } }', {
        c: w.bCode,
      }),
      'NOT_FOUND',
    );
  },
  task: async (w) => {
    const { task } = await w.a.data<{ task: unknown }>('query ($id: ID!) { task(id: $id) { id } }', { id: w.bTaskId });
    expect(task).toBeNull();
  },
  requests: async (w) => {
    for (const filter of [{}, { search: 'nid-de-poule' }, { channel: 'web' }]) {
      const { requests } = await w.a.data<{ requests: { nodes: { trackingCode: string }[] } }>(
        'query ($f: RequestFilter) { requests(filter: $f, first: 100) { nodes { trackingCode } } }',
        { f: filter },
      );
      expect(requests.nodes.map((r) => r.trackingCode)).not.toContain(w.bCode);
    }
  },
  tasks: async (w) => {
    const { tasks } = await w.a.data<{ tasks: { nodes: { id: string }[] } }>('{ tasks(first: 100) { nodes { id } } }');
    expect(tasks.nodes.map((t) => t.id)).not.toContain(w.bTaskId);
  },
  searchCitizens: async (w) => {
    for (const q of ['Bourgeois', 'berthe@', '06 99 88 77 66']) {
      const { searchCitizens } = await w.a.data<{ searchCitizens: unknown[] }>(
        'query ($q: String!) { searchCitizens(query: $q) { id } }',
        { q },
      );
      expect(searchCitizens).toEqual([]);
    }
  },
  citizenRecord: async (w) => {
    refused(
      await w.a.request('query ($id: ID!) { citizenRecord(id: $id) { citizen { email } } }', { id: w.bCitizenId }),
      'NOT_FOUND',
    );
  },
  procedureRetentions: async (w) => {
    const { procedureRetentions } = await w.a.data<{ procedureRetentions: { procedureKey: string }[] }>(
      '{ procedureRetentions { procedureKey } }',
    );
    expect(procedureRetentions.map((p) => p.procedureKey)).toContain('contact');
    expect(procedureRetentions.map((p) => p.procedureKey)).not.toContain(B_PROCEDURE);
  },
  retentionPurges: async (w) => {
    await w.parvis.sql`insert into retention_purges (municipality_id, procedure_key, requests, policy, retention_months,
      retention_source, closed_before) values (${B}, ${B_PROCEDURE}, 3, 'anonymise', 24, 'report', now())`;
    const { retentionPurges } = await w.a.data<{ retentionPurges: { procedureKey: string }[] }>(
      '{ retentionPurges { procedureKey } }',
    );
    expect(retentionPurges.map((p) => p.procedureKey)).not.toContain(B_PROCEDURE);
  },
  dataSubjects: async (w) => {
    await bCitizenUnchangedBy(w, async () => {
      for (const contact of [B_CITIZEN, CONTACT.email, '06 99 88 77 66']) {
        const { dataSubjects } = await w.a.data<{ dataSubjects: unknown[] }>(
          'query ($c: String!) { dataSubjects(contact: $c) { id } }',
          { c: contact },
        );
        expect(dataSubjects).toEqual([]);
      }
    });
  },
  dataSubjectExport: async (w) => {
    refused(await w.a.request('query ($id: ID!) { dataSubjectExport(id: $id) }', { id: w.bCitizenId }), 'NOT_FOUND');
    const pdf = await fetch(`${w.parvis.url}/exports/people/${w.bCitizenId}.pdf`, {
      headers: { cookie: (w.a as unknown as { cookie: string }).cookie },
    });
    expect(pdf.status).toBe(404);
  },
  processingRegister: async (w) => {
    const { processingRegister } = await w.a.data<{ processingRegister: { procedureKey: string }[] }>(
      '{ processingRegister { procedureKey } }',
    );
    expect(processingRegister.map((p) => p.procedureKey)).toContain('contact');
    expect(processingRegister.map((p) => p.procedureKey)).not.toContain(B_PROCEDURE);
  },
  replyTemplates: async (w) => {
    const id = await bTemplate(w);
    const { replyTemplates } = await w.a.data<{ replyTemplates: { id: string }[] }>('{ replyTemplates { id } }');
    expect(replyTemplates.map((t) => t.id)).not.toContain(id);
    refused(
      await w.a.request('query ($c: String!) { replyTemplates(trackingCode: $c) { id } }', { c: w.bCode }),
      'NOT_FOUND',
    );
  },
  replyTemplate: async (w) => {
    const { replyTemplate } = await w.a.data<{ replyTemplate: unknown }>(
      'query ($id: ID!) { replyTemplate(id: $id) { bodyFr } }',
      { id: await bTemplate(w) },
    );
    expect(replyTemplate).toBeNull();
  },
  templateVariables: async (w) => {
    // B's own procedure gives A no form field to name.
    const { templateVariables } = await w.a.data<{ templateVariables: { name: string }[] }>(
      `{ templateVariables(procedureKey: "${B_PROCEDURE}") { name } }`,
    );
    expect(templateVariables.map((v) => v.name)).not.toContain('subject');
  },
  renderTemplate: async (w) => {
    refused(
      await w.a.request('query ($t: ID!, $c: String!) { renderTemplate(templateId: $t, trackingCode: $c) { text } }', {
        t: await bTemplate(w),
        c: w.bCode,
      }),
      'NOT_FOUND',
    );
  },
  previewTemplate: async (w) => {
    refused(
      await w.a.request(
        'query ($c: String!) { previewTemplate(template: { kind: REPLY, name: "x", bodyFr: "{{citizenName}}" }, trackingCode: $c) { text } }',
        { c: w.bCode },
      ),
      'NOT_FOUND',
    );
  },
  myProfile: async (w) => {
    const { myProfile } = await w.ac.data<{ myProfile: { email: string } }>('{ myProfile { email } }');
    expect(myProfile.email).toBe('albert@demo.fr');
  },
  myPrefill: async (w) => {
    const { myPrefill } = await w.ac.data<{ myPrefill: unknown }>('{ myPrefill(procedure: "contact") }');
    expect(myPrefill).toEqual({ email: 'albert@demo.fr' });
  },
  myRequests: async (w) => {
    const { myRequests } = await w.ac.data<{ myRequests: unknown[] }>('{ myRequests { trackingCode } }');
    expect(myRequests).toEqual([]);
  },
  myConsents: async (w) => {
    const { myConsents } = await w.ac.data<{ myConsents: unknown[] }>('{ myConsents { text } }');
    expect(myConsents).toEqual([]);
  },
  mySigningKeys: async (w) => {
    const { mySigningKeys } = await w.a.data<{ mySigningKeys: { fingerprint: string }[] }>(
      '{ mySigningKeys { fingerprint } }',
    );
    expect(mySigningKeys.map((k) => k.fingerprint)).not.toContain(w.bFingerprint);
  },
  myDelegations: async (w) => {
    const { myDelegations } = await w.a.data<{ myDelegations: { id: string }[] }>('{ myDelegations { id } }');
    expect(myDelegations.map((d) => d.id)).not.toContain(w.bDelegationId);
  },
  delegatedTasks: async (w) => {
    const { delegatedTasks } = await w.a.data<{ delegatedTasks: { id: string }[] }>('{ delegatedTasks { id } }');
    expect(delegatedTasks.map((t) => t.id)).not.toContain(w.bTaskId);
  },
  delegationCandidates: async (w) => {
    const { delegationCandidates } = await w.a.data<{ delegationCandidates: { id: string }[] }>(
      '{ delegationCandidates { id } }',
    );
    expect(delegationCandidates.map((c) => c.id)).not.toContain(w.bAgentId);
  },
  signatureAudit: async (w) => {
    const { signatureAudit } = await w.a.data<{ signatureAudit: unknown[] }>('{ signatureAudit { __typename } }');
    const [row] = await w.parvis.sql<
      { n: number }[]
    >`select count(*)::int as n from signature_audit where municipality_id = 'demo'`;
    expect(signatureAudit).toHaveLength(row!.n);
  },
  verifySignatures: async (w) => {
    const result = await w.a.request('query ($c: String!) { verifySignatures(trackingCode: $c) { __typename } }', {
      c: w.bCode,
    });
    if (!result.errors) expect(result.data).toEqual({ verifySignatures: null });
    else refused(result, 'NOT_FOUND');
  },
  designerProcedures: async (w) => {
    const { designerProcedures } = await w.a.data<{ designerProcedures: { key: string }[] }>(
      '{ designerProcedures { key } }',
    );
    expect(designerProcedures.map((p) => p.key)).not.toContain(B_PROCEDURE);
  },
  designerProcedure: async (w) => {
    const result = await w.a.request(`{ designerProcedure(key: "${B_PROCEDURE}") { key } }`);
    if (!result.errors) expect(result.data).toEqual({ designerProcedure: null });
    else refused(result, 'NOT_FOUND');
  },
  // B's procedure is unknown to A; a plan of A's own versions lists A's requests only.
  versionMigrationPlan: async (w) => {
    refused(
      await w.a.request(
        `{ versionMigrationPlan(procedureKey: "${B_PROCEDURE}", fromVersion: 1, toVersion: 2) { total } }`,
      ),
      'NOT_FOUND',
    );
    const { from, to } = await aTwoVersions(w);
    const { versionMigrationPlan } = await w.a.data<{ versionMigrationPlan: { requests: { trackingCode: string }[] } }>(
      '{ versionMigrationPlan(procedureKey: "a-migration", fromVersion: ' +
        `${from}, toVersion: ${to}) { requests { trackingCode } } }`,
    );
    expect(versionMigrationPlan.requests.map((r) => r.trackingCode)).not.toContain(w.bCode);
  },
  procedureVersionSource: async (w) => {
    const result = await w.a.request(`{ procedureVersionSource(key: "${B_PROCEDURE}") { __typename } }`);
    if (!result.errors) expect(result.data).toEqual({ procedureVersionSource: null });
    else refused(result, 'NOT_FOUND');
  },
  metrics: async (w) => {
    const { metrics } = await w.a.data<{ metrics: { submitted: number } }>('{ metrics { submitted } }');
    expect(metrics.submitted).toBe(await ownRecentRequests(w));
  },
  dashboard: async (w) => {
    const { dashboard } = await w.a.data<{ dashboard: { submitted: number; csv: string } }>(
      '{ dashboard { submitted csv atRisk { trackingCode } } }',
    );
    expect(dashboard.submitted).toBeLessThanOrEqual(await ownRecentRequests(w));
    expect(dashboard.csv).not.toContain(w.bCode);
  },
  waitingHeatmap: async (w) => {
    // B's procedure is unknown in A; A's own heatmap counts only A's tasks and names none of B's agents
    refused(await w.a.request(`{ waitingHeatmap(procedureKey: "${B_PROCEDURE}") { requests } }`), 'NOT_FOUND');
    const { waitingHeatmap } = await w.a.data<{ waitingHeatmap: { requests: number; csv: string } }>(
      '{ waitingHeatmap(procedureKey: "contact") { requests csv agents { key } } }',
    );
    const [own] = await w.parvis.sql<{ n: number }[]>`select count(distinct t.request_id)::int as n from tasks t
      join requests r on r.id = t.request_id join procedure_versions v on v.id = r.procedure_version_id
      where t.municipality_id = 'demo' and v.procedure_key = 'contact' and t.opened_at >= now() - interval '31 days'`;
    expect(waitingHeatmap.requests).toBeLessThanOrEqual(own!.n);
    expect(waitingHeatmap.csv).not.toContain(B_AGENT.displayName);
  },
  metricsSettings: async (w) => {
    await w.a.data('{ metricsSettings { onlineCost } }');
    const [row] = await w.parvis.sql`select count(*)::int as n from municipality_settings where municipality_id = ${B}`;
    expect(row?.n).toBe(0);
  },
  workQueue: async (w) => {
    const { workQueue } = await w.a.data<{ workQueue: { id: string }[] }>('{ workQueue { id } }');
    expect(workQueue.map((t) => t.id)).not.toContain(w.bTaskId);
  },
  departments: async (w) => {
    const { departments } = await w.a.data<{ departments: { name: string }[] }>('{ departments { name } }');
    expect(departments.map((d) => d.name)).not.toContain('Voirie de Bourg');
  },
  groups: async (w) => {
    const { groups } = await w.a.data<{ groups: { key: string }[] }>('{ groups { key } }');
    expect(groups.map((g) => g.key)).not.toContain('voirie-bourg');
  },
  staff: async (w) => {
    const { staff } = await w.a.data<{ staff: { email: string }[] }>('{ staff { email } }');
    expect(staff.map((s) => s.email).filter((e) => e.endsWith('@bourg.fr'))).toEqual([]);
  },
  absences: async (w) => {
    const { absences } = await w.a.data<{ absences: { id: string }[] }>('{ absences { id } }');
    expect(absences.map((a) => a.id)).not.toContain(w.bAbsenceId);
  },
  workingPatterns: async (w) => {
    const [b] = await bPattern(w);
    const { all, bAgent } = await w.a.data<{ all: { id: string }[]; bAgent: { id: string }[] }>(
      'query ($id: ID!) { all: workingPatterns { id } bAgent: workingPatterns(agentId: $id) { id } }',
      { id: w.bAgentId },
    );
    expect(all.map((p) => p.id)).not.toContain(b!.id);
    expect(bAgent).toEqual([]);
  },
  weekPlanning: async (w) => {
    await bPattern(w);
    const { weekPlanning } = await w.a.data<{
      weekPlanning: { groups: { key: string; agents: { agentId: string }[] }[] };
    }>('{ weekPlanning(day: "2031-01-08") { groups { key agents { agentId } } } }');
    expect(weekPlanning.groups.map((g) => g.key)).not.toContain('voirie-bourg');
    expect(weekPlanning.groups.flatMap((g) => g.agents.map((a) => a.agentId))).not.toContain(w.bAgentId);
  },
  myData: async (w) => {
    const { myData } = await w.ac.data<{ myData: unknown }>('{ myData }');
    expect(JSON.stringify(myData)).not.toMatch(new RegExp(`${B}|${w.bCode}|Bourgeois`));
  },
  // Public by design (before filing a report, anyone sees open reports nearby in public words):
  // asked of A, nothing of B's.
  nearbyReports: async (w) => {
    const [bRequest] = await w.parvis.sql<{ id: string }[]>`select id from requests where tracking_code = ${w.bCode}`;
    const { nearbyReports } = await w.a.data<{ nearbyReports: { id: string }[] }>(
      '{ nearbyReports(municipality: "demo", procedure: "signalement", category: "chaussee", latitude: 48.8566, longitude: 2.3522) { id } }',
    );
    expect(nearbyReports.map((r) => r.id)).not.toContain(bRequest!.id);
  },
  // Public by design (a document's QR code leads there): asked of A, B's request is unknown.
  documentCheck: async (w) => {
    const { documentCheck } = await w.a.data<{ documentCheck: unknown }>(
      'query ($c: String!) { documentCheck(municipality: "demo", trackingCode: $c) { valid } }',
      { c: w.bCode },
    );
    expect(documentCheck).toBeNull();
  },
  trackingLink: async (w) => {
    // a link is a bearer's key to one request: none made up opens anything, in any town
    refused(await w.a.request('query { trackingLink(token: "made-up") { trackingCode } }'), 'LINK_INVALID');
  },
  unreadConversations: async (w) => {
    await bCitizenWrote(w);
    const { unreadConversations } = await w.a.data<{ unreadConversations: { trackingCode: string }[] }>(
      '{ unreadConversations { trackingCode } }',
    );
    expect(unreadConversations.map((c) => c.trackingCode)).not.toContain(w.bCode);
  },
  requestNotes: async (w) => {
    refused(
      await w.a.request('query ($c: String!) { requestNotes(trackingCode: $c) { text } }', { c: w.bCode }),
      'NOT_FOUND',
    );
  },
  mentionableColleagues: async (w) => {
    refused(
      await w.a.request('query ($c: String!) { mentionableColleagues(trackingCode: $c) { id } }', { c: w.bCode }),
      'NOT_FOUND',
    );
  },
  myMentions: async (w) => {
    const { myMentions } = await w.a.data<{ myMentions: { trackingCode: string }[] }>(
      '{ myMentions { trackingCode } }',
    );
    expect(myMentions.map((m) => m.trackingCode)).not.toContain(w.bCode);
  },
};

const MUTATIONS: Record<string, Case> = {
  followReport: async (w) => {
    const [bRequest] = await w.parvis.sql<{ id: string }[]>`select id from requests where tracking_code = ${w.bCode}`;
    refused(
      await w.a.request('mutation ($r: ID!) { followReport(municipality: "demo", report: $r, email: "x@demo.fr") }', {
        r: bRequest!.id,
      }),
      'NOT_FOUND',
    );
    const [followers] = await w.parvis
      .sql`select count(*)::int as n from request_followers where municipality_id = ${B}`;
    expect(followers).toEqual({ n: 0 });
  },
  mergeDuplicate: async (w) => {
    const { submitRequest } = await w.ac.data<{ submitRequest: { trackingCode: string } }>(
      'mutation { submitRequest(municipality: "demo", procedure: "contact", data: { subject: "Bruit", message: "Du bruit la nuit.", email: "a@demo.fr" }) { trackingCode } }',
    );
    refused(
      await w.a.request(
        'mutation ($m: String!, $d: String!) { mergeDuplicate(main: $m, duplicate: $d) { trackingCode } }',
        {
          m: submitRequest.trackingCode,
          d: w.bCode,
        },
      ),
      'MERGE_REFUSED',
    );
    await bTaskStillOpen(w);
  },
  // Public by design: anyone may file a request with any town hall; the answer is only its code.
  submitRequest: async (w) => {
    const result = await w.a.data<{ submitRequest: Record<string, unknown> }>(
      `mutation ($d: JSON!) { submitRequest(municipality: "${B}", procedure: "contact", data: $d) { trackingCode } }`,
      { d: CONTACT },
    );
    expect(Object.keys(result.submitRequest)).toEqual(['trackingCode']);
  },
  saveSignInProvider: async (w) => {
    await bProvider(w);
    refused(
      await w.a.request(
        `mutation { saveSignInProvider(provider: { audience: "agents", label: "x", issuer: "http://127.0.0.1:9", clientId: "x", clientSecret: "x" }) { issuer } }`,
      ),
      'BAD_USER_INPUT',
    );
    const [row] = await w.parvis.sql`select issuer from sign_in_providers where municipality_id = ${B}`;
    expect(row?.issuer).toBe(B_ISSUER);
  },
  beginTotpEnrolment: async (w) => {
    refused(await w.a.request(`mutation { beginTotpEnrolment(municipality: "${B}") { uri } }`), 'FORBIDDEN');
  },
  issueOpen311Key: async (w) => {
    // A's key is A's: B's endpoint refuses it
    const { issueOpen311Key } = await w.a.data<{ issueOpen311Key: { apiKey: string } }>(
      'mutation { issueOpen311Key(name: "Appli de Démoville") { apiKey } }',
    );
    const posted = await fetch(`${w.parvis.url}/open311/v2/${B}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: issueOpen311Key.apiKey, service_code: 'contact', address_string: 'x' }),
    });
    expect(posted.status).toBe(403);
    const rows = await w.parvis
      .sql`select 1 from open311_applications where municipality_id = ${B} and name <> ${B_APPLICATION}`;
    expect(rows).toHaveLength(0);
  },
  saveAppointmentResource: async (w) => {
    const { resourceId } = await bAppointment(w);
    refused(
      await w.a.request(
        'mutation ($id: ID!) { saveAppointmentResource(id: $id, name: "Pris", kind: ROOM, capacity: 9, openings: []) { id } }',
        { id: resourceId },
      ),
      'NOT_FOUND',
    );
    const [row] = await w.parvis.sql`select name, capacity from appointment_resources where id = ${resourceId}`;
    expect(row).toEqual({ name: 'Salle des mariages de Bourg', capacity: 1 });
  },
  saveAppointmentKind: async (w) => {
    const { resourceId } = await bAppointment(w);
    refused(
      await w.a.request(
        `mutation ($r: [ID!]!) { saveAppointmentKind(key: "${B_KIND}", nameFr: "Pris", nameEn: "Taken", minutes: 5, resourceIds: $r) { id } }`,
        { r: [resourceId] },
      ),
      'BAD_USER_INPUT',
    );
    const [row] = await w.parvis.sql`select name_fr, minutes from appointment_kinds where municipality_id = ${B}`;
    expect(row).toEqual({ name_fr: 'Mariage', minutes: 60 });
  },
  bookAppointment: async (w) => {
    const { resourceId } = await bAppointment(w);
    refused(
      await w.a.request(
        `mutation ($r: ID!) { bookAppointment(kindKey: "${B_KIND}", resourceId: $r, startsAt: "2031-06-07T08:00:00Z",
          personName: "Intrus", channel: PHONE) { id } }`,
        { r: resourceId },
      ),
      'NOT_FOUND',
    );
    const rows = await w.parvis.sql`select 1 from appointments where municipality_id = ${B}`;
    expect(rows).toHaveLength(1);
  },
  moveAppointment: async (w) => {
    const { appointment } = await bAppointment(w);
    refused(
      await w.a.request('mutation ($id: ID!) { moveAppointment(id: $id, startsAt: "2031-06-07T09:00:00Z") { id } }', {
        id: appointment.id,
      }),
      'NOT_FOUND',
    );
    expect((await bAppointment(w)).appointment).toEqual(appointment);
  },
  cancelAppointment: async (w) => {
    const { appointment } = await bAppointment(w);
    refused(
      await w.a.request('mutation ($id: ID!) { cancelAppointment(id: $id) { id } }', { id: appointment.id }),
      'NOT_FOUND',
    );
    expect((await bAppointment(w)).appointment).toEqual(appointment);
  },
  recordAppointmentNoShow: async (w) => {
    const { appointment } = await bAppointment(w);
    refused(
      await w.a.request('mutation ($id: ID!) { recordAppointmentNoShow(id: $id) { id } }', { id: appointment.id }),
      'NOT_FOUND',
    );
    expect((await bAppointment(w)).appointment).toEqual(appointment);
  },
  bookRequestAppointment: async (w) => {
    const { resourceId } = await bAppointment(w);
    refused(
      await w.ac.request(
        'mutation ($c: String!, $r: ID!) { bookRequestAppointment(trackingCode: $c, resourceId: $r, startsAt: "2031-06-07T08:00:00Z") { id } }',
        { c: w.bCode, r: resourceId },
      ),
      'NOT_FOUND',
    );
    expect(await w.parvis.sql`select 1 from appointments where municipality_id = ${B}`).toHaveLength(1);
  },
  moveRequestAppointment: async (w) => {
    const { appointment } = await bAppointment(w);
    refused(
      await w.a.request(
        'mutation ($c: String!) { moveRequestAppointment(trackingCode: $c, startsAt: "2031-06-07T09:00:00Z") { id } }',
        { c: w.bCode },
      ),
      'NOT_FOUND',
    );
    expect((await bAppointment(w)).appointment).toEqual(appointment);
  },
  cancelRequestAppointment: async (w) => {
    const { appointment } = await bAppointment(w);
    refused(
      await w.ac.request('mutation ($c: String!) { cancelRequestAppointment(trackingCode: $c) { id } }', {
        c: w.bCode,
      }),
      'NOT_FOUND',
    );
    expect((await bAppointment(w)).appointment).toEqual(appointment);
  },
  revokeOpen311Key: async (w) => {
    const { id } = await bApplication(w);
    refused(await w.a.request('mutation ($id: ID!) { revokeOpen311Key(id: $id) { id } }', { id }), 'NOT_FOUND');
    expect((await bApplication(w)).revoked_at).toBeNull();
  },
  confirmTotpEnrolment: async (w) => {
    refused(
      await w.a.request(
        `mutation { confirmTotpEnrolment(municipality: "${B}", challenge: "not-a-challenge", code: "123456") { id } }`,
      ),
      'LINK_INVALID',
    );
  },
  signIn: async (w) => {
    const probe = w.parvis.client();
    refused(
      await probe.request(
        `mutation { signIn(municipality: "${B}", email: "admin@demoville.fr", password: "demo-admin") { id } }`,
      ),
      'UNAUTHENTICATED',
    );
  },
  signOut: async (w) => {
    const other = w.parvis.client();
    await other.data(
      `mutation { signIn(municipality: "demo", email: "admin@demoville.fr", password: "demo-admin") { id } }`,
    );
    await other.data('mutation { signOut }');
    const { me } = await w.b.data<{ me: { municipality: string } | null }>('{ me { municipality } }');
    expect(me?.municipality).toBe(B);
  },
  // The same e-mail in A is another person's record there: created in A, B's untouched.
  createCitizen: (w) =>
    bCitizenUnchangedBy(w, async () => {
      const { createCitizen } = await w.a.data<{ createCitizen: { id: string } }>(
        `mutation { createCitizen(citizen: { lastName: "Bourgeois", email: "${B_CITIZEN}" }) { id } }`,
      );
      expect(createCitizen.id).not.toBe(w.bCitizenId);
    }),
  saveReplyTemplate: async (w) => {
    const before = await bTemplateRow(w);
    refused(
      await w.a.request(
        'mutation ($id: ID!) { saveReplyTemplate(id: $id, template: { kind: REPLY, name: "Piraté", bodyFr: "Piraté" }) { id } }',
        { id: await bTemplate(w) },
      ),
      'NOT_FOUND',
    );
    expect(await bTemplateRow(w)).toEqual(before);
  },
  deleteReplyTemplate: async (w) => {
    const { deleteReplyTemplate } = await w.a.data<{ deleteReplyTemplate: boolean }>(
      'mutation ($id: ID!) { deleteReplyTemplate(id: $id) }',
      { id: await bTemplate(w) },
    );
    expect(deleteReplyTemplate).toBe(false);
    expect(await bTemplateRow(w)).toBeDefined();
  },
  registerRequest: (w) =>
    bCitizenUnchangedBy(w, async () => {
      const result = await w.a.request(
        `mutation ($c: CitizenInput!) { registerRequest(procedure: "contact", channel: COUNTER, citizen: $c,
          data: { subject: "Usurpation", message: "Demande au nom d'un autre." }) { trackingCode } }`,
        { c: { id: w.bCitizenId } },
      );
      refused(result, 'NOT_FOUND');
    }),
  // Public by design: anyone may ask to sign up anywhere; the password waits for the owner's link.
  signUp: (w) =>
    bCitizenUnchangedBy(w, async () => {
      await w.a.data(
        `mutation { signUp(municipality: "${B}", email: "${B_CITIZEN}", password: "un mot de passe pirate",
          consent: { purpose: "compte", text: "..." }) }`,
      );
    }),
  // Public by design: the link goes to the owner's mailbox, not to the one who asks.
  requestSignInLink: (w) =>
    bCitizenUnchangedBy(w, async () => {
      await w.ac.data(`mutation { requestSignInLink(municipality: "${B}", email: "${B_CITIZEN}") }`);
      const { myProfile } = await w.ac.data<{ myProfile: { email: string } }>('{ myProfile { email } }');
      expect(myProfile.email).toBe('albert@demo.fr');
    }),
  signInWithLink: async (w) => {
    refused(
      await w.parvis
        .client()
        .request(`mutation ($t: String!) { signInWithLink(municipality: "${B}", token: $t) { id } }`, {
          t: w.aToken,
        }),
      'LINK_INVALID',
    );
  },
  citizenSignIn: async (w) => {
    refused(
      await w.parvis
        .client()
        .request(`mutation { citizenSignIn(municipality: "${B}", email: "albert@demo.fr", password: "x") { id } }`),
      'UNAUTHENTICATED',
    );
  },
  citizenSignOut: async (w) => {
    const other = w.parvis.client();
    await signInByLink(w.parvis, other, 'demo', 'albert@demo.fr');
    await other.data('mutation { citizenSignOut }');
    const { myProfile } = await w.bc.data<{ myProfile: { email: string } | null }>('{ myProfile { email } }');
    expect(myProfile?.email).toBe(B_CITIZEN);
  },
  updateMyProfile: (w) =>
    bCitizenUnchangedBy(w, async () => {
      await w.ac.data(
        'mutation { updateMyProfile(profile: { lastName: "Bourgeois", phone: "06 99 88 77 66" }) { id } }',
      );
    }),
  giveConsent: (w) =>
    bCitizenUnchangedBy(w, async () => {
      await w.ac.data(
        'mutation { giveConsent(consent: { purpose: "lettre", text: "Je veux la lettre." }) { givenAt } }',
      );
    }),
  updateMyReadingSettings: (w) =>
    bCitizenUnchangedBy(w, async () => {
      await w.ac.data(
        'mutation { updateMyReadingSettings(settings: { textSize: LARGER, contrast: HIGH, lineSpacing: WIDER }) { textSize } }',
      );
    }),
  deleteMyAccount: (w) =>
    bCitizenUnchangedBy(w, async () => {
      const leaving = w.parvis.client();
      await signInByLink(w.parvis, leaving, 'demo', 'partant@demo.fr');
      await leaving.data('mutation { deleteMyAccount }');
    }),
  enrolSigningKey: (w) =>
    bSignatureBookUnchangedBy(w, async () => {
      await w.a.data('mutation ($k: String!) { enrolSigningKey(publicKey: $k, label: "poste A") { fingerprint } }', {
        k: publicKey(),
      });
    }),
  revokeSigningKey: (w) =>
    bSignatureBookUnchangedBy(w, async () => {
      refused(
        await w.a.request(
          'mutation ($f: String!) { revokeSigningKey(fingerprint: $f, reason: "intrusion") { active } }',
          {
            f: w.bFingerprint,
          },
        ),
        'NOT_FOUND',
        'FORBIDDEN',
      );
    }),
  prepareSignature: (w) =>
    bSignatureBookUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($t: ID!) { prepareSignature(taskId: $t, decision: APPROVE) { nonce } }', {
          t: w.bTaskId,
        }),
        'NOT_FOUND',
        'FORBIDDEN',
        'NOT_ALLOWED',
      );
    }),
  signDecision: (w) =>
    bSignatureBookUnchangedBy(w, async () => {
      refused(
        await w.a.request(
          `mutation ($t: ID!, $f: String!) { signDecision(taskId: $t, decision: APPROVE, nonce: "x", signature: "eA==",
            keyFingerprint: $f) { signatureId } }`,
          { t: w.bTaskId, f: w.bFingerprint },
        ),
        'NOT_FOUND',
        'FORBIDDEN',
        'NOT_ALLOWED',
        'SIGNATURE_INVALID',
        'NONCE_INVALID',
      );
      await bTaskStillOpen(w);
    }),
  delegateSignature: (w) =>
    bSignatureBookUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($to: ID!) { delegateSignature(to: $to, endsAt: "2099-01-01") { id } }', {
          to: w.bAgentId,
        }),
        'NOT_FOUND',
        'DELEGATION_INVALID',
      );
    }),
  revokeDelegation: (w) =>
    bSignatureBookUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($id: ID!) { revokeDelegation(id: $id) { id } }', { id: w.bDelegationId }),
        'NOT_FOUND',
        'FORBIDDEN',
      );
    }),
  answerRequest: async (w) => {
    refused(
      await w.a.request(
        'mutation ($c: String!) { answerRequest(trackingCode: $c, email: "x@demo.fr", answer: "Intrusion") { status } }',
        { c: w.bCode },
      ),
      'NOT_FOUND',
    );
  },
  resolveIncident: async (w) => {
    refused(
      await w.a.request('mutation ($c: String!) { resolveIncident(trackingCode: $c, incidentId: "x") { status } }', {
        c: w.bCode,
      }),
      'NOT_FOUND',
    );
  },
  resolveIncidents: async (w) => {
    await bIncident(w);
    const { resolveIncidents } = await w.a.data<{ resolveIncidents: { done: boolean; error: { code: string } }[] }>(
      'mutation ($c: String!) { resolveIncidents(incidents: [{ trackingCode: $c, incidentId: "bourg#1" }]) { done error { code } } }',
      { c: w.bCode },
    );
    expect(resolveIncidents).toEqual([{ done: false, error: { code: 'NOT_FOUND' } }]);
    const [row] = await w.parvis.sql`select resolved_at from request_incidents where incident_id = 'bourg#1'`;
    expect(row?.resolved_at).toBeNull();
  },
  // A moving requests between A's versions and naming B's request finds no such request; B's stays where it was.
  migrateRequests: async (w) => {
    const before = await bVersionId(w);
    const { from, to } = await aTwoVersions(w);
    const { migrateRequests } = await w.a.data<{ migrateRequests: { trackingCode: string; outcome: string }[] }>(
      'mutation ($c: String!, $f: Int!, $t: Int!) { migrateRequests(procedureKey: "a-migration", fromVersion: $f, toVersion: $t, trackingCodes: [$c]) { trackingCode outcome } }',
      { c: w.bCode, f: from, t: to },
    );
    expect(migrateRequests).toEqual([{ trackingCode: w.bCode, outcome: 'SKIPPED' }]);
    expect(await bVersionId(w)).toBe(before);
    const [audit] = await w.parvis
      .sql`select count(*)::int as n from audit_log where action = 'procedures.request-migrated'`;
    expect(audit).toEqual({ n: 0 });
  },
  deployProcedure: async (w) => {
    const before = await bProcedures(w);
    const [contact] = (await loadShippedProcedures()).filter((p) => p.key === 'contact');
    await w.a.data('mutation ($i: DeployProcedureInput!) { deployProcedure(input: $i) { version } }', {
      i: { key: B_PROCEDURE, bpmn: contact!.bpmn, forms: contact!.forms, titleFr: 'Voirie A', titleEn: 'Roads A' },
    });
    expect(await bProcedures(w)).toEqual(before);
  },
  updateProcedureMetadata: async (w) => {
    const before = await bProcedures(w);
    await w.a.request(
      `mutation { updateProcedureMetadata(key: "${B_PROCEDURE}", metadata: { titleFr: "Piraté", published: false }) { key } }`,
    );
    expect(await bProcedures(w)).toEqual(before);
  },
  updateMetricsSettings: async (w) => {
    await w.a.data('mutation { updateMetricsSettings(input: { onlineCost: 99 }) { onlineCost } }');
    const [row] = await w.parvis.sql`select count(*)::int as n from municipality_settings where municipality_id = ${B}`;
    expect(row?.n).toBe(0);
  },
  // Each creates in A only, whatever it names.
  createDepartment: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      await w.a.data('mutation { createDepartment(name: "Voirie de Bourg") { id } }');
    }),
  saveGroup: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      await w.a.data(
        'mutation { saveGroup(group: { key: "voirie-bourg", name: "Piraté", assignment: LEAST_LOADED }) { key } }',
      );
    }),
  updateStaffMember: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($id: ID!) { updateStaffMember(id: $id, roles: ["agent"], groups: []) { id } }', {
          id: w.bAgentId,
        }),
        'NOT_FOUND',
      );
    }),
  declareAbsence: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      refused(
        await w.a.request(
          'mutation ($id: ID!) { declareAbsence(absence: { agentId: $id, startsAt: "2030-01-01", endsAt: "2030-02-01" }) { id } }',
          { id: w.bAgentId },
        ),
        'NOT_FOUND',
      );
    }),
  cancelAbsence: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      refused(await w.a.request('mutation ($id: ID!) { cancelAbsence(id: $id) }', { id: w.bAbsenceId }), 'NOT_FOUND');
    }),
  saveWorkingPattern: async (w) => {
    const before = await bPattern(w);
    const save = 'mutation ($id: ID, $p: WorkingPatternInput!) { saveWorkingPattern(id: $id, pattern: $p) { id } }';
    // neither for B's agent, nor B's pattern given to one of A's agents
    const week = { startsOn: '2031-01-06', weekA: ['WED_PM'] };
    refused(await w.a.request(save, { p: { agentId: w.bAgentId, ...week } }), 'NOT_FOUND');
    const [aAgent] = await w.parvis.sql<{ id: string }[]>`select id from agents where municipality_id = 'demo' limit 1`;
    refused(await w.a.request(save, { id: before[0]!.id, p: { agentId: aAgent!.id, ...week } }), 'NOT_FOUND');
    expect(await bPattern(w)).toEqual(before);
  },
  deleteWorkingPattern: async (w) => {
    const before = await bPattern(w);
    refused(
      await w.a.request('mutation ($id: ID!) { deleteWorkingPattern(id: $id) }', { id: before[0]!.id }),
      'NOT_FOUND',
    );
    expect(await bPattern(w)).toEqual(before);
  },
  claimTask: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      refused(await w.a.request('mutation ($t: ID!) { claimTask(taskId: $t) { id } }', { t: w.bTaskId }), 'NOT_FOUND');
    }),
  releaseTask: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($t: ID!) { releaseTask(taskId: $t) { id } }', { t: w.bTaskId }),
        'NOT_FOUND',
      );
    }),
  assignTask: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($t: ID!, $a: ID!) { assignTask(taskId: $t, agentId: $a) { id } }', {
          t: w.bTaskId,
          a: w.bAgentId,
        }),
        'NOT_FOUND',
      );
    }),
  completeTask: async (w) => {
    refused(
      await w.a.request('mutation ($id: ID!) { completeTask(taskId: $id, data: { answer: "Intrusion !" }) { id } }', {
        id: w.bTaskId,
      }),
      'NOT_FOUND',
    );
    await bTaskStillOpen(w);
  },
  writeToCitizen: async (w) =>
    bConversationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($c: String!) { writeToCitizen(trackingCode: $c, text: "Intrusion") { id } }', {
          c: w.bCode,
        }),
        'NOT_FOUND',
      );
    }),
  askCorrection: async (w) =>
    bConversationUnchangedBy(w, async () => {
      refused(
        await w.a.request(
          'mutation ($c: String!) { askCorrection(trackingCode: $c, fields: ["subject"], text: "Intrusion") { id } }',
          { c: w.bCode },
        ),
        'NOT_FOUND',
      );
    }),
  writeToTownHall: async (w) =>
    bConversationUnchangedBy(w, async () => {
      refused(
        await w.a.request(
          'mutation ($c: String!) { writeToTownHall(trackingCode: $c, email: "x@demo.fr", text: "Intrusion") { id } }',
          { c: w.bCode },
        ),
        'NOT_FOUND',
      );
    }),
  correctRequest: async (w) =>
    bConversationUnchangedBy(w, async () => {
      refused(
        await w.a.request(
          `mutation ($c: String!) { correctRequest(trackingCode: $c, email: "x@demo.fr",
            correction: "00000000-0000-0000-0000-000000000000", values: {}) { id } }`,
          { c: w.bCode },
        ),
        'NOT_FOUND',
      );
    }),
  markConversationRead: async (w) =>
    bConversationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($c: String!) { markConversationRead(trackingCode: $c) }', { c: w.bCode }),
        'NOT_FOUND',
      );
    }),
  updateDepartmentContact: async (w) =>
    bOrganisationUnchangedBy(w, async () => {
      const [department] = await w.parvis.sql<{ id: string }[]>`
        select id from departments where municipality_id = ${B} and name = 'Voirie de Bourg'`;
      refused(
        await w.a.request('mutation ($d: ID!) { updateDepartmentContact(id: $d, phone: "01 00 00 00 00") { id } }', {
          d: department!.id,
        }),
        'NOT_FOUND',
      );
    }),
  setPaymentSettings: async (w) => {
    const before = await bPaymentSettings(w);
    for (const clientNumber of ['111111', null]) {
      await w.a.request(
        'mutation ($n: String) { setPaymentSettings(clientNumber: $n, environment: TEST) { clientNumber } }',
        {
          n: clientNumber,
        },
      );
      expect(await bPaymentSettings(w)).toEqual(before);
    }
  },
  refundPayment: async (w) => {
    const payment = await bPaidPayment(w);
    refused(
      await w.a.request('mutation ($p: ID!) { refundPayment(paymentId: $p, reason: "Intrusion") { id } }', {
        p: payment.id,
      }),
      'NOT_FOUND',
    );
    expect(await bPaidPayment(w)).toEqual(payment);
  },
  declareFileIncomplete: async (w) => {
    const before = await bCompleteness(w);
    refused(
      await w.a.request(
        'mutation ($c: String!) { declareFileIncomplete(trackingCode: $c, pieces: ["plan"]) { status } }',
        {
          c: w.bCode,
        },
      ),
      'NOT_FOUND',
    );
    expect(await bCompleteness(w)).toEqual(before);
  },
  declareFileComplete: async (w) => {
    const before = await bCompleteness(w);
    refused(
      await w.a.request('mutation ($c: String!) { declareFileComplete(trackingCode: $c) { status } }', { c: w.bCode }),
      'NOT_FOUND',
    );
    expect(await bCompleteness(w)).toEqual(before);
  },
  addNote: async (w) =>
    bConversationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($c: String!) { addNote(trackingCode: $c, text: "Intrusion") { id } }', {
          c: w.bCode,
        }),
        'NOT_FOUND',
      );
    }),
  markMentionsSeen: async (w) =>
    bConversationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($c: String!) { markMentionsSeen(trackingCode: $c) }', { c: w.bCode }),
        'NOT_FOUND',
      );
    }),
  // Each creates, invites, disables or imports in A only, whoever it names.
  createStaffMember: async (w) => {
    await bTown(w);
    await bOrganisationUnchangedBy(w, async () => {
      await w.a.data(
        `mutation { createStaffMember(member: { email: "${B_AGENT.email}", displayName: "Homonyme", roles: ["agent"] }) { id } }`,
      );
      refused(
        await w.a.request(
          `mutation { createStaffMember(member: { email: "x@demo.fr", displayName: "X", roles: ["agent"], groups: ["${B_ONLY_GROUP}"] }) { id } }`,
        ),
        'BAD_USER_INPUT',
      );
    });
  },
  inviteStaffMember: (w) =>
    bTownUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($id: ID!) { inviteStaffMember(id: $id) { id } }', { id: w.bAgentId }),
        'NOT_FOUND',
      );
    }),
  setStaffMemberDisabled: (w) =>
    bOrganisationUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($id: ID!) { setStaffMemberDisabled(id: $id, disabled: true) { id } }', {
          id: w.bAgentId,
        }),
        'NOT_FOUND',
      );
      const { me } = await w.b.data<{ me: { id: string } | null }>('{ me { id } }');
      expect(me?.id).toBe(w.bAgentId);
    }),
  importStaff: async (w) => {
    await bTown(w);
    await bOrganisationUnchangedBy(w, async () => {
      const { importStaff } = await w.a.data<{ importStaff: { created: unknown[]; refused: { line: number }[] } }>(
        `mutation ($csv: String!) { importStaff(csv: $csv) { created { id } refused { line } } }`,
        { csv: `email,nom,roles,groupes,service\nnouveau@demo.fr,Nouveau,agent,${B_ONLY_GROUP},\n` },
      );
      expect(importStaff).toEqual({ created: [], refused: [{ line: 2 }] });
    });
  },
  updateTownSettings: (w) =>
    bTownUnchangedBy(w, async () => {
      refused(
        await w.a.request(`mutation { updateTownSettings(settings: { intakeEmail: "${B_INTAKE}" }) { intakeEmail } }`),
        'NOT_ALLOWED',
      );
      await w.a.data('mutation { updateTownSettings(settings: { onlineCost: 4 }) { onlineCost } }');
    }),
  addClosure: (w) =>
    bTownUnchangedBy(w, async () => {
      await w.a.data(`mutation { addClosure(day: "${B_CLOSURE}", reason: "Fête de Demo") { day } }`);
    }),
  removeClosure: (w) =>
    bTownUnchangedBy(w, async () => {
      await w.a.data(`mutation { removeClosure(day: "${B_CLOSURE}") }`);
    }),
  // A message published in A reaches none of B's requests and waits in none of B's buffers.
  publishMessage: async (w) => {
    // B's request waits for that very message (its subscription, as the workflow records it)
    await w.parvis.sql`insert into message_subscriptions (workflow_id, subscription_id, request_id, municipality_id,
        element_id, message_name, correlation_key)
      select workflow_id, 'piece', id, municipality_id, 'attente-piece', 'piece-recue', tracking_code
      from requests where tracking_code = ${w.bCode}`;
    await bConversationUnchangedBy(w, async () => {
      const { publishMessage } = await w.a.data<{ publishMessage: { correlated: string[]; started: string[] } }>(
        `mutation ($k: String!) { publishMessage(name: "piece-recue", correlationKey: $k) { correlated started } }`,
        { k: w.bCode },
      );
      expect([...publishMessage.correlated, ...publishMessage.started]).not.toContain(w.bCode);
      const [inB] = await w.parvis.sql`select count(*)::int as n from published_messages where municipality_id = ${B}`;
      expect(inB).toEqual({ n: 0 });
      await bTaskStillOpen(w);
    });
  },
  renewMessageWebhookSecret: (w) =>
    bTownUnchangedBy(w, async () => {
      const { renewMessageWebhookSecret } = await w.a.data<{ renewMessageWebhookSecret: string }>(
        'mutation { renewMessageWebhookSecret }',
      );
      expect(renewMessageWebhookSecret).not.toBe('secret-de-bourg-'.repeat(3));
    }),
  // B installed `contact` from the library: A is told of its own `contact`, never of B's installation.
  installLibraryProcedure: async (w) => {
    const before = await bProcedures(w);
    await bTownUnchangedBy(w, async () => {
      const result = await w.a.request('mutation { installLibraryProcedure(key: "contact") { townVersion } }');
      refused(result, 'NOT_ALLOWED');
      expect(result.errors?.[0]?.message).toContain('hors bibliothèque');
    });
    expect(await bProcedures(w)).toEqual(before);
  },
  upgradeLibraryProcedure: async (w) => {
    const before = await bProcedures(w);
    await bTownUnchangedBy(w, async () => {
      const result = await w.a.request('mutation { upgradeLibraryProcedure(key: "contact") { townVersion } }');
      refused(result, 'NOT_ALLOWED');
      expect(result.errors?.[0]?.message).toContain("n'a pas été installée");
    });
    expect(await bProcedures(w)).toEqual(before);
  },
  updateTownBranding: (w) =>
    bTownUnchangedBy(w, async () => {
      refused(
        await w.a.request(
          `mutation { updateTownBranding(municipality: "${B}", branding: { name: "Piraté", contactEmail: "pirate@demo.fr" }) { name } }`,
        ),
        'FORBIDDEN',
      );
    }),
  // A town's agent, even its administrator, is no platform administrator: its password opens nothing there.
  platformSignIn: async (w) => {
    const probe = w.parvis.client();
    refused(
      await probe.request('mutation { platformSignIn(email: "admin@demoville.fr", password: "demo-admin") { id } }'),
      'UNAUTHENTICATED',
    );
    const { platformAdministrator } = await probe.data<{ platformAdministrator: unknown }>(
      '{ platformAdministrator { id } }',
    );
    expect(platformAdministrator).toBeNull();
  },
  // Signing out ends one's own platform session only (asked without one: nobody's).
  platformSignOut: async (w) => {
    const platform = await platformSession(w);
    await w.parvis.client().data('mutation { platformSignOut }');
    const { platformAdministrator } = await platform.data<{ platformAdministrator: { email: string } }>(
      '{ platformAdministrator { email } }',
    );
    expect(platformAdministrator.email).toBe(PLATFORM.email);
  },
  createTown: async (w) => {
    const town = `{ slug: "pirate", name: "Pirate", hosts: ["pirate.localhost"], timeZone: "Europe/Paris",
      holidayRegion: "metropole", contactEmail: "mairie@pirate.fr", adminEmail: "admin@pirate.fr" }`;
    refused(await w.a.request(`mutation { createTown(town: ${town}) { id } }`), 'UNAUTHENTICATED');
    const [row] = await w.parvis.sql`select count(*)::int as n from municipalities where id = 'pirate'`;
    expect(row).toEqual({ n: 0 });
  },
  setTownDisabled: (w) =>
    bTownUnchangedBy(w, async () => {
      refused(
        await w.a.request(`mutation { setTownDisabled(slug: "${B}", disabled: true) { disabled } }`),
        'UNAUTHENTICATED',
      );
    }),
  // B's invitation link opens nothing in A, and stays B's to accept.
  acceptInvitation: (w) =>
    bTownUnchangedBy(w, async () => {
      refused(
        await w.parvis
          .client()
          .request(
            `mutation { acceptInvitation(municipality: "demo", token: "${await bTown(w)}", password: "un mot de passe long") { email } }`,
          ),
        'LINK_INVALID',
      );
      const [agent] = await w.parvis.sql`select count(*)::int as n from agents where email = ${B_INVITEE}`;
      expect(agent).toEqual({ n: 0 });
    }),
  setProcedureRetention: async (w) => {
    // given a procedure only B has (B_PROCEDURE may name one of A's own by now: deployProcedure's case)
    const [contact] = (await loadShippedProcedures()).filter((p) => p.key === 'contact');
    await deployProcedure(
      w.parvis.sql,
      B,
      { ...contact!, key: 'bourg-seule', title: { fr: 'Seule', en: 'Only' } },
      'test',
    );
    refused(
      await w.a.request('mutation { setProcedureRetention(procedureKey: "bourg-seule", months: 1) { months } }'),
      'NOT_FOUND',
    );
    const [row] = await w.parvis
      .sql`select retention_months from procedures where municipality_id = ${B} and key = 'bourg-seule'`;
    expect(row?.retention_months).toBeNull();
  },
  eraseDataSubject: async (w) => {
    await bCitizenUnchangedBy(w, async () => {
      refused(
        await w.a.request('mutation ($id: ID!) { eraseDataSubject(id: $id) { id } }', { id: w.bCitizenId }),
        'NOT_FOUND',
      );
    });
  },
};

describe('municipalities sealed: an agent of one municipality reaches nothing of another', () => {
  const world = {} as World;

  beforeAll(async () => {
    world.parvis = await startParvis();
    const { parvis } = world;
    await seedMunicipality(parvis.sql, B, B_AGENT);
    await seedMunicipality(parvis.sql, 'demo', {
      email: 'admin@demoville.fr',
      password: 'demo-admin',
      displayName: 'Ada Admin',
    });
    world.a = parvis.client();
    const { __schema } = await world.a.data<{
      __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
    }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    world.fields = new Set([...__schema.queryType.fields, ...__schema.mutationType.fields].map((f) => f.name));
    await world.a.data(
      `mutation { signIn(municipality: "demo", email: "admin@demoville.fr", password: "demo-admin") { id } }`,
    );
    world.b = parvis.client();
    await world.b.data(
      `mutation ($e: String!, $p: String!) { signIn(municipality: "${B}", email: $e, password: $p) { id } }`,
      { e: B_AGENT.email, p: B_AGENT.password },
    );
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(
        `mutation ($d: JSON!) { submitRequest(municipality: "${B}", procedure: "contact", data: $d) { trackingCode } }`,
        { d: CONTACT },
      );
    world.bCode = submitRequest.trackingCode;
    world.ac = parvis.client();
    world.aToken = await signInByLink(parvis, world.ac, 'demo', 'albert@demo.fr');
    world.bc = parvis.client();
    await signInByLink(parvis, world.bc, B, B_CITIZEN);
    await world.bc.data(
      'mutation { updateMyProfile(profile: { firstName: "Berthe", lastName: "Bourgeois", phone: "06 99 88 77 66" }) { id } }',
    );
    await world.bc.data(`mutation { giveConsent(consent: { purpose: "compte", text: "J'accepte." }) { givenAt } }`);
    await world.bc.data(
      `mutation ($d: JSON!) { submitRequest(municipality: "${B}", procedure: "contact", data: $d) { trackingCode } }`,
      { d: { ...CONTACT, email: B_CITIZEN } },
    );
    const [contact] = (await loadShippedProcedures()).filter((p) => p.key === 'contact');
    await deployProcedure(
      parvis.sql,
      B,
      { ...contact!, key: B_PROCEDURE, title: { fr: 'Voirie', en: 'Roads' } },
      'test',
    );
    await upsertAgent(parvis.sql, {
      municipalityId: B,
      email: 'second@bourg.fr',
      displayName: 'Suzanne Second',
      password: 'bourg-second',
      roles: ['agent'],
      groups: ['accueil'],
    });
    const { me } = await world.b.data<{ me: { id: string } }>('{ me { id } }');
    world.bAgentId = me.id;
    world.bFingerprint = (
      await world.b.data<{ enrolSigningKey: { fingerprint: string } }>(
        'mutation ($k: String!) { enrolSigningKey(publicKey: $k) { fingerprint } }',
        { k: publicKey() },
      )
    ).enrolSigningKey.fingerprint;
    const [second] = await parvis.sql<{ id: string }[]>`select id from agents where email = 'second@bourg.fr'`;
    world.bDelegationId = (
      await world.b.data<{ delegateSignature: { id: string } }>(
        'mutation ($to: ID!) { delegateSignature(to: $to, endsAt: "2099-01-01T00:00:00Z", reason: "congés") { id } }',
        { to: second!.id },
      )
    ).delegateSignature.id;
    const { createDepartment } = await world.b.data<{ createDepartment: { id: string } }>(
      'mutation { createDepartment(name: "Voirie de Bourg") { id } }',
    );
    await world.b.data(
      'mutation ($d: ID) { saveGroup(group: { key: "voirie-bourg", name: "Voirie", departmentId: $d }) { key } }',
      {
        d: createDepartment.id,
      },
    );
    world.bAbsenceId = (
      await world.b.data<{ declareAbsence: { id: string } }>(
        'mutation { declareAbsence(absence: { startsAt: "2031-01-01", endsAt: "2031-02-01", reason: "Congés" }) { id } }',
      )
    ).declareAbsence.id;
    world.bCitizenId = (await parvis.sql<{ id: string }[]>`select id from citizens where email = ${B_CITIZEN}`)[0]!.id;
    world.bTaskId = await eventually(async () => {
      const { inbox } = await world.b.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(
        '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }',
      );
      return inbox.find((t) => t.request.trackingCode === world.bCode)?.id;
    });
  });
  afterAll(() => world.parvis?.stop());

  it('has a case for every query and mutation of the schema', async () => {
    // given the schema as a client sees it
    const { __schema } = await world.a.data<{
      __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
    }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    // then each field has its case
    expect(__schema.queryType.fields.map((f) => f.name).filter((name) => !(name in QUERIES))).toEqual([]);
    expect(__schema.mutationType.fields.map((f) => f.name).filter((name) => !(name in MUTATIONS))).toEqual([]);
  });

  // A case whose field is no longer in the schema fails: the cases match the schema both ways.
  const caseFor = (name: string, run: Case) => async () => {
    expect(world.fields.has(name), `${name} is not in the schema: remove its case`).toBe(true);
    await run(world);
  };
  for (const [name, run] of Object.entries(QUERIES)) it(`query ${name}`, caseFor(name, run));
  for (const [name, run] of Object.entries(MUTATIONS)) it(`mutation ${name}`, caseFor(name, run));

  it('seals every table holding municipality data under row-level security', async () => {
    // given every table with a municipality column
    const tables = await world.parvis.sql<{ table: string; sealed: boolean }[]>`
      select c.relname as table, c.relrowsecurity as sealed
      from pg_class c join pg_attribute a on a.attrelid = c.oid
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attname = 'municipality_id'`;
    // then each is sealed
    expect(tables.filter((t) => !t.sealed).map((t) => t.table)).toEqual([]);
    // and as the API role within A, none of B's rows shows
    for (const { table } of tables) {
      const rows = await world.parvis.sql.begin(async (tx) => {
        await tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', 'demo', true)`;
        return tx`select count(*)::int as n from ${tx(table)} where municipality_id = ${B}`;
      });
      expect({ table, n: rows[0]?.n }).toEqual({ table, n: 0 });
    }
  });

  it('refuses a write into B from a transaction sealed to A', async () => {
    // when the API role, within A, tries to write a row for B
    const attempt = world.parvis.sql.begin(async (tx) => {
      await tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', 'demo', true)`;
      await tx`update tasks set status = 'cancelled' where id = ${world.bTaskId}`;
      return tx`insert into procedures (municipality_id, key, title_fr, title_en) values (${B}, 'pirate', 'x', 'x')`;
    });
    // then PostgreSQL refuses it, and nothing changed
    await expect(attempt).rejects.toThrow(/row-level security/);
    await bTaskStillOpen(world);
  });
});
