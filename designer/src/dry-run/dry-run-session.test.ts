import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type ProcessIR } from '@parvis/engine';
import { describe, expect, it } from 'vitest';
import { DryRunSession } from './dry-run-session.ts';

const CONTACT = readFileSync(join(import.meta.dirname, '../../../processes/contact/contact.bpmn'), 'utf8');
const TITLE = { fr: 'Contacter la mairie', en: 'Contact the town hall' };

async function contact(properties: Record<string, string> = {}): Promise<ProcessIR> {
  const written = Object.entries(properties)
    .map(([name, value]) => `<zeebe:property name="${name}" value="${value.replace(/\n/g, '&#10;')}" />`)
    .join('');
  const xml = CONTACT.replace(
    '<bpmn:process id="contact" name="Contacter la mairie" isExecutable="true">',
    `$&<bpmn:extensionElements><zeebe:properties>${written}</zeebe:properties></bpmn:extensionElements>`,
  );
  const compiled = await compile(xml);
  if (!compiled.ok) throw new Error(`contact does not compile: ${JSON.stringify(compiled.errors)}`);
  return compiled.ir;
}

describe('DryRunSession: the analyst steps through a procedure', () => {
  it('stops at the first task, then follows the path to the end', async () => {
    // given a dry run of the contact procedure with sample data
    const run = new DryRunSession(await contact(), { email: 'lea@example.fr', subject: 'Horaires' });
    // then it waits for the answer task, for the accueil group, with its form
    expect(run.open).toEqual([
      expect.objectContaining({ elementId: 'Answer', kind: 'task', formId: 'contact-answer' }),
    ]);
    expect(run.notifications.map((n) => `${n.event} ${n.to}`)).toEqual([
      'acknowledgement lea@example.fr',
      'taskOpened accueil',
    ]);
    // when the analyst completes it
    run.answer(run.open[0]!.id, { answer: 'Ouvert le samedi.' });
    // then the run is over, along the path and flows drawn
    expect(run.status).toBe('completed');
    expect(run.path).toEqual(['Submitted', 'Answer', 'Answered']);
    expect(run.takenFlows().sort()).toEqual(['Flow_ToAnswer', 'Flow_ToEnd']);
    expect(run.variables.answer).toBe('Ouvert le samedi.');
  });

  it('shows the analyst’s own texts in French and English, filled from the sample data', async () => {
    // given a procedure with a 5-day SLA and its own acknowledgement texts
    const ir = await contact({
      'sla.businessDays': '5',
      'texts.acknowledgement.fr.subject': '{{procedure}} : demande {{trackingCode}} bien reçue',
      'texts.acknowledgement.fr.body': 'Bonjour,\nRéponse au plus tard le {{dueDate}}.\nSuivi : {{trackingUrl}}',
      'texts.acknowledgement.en.subject': 'Request {{trackingCode}} received',
      'texts.acknowledgement.en.body': 'Hello,\nAnswer by {{dueDate}}.',
    });
    // when the analyst starts a dry run on Monday 5 January 2026, 10:00 in Paris
    const run = new DryRunSession(ir, { email: 'lea@example.fr' }, '2026-01-05T09:00:00.000Z', { title: TITLE });
    // then the acknowledgement shows their words, with the title, a tracking code and the deadline
    // (end of the fifth business day, in the words the notify activity writes) filled
    const [acknowledgement, taskOpened] = run.notifications;
    expect(acknowledgement).toMatchObject({
      event: 'acknowledgement',
      to: 'lea@example.fr',
      at: '2026-01-05T09:00:00.000Z',
      fr: {
        subject: 'Contacter la mairie : demande XXXX-XXXX-XXXX bien reçue',
        body: 'Bonjour,\nRéponse au plus tard le 12 janvier 2026 à 23:59.\nSuivi : https://parvis.example/suivi/XXXX-XXXX-XXXX',
      },
      en: { subject: 'Request XXXX-XXXX-XXXX received', body: 'Hello,\nAnswer by 12 January 2026 at 23:59.' },
    });
    // and an event without texts of its own keeps Parvis's default words, filled the same way
    expect(taskOpened?.fr.subject).toBe('Nouvelle tâche « Répondre » — Contacter la mairie — XXXX-XXXX-XXXX');
    expect(taskOpened?.en.subject).toBe('New task "Répondre" — XXXX-XXXX-XXXX');
  });

  it('lists reminders, breach and implicit decision as scheduled, with when they would go out', async () => {
    // given a procedure with a 5-day SLA, reminded at half time, and silence worth acceptance after 2 months
    const ir = await contact({ 'sla.businessDays': '5', 'sla.atRiskRatio': '0.5', silence: 'acceptance' });
    const run = new DryRunSession(ir, { email: 'lea@example.fr' }, '2026-01-05T09:00:00.000Z', { title: TITLE });
    // then nothing of them is sent at start: they are scheduled, in time order, to whom they concern —
    // the reminder halfway to the deadline, the breach at its end, the decision on 5 March in Paris
    expect(run.notifications.map((n) => n.event)).toEqual(['acknowledgement', 'taskOpened']);
    expect(run.scheduled.map((n) => `${n.event} ${n.at} ${n.to}`)).toEqual([
      'slaReminder 2026-01-09T04:00:00.000Z accueil',
      'slaBreached 2026-01-12T22:59:59.999Z responsables de / managers of accueil',
      'implicitDecision 2026-03-04T23:00:00.000Z lea@example.fr',
    ]);
    expect(run.scheduled[2]?.fr.subject).toBe('Votre demande XXXX-XXXX-XXXX : décision implicite d’acceptation');
    // and once the request is answered, none of them would go out: only its followers, if any, hear it is closed
    run.answer(run.open[0]!.id, { answer: 'Ouvert le samedi.' });
    expect(run.scheduled).toEqual([]);
    expect(run.notifications.map((n) => `${n.event} ${n.to}`)).toEqual([
      'acknowledgement lea@example.fr',
      'taskOpened accueil',
      'requestClosed abonnés / followers',
    ]);
  });
});
