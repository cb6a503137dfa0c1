import { describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { procedureScenario } from './procedure-story.ts';

const report = (categorie: string, email: string) => ({
  categorie,
  message: 'Le problème gêne les piétons depuis plusieurs jours.',
  address: '12 rue de la Gare',
  latitude: 48.8566,
  longitude: 2.3522,
  email,
});

describe('signalement: a report in a public space, routed by category, the citizen told when fixed', () => {
  const story = procedureScenario('signalement');

  it('routes a pothole to the roads team, which fixes it; the citizen is told, the request closes', async () => {
    // given a citizen reporting a pothole with its place (photos are uploaded first: test/integration/files-upload.test.ts)
    const code = await story.submit(report('chaussee', 'ana@example.fr'));

    // then they get the procedure's own acknowledgement, with the 5-business-day deadline
    const ack = await story.mail('ana@example.fr', `Signalement enregistré — ${code}`);
    expect(ack.text).toContain('Intervention prévue au plus tard le : ');

    // and the roads team, only it, gets the task
    const task = await story.task('voirie', code, 'Intervenir sur la voirie');
    expect(task.candidateGroups).toEqual(['voirie']);
    const told = await story.mail(
      'voirie@demoville.fr',
      `Intervention à prévoir « Intervenir sur la voirie » — ${code}`,
    );
    // in French, then in the procedure's own English
    expect(told.text).toContain(`A report is waiting for your team (voirie): ${code}.`);
    expect(await story.hasTask('proprete', code, 'Nettoyer')).toBe(false);

    // when the roads team fixes it
    await story.complete('voirie', code, 'Intervenir sur la voirie', {
      resolution: 'repare',
      commentaireIntervention: 'Nid-de-poule rebouché à l’enrobé à froid.',
      dateIntervention: '2026-03-02',
    });

    // then the citizen is told it is fixed, in words: the category's and outcome's labels, the place, the date
    const fixed = await story.mail('ana@example.fr', `Votre signalement ${code} : Réparé ou nettoyé`);
    expect(fixed.text).toContain('Problème signalé : Nid-de-poule, chaussée ou trottoir abîmé');
    expect(fixed.text).toContain('Lieu : 12 rue de la Gare');
    expect(fixed.text).toContain("Date de l'intervention : 2 mars 2026");
    expect(fixed.text).toContain('Nid-de-poule rebouché');
    // in French, then in English after the separator line, with English dates
    expect(englishPart(fixed.text)).toContain('Place: 12 rue de la Gare');
    expect(englishPart(fixed.text)).toContain('Date of the work: 2 March 2026');
    const tracked = await story.closed(code, 'ana@example.fr');
    expect(tracked.timeline.map((e) => e.kind)).toEqual([
      'submitted',
      'taskOpened',
      'acknowledged',
      'notified',
      'taskCompleted',
      'closed',
    ]);
  });

  it('routes a broken street light to lighting and a tag to cleaning; a report with nothing to do is answered so', async () => {
    // given two reports of other categories, one placed by its coordinates only
    // (as a phone call or an Open311 client sends it)
    const light = await story.submit({ ...report('eclairage', 'bruno@example.fr'), address: '' });
    const tag = await story.submit(report('tag', 'chloe@example.fr'));

    // then each goes to its own team
    await story.task('eclairage', light, "Réparer l'éclairage");
    await story.task('proprete', tag, 'Nettoyer');
    expect(await story.hasTask('voirie', light, 'Intervenir sur la voirie')).toBe(false);

    // when lighting finds nothing to do
    await story.complete('eclairage', light, "Réparer l'éclairage", {
      resolution: 'non-fonde',
      commentaireIntervention: 'Le lampadaire fonctionne : il s’allume à la tombée de la nuit.',
    });

    // then the citizen is told so, not that it was fixed
    const answered = await story.mail('bruno@example.fr', `Votre signalement ${light} : Rien à faire sur place`);
    // the place given only on the map, in words rather than raw coordinates
    expect(answered.text).toContain('Lieu : près de 48,8566° N, 2,3522° E');
    expect(englishPart(answered.text)).toContain('Place: near 48.8566° N, 2.3522° E');
    await story.closed(light, 'bruno@example.fr');
    expect(story.mailsTo('bruno@example.fr').some((m) => m.subject.includes('Réparé'))).toBe(false);
  });

  it('reminds the team and alerts the head of technical services when 5 business days pass', async () => {
    // given a report filed while time runs a million times faster
    const code = await story.submitInFastTime(report('depot-sauvage', 'dora@example.fr'));

    // then the cleaning team is reminded, and its head alerted at the breach
    await story.timelineEvent(code, 'slaBreached', { clock: 'request' });
    const reminder = await story.mail('proprete@demoville.fr', `Rappel : la demande ${code}`);
    expect(reminder.text).toContain('Nettoyer');
    const alert = await story.mail('technique@demoville.fr', `Délai dépassé : demande ${code}`);
    expect(alert.to).toEqual(['technique@demoville.fr']);
    expect((await story.row(code)).sla_state).toBe('breached');

    // and the team can still close it late
    await story.complete('proprete', code, 'Nettoyer', {
      resolution: 'repare',
      commentaireIntervention: 'Dépôt enlevé, contrevenant identifié.',
    });
    await story.closed(code, 'dora@example.fr');
  });
});
