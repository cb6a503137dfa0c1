// Every shipped procedure compiles, links only forms it ships, is drawn completely, and its main
// path runs to its end in the simulator: a broken model fails here, before any scenario starts.
import {
  compile,
  type FormSchema,
  formFields,
  type ProcessIR,
  type SimulationEvent,
  settingsProblems,
  simulate,
} from '@parvis/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedProcedures, readTexts, type ShippedProcedure } from './index.ts';

/** Start data and the end event each procedure's happy path reaches when every task is simply completed. */
const MAIN_PATH: Record<string, { variables: Record<string, unknown>; events?: SimulationEvent[]; end: string }> = {
  contact: {
    variables: { subject: 'Horaires', message: 'Ouvert le samedi ?', email: 'a@example.fr' },
    end: 'Answered',
  },
  signalement: {
    variables: { categorie: 'eclairage', address: '1 rue Haute', email: 'a@example.fr' },
    end: 'Signalement_Traite',
  },
  'etat-civil': { variables: { typeActe: 'naissance', nom: 'Durand', prenoms: 'Léa' }, end: 'Acte_Delivre' },
  creche: { variables: { prenomEnfant: 'Zoé', nomEnfant: 'Roux' }, end: 'Place_Confirmee' },
  'occupation-domaine-public': {
    variables: {
      typeOccupation: 'terrasse',
      surface: 10,
      dateDebut: '2026-05-01',
      dateFin: '2026-05-10',
      decision: 'approve',
    },
    end: 'Autorisation_Accordee',
  },
  subvention: { variables: { nomAssociation: 'Les Amis', montantDemande: 900 }, end: 'Subvention_Attribuee' },
  reclamation: { variables: { serviceConcerne: 'voirie', reponse: 'Réglé.' }, end: 'Close_Sans_Avis' },
  // the citizen's booking is a message: the run answers the step, the booking and the agent's task
  'carte-identite': {
    variables: { titre: 'cni', prenom: 'Léa', nom: 'Martin', email: 'a@example.fr' },
    events: [
      { type: 'jobCompleted', elementId: 'Inviter_RendezVous', variables: { appointmentInvitation: 'invitation-1' } },
      { type: 'messageReceived', messageName: 'rendez-vous', correlationKey: 'invitation-1', variables: {} },
      { type: 'taskCompleted', elementId: 'Recevoir', variables: { depot: 'depose' } },
    ],
    end: 'Dossier_Depose',
  },
};

const ids = (xml: string, pattern: RegExp) => [...xml.matchAll(pattern)].map((m) => m[1]!);
/** A text's variables, sorted; an English-only variable (`silenceMentionEn`) counts as its French one. */
const variables = (text: string) => [...new Set([...text.matchAll(/\{\{(\w+?)(?:En)?\}\}/g)].map((m) => m[1]!))].sort();

