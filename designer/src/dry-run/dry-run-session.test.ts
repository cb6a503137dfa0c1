import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type ProcessIR } from '@parvis/engine';
import { describe, expect, it } from 'vitest';
import { DryRunSession } from './dry-run-session.ts';

const CONTACT = readFileSync(join(import.meta.dirname, '../../../processes/contact/contact.bpmn'), 'utf8');

async function contact(): Promise<ProcessIR> {
  const compiled = await compile(CONTACT);
  if (!compiled.ok) throw new Error('contact does not compile');
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
});