describe('shipped procedures', async () => {
  const procedures = await loadShippedProcedures();
  const compiled = new Map<string, ProcessIR>();

  beforeAll(async () => {
    for (const procedure of procedures) {
      const result = await compile(procedure.bpmn);
      if (result.ok) compiled.set(procedure.key, result.ir);
    }
  });

  it('refuses a texts.json with an unknown event or a text without body, naming the file', () => {
    expect(() => readTexts({ reminder: {} }, 'x/texts.json')).toThrow(/x\/texts.json: .*unknown event "reminder"/);
    expect(() => readTexts({ acknowledgement: { fr: { subject: 'Reçu' } } }, 'x/texts.json')).toThrow(
      /acknowledgement.fr needs a "subject" and a "body"/,
    );
    expect(() => readTexts({ acknowledgement: { de: { subject: 'a', body: 'b' } } }, 'x/texts.json')).toThrow(
      /language "de"/,
    );
  });

  it('ship the six procedures of a town hall besides contact', () => {
    expect(procedures.map((p) => p.key).sort()).toEqual(
      [
        'carte-identite',
        'contact',
        'creche',
        'etat-civil',
        'occupation-domaine-public',
        'reclamation',
        'signalement',
        'subvention',
      ].sort(),
    );
  });

  describe.each(procedures.map((p) => [p.key, p] as [string, ShippedProcedure]))('%s', (key, procedure) => {
    it('compiles with the engine, its Parvis settings valid', async () => {
      const result = await compile(procedure.bpmn);
      expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
      if (result.ok) expect(settingsProblems(result.ir)).toEqual([]);
    });

    it('has forms that load, with French labels, the citizen’s e-mail on the start form', () => {
      for (const [id, form] of Object.entries(procedure.forms)) {
        const schema = form as unknown as FormSchema & { id: string; schemaVersion: number };
        expect(schema.id).toBe(id);
        expect(schema.schemaVersion).toBe(18);
        const fields = formFields(schema);
        expect(fields.length, `${id} has no field`).toBeGreaterThan(0);
        for (const field of fields) expect(field.label, `${id}.${field.field} has no label`).toBeTruthy();
      }
      const start = compiled.get(key)?.startFormId;
      expect(start && procedure.forms[start]).toBeTruthy();
      const startFields = formFields(procedure.forms[start!] as unknown as FormSchema).map((f) => f.field);
      expect(startFields).toContain('email');
    });

    it('links only forms it ships', () => {
      const linked = ids(procedure.bpmn, /<zeebe:formDefinition formId="([^"]+)"/g);
      for (const formId of linked) expect(Object.keys(procedure.forms), `form ${formId}`).toContain(formId);
      expect(Object.keys(procedure.forms).filter((id) => !linked.includes(id))).toEqual([]);
    });

    it('is drawn: a shape for every element, an edge for every flow, for bpmn-js and Camunda Modeler', () => {
      const xml = procedure.bpmn;
      expect(xml).toContain('modeler:executionPlatform="Camunda Cloud"');
      const drawn = new Set(ids(xml, /bpmnElement="([^"]+)"/g));
      const nodes = ids(
        xml,
        /<bpmn:(?:startEvent|endEvent|intermediateCatchEvent|boundaryEvent|userTask|serviceTask|sendTask|scriptTask|receiveTask|exclusiveGateway|parallelGateway|eventBasedGateway) id="([^"]+)"/g,
      );
      const flows = ids(xml, /<bpmn:sequenceFlow id="([^"]+)"/g);
      for (const id of [...nodes, ...flows]) expect(drawn.has(id), `${id} is not drawn`).toBe(true);
    });

    it('reaches its main end when every task is simply completed', () => {
      const path = MAIN_PATH[key];
      expect(path, `no main path for ${key}`).toBeDefined();
      const run = simulate(compiled.get(key)!, { variables: path!.variables as never, events: path!.events });
      const ended = run.lines
        .filter((l) => 'action' in l && l.action === 'ended')
        .map((l) => (l as { elementId: string }).elementId);
      expect(run.outcome).toBe('completed');
      expect(ended).toContain(path!.end);
    });

    it('words each of its own notifications in French and in English, with the same variables', () => {
      for (const [event, byLanguage] of Object.entries(procedure.texts ?? {})) {
        expect(byLanguage?.fr, `${event}.fr`).toBeDefined();
        // Without its own English, a text would fall back to the default one, which says something else.
        expect(byLanguage?.en, `${event}.en`).toBeDefined();
        expect(byLanguage?.fr?.body).toContain('{{trackingCode}}');
        for (const part of ['subject', 'body'] as const) {
          expect(variables(byLanguage!.en![part]), `${event}.en.${part}`).toEqual(variables(byLanguage!.fr![part]));
        }
      }
    });

    it('writes each of its mails in its send task’s headers, filled in words, French then English with the same variables', () => {
      for (const [, id, task] of procedure.bpmn.matchAll(/<bpmn:sendTask id="([^"]+)"([\s\S]*?)<\/bpmn:sendTask>/g)) {
        const header = (name: string) =>
          new RegExp(`<zeebe:header key="${name}" value="([^"]*)"`).exec(task!)?.[1]?.replaceAll('&#10;', '\n');
        // a text joined in FEEL would carry raw values: option keys, ISO dates, bare numbers
        expect(task, `${id} builds its mail in FEEL`).not.toMatch(/target="(subject|body)"/);
        expect(header('subject'), `${id} subject`).toBeTruthy();
        expect(header('body'), `${id} body`).toMatch(/^Bonjour,/);
        expect(header('bodyEn'), `${id} bodyEn`).toMatch(/^Hello,/);
        expect(variables(header('bodyEn')!), `${id} bodyEn`).toEqual(variables(header('body')!));
      }
    });
  });
});
