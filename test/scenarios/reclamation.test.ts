import { describe, expect, it, onTestFinished } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { rawValues } from '../support/raw-values.ts';
import { procedureScenario } from './procedure-story.ts';

const complaint = (email: string) => ({
  objetReclamation: 'voirie',
  dateFaits: '2026-02-10',
  description: 'Le trou signalé devant l’école il y a un mois n’est toujours pas rebouché.',
  demandeAttendue: 'Une intervention avant la rentrée.',
  email,
});

/** The day in Paris, `days` from now, as `YYYY-MM-DD`. */
const parisDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));

/** No mail to the citizen shows a value as the workflow holds it (an ISO date, an option key). */
const inWords = (story: ReturnType<typeof procedureScenario>, email: string) =>
  story.mailsTo(email).flatMap((mail) => rawValues(`${mail.subject}\n${mail.text}`, ['hors-competence', 'recevable']));

const TRIAGE = 'Qualifier la réclamation';
const ANSWER = 'Traiter la réclamation';
const ESCALATION = 'Arbitrer la réclamation en retard';

describe('reclamation: a complaint triaged, answered by its service, escalated when late, its satisfaction asked', () => {
  const story = procedureScenario('reclamation');

  it('is triaged to the roads service, answered, and closed once the citizen says whether they are satisfied', async () => {
    // given a complaint about roads
    const code = await story.submit(complaint('marc@example.fr'));
    await story.mail('marc@example.fr', `Réclamation reçue — ${code}`);

    // when reception sends it to the roads service, which answers
    await story.complete('accueil', code, TRIAGE, { recevabilite: 'recevable', serviceConcerne: 'voirie' });
    const task = await story.task('voirie', code, ANSWER);
    expect(task.candidateGroups).toEqual(['voirie']);
    await story.complete('voirie', code, ANSWER, {
      reponse: 'Le trou a été rebouché le 12 février ; veuillez nous excuser pour ce délai.',
      mesuresPrises: 'Tournée de contrôle hebdomadaire devant les écoles.',
    });

    // then the citizen gets the answer and the satisfaction question, while the clock waits for them
    const answer = await story.mail('marc@example.fr', 'Réponse à votre réclamation');
    expect(answer.text).toContain('Le trou a été rebouché le 12 février');
    expect(answer.text).toContain('Êtes-vous satisfait de cette réponse ?');
    // in French, then in English after the separator line
    expect(englishPart(answer.text)).toContain('Are you happy with this answer?');
    expect(answer.text).not.toContain('Tournée de contrôle');
    await story.timelineEvent(code, 'slaPaused');

    // when they answer the question, the complaint closes
    await story.deliver(code, 'satisfaction', { satisfaction: 'satisfait' }, 'marc@example.fr');
    const tracked = await story.closed(code, 'marc@example.fr');
    expect(tracked.timeline.map((e) => e.kind)).toContain('messageReceived');
    expect(tracked.timeline.some((e) => e.kind === 'taskOpened' && e.payload.name === ESCALATION)).toBe(false);
    expect(inWords(story, 'marc@example.fr')).toEqual([]);
  });

  it('tells the citizen which body to turn to when the complaint is not the town hall’s', async () => {
    const code = await story.submit({ ...complaint('julie@example.fr'), objetReclamation: 'autre' });
    await story.complete('accueil', code, TRIAGE, {
      recevabilite: 'hors-competence',
      orientation: 'Les transports scolaires relèvent de la région : contactez Mobilité Région au 09 70 00 00 00.',
    });
    const redirected = await story.mail('julie@example.fr', "relève d'un autre organisme");
    expect(redirected.text).toContain('Mobilité Région');
    expect(englishPart(redirected.text)).toContain(
      'Your complaint is not a matter for the town hall. Les transports scolaires',
    );
    await story.closed(code, 'julie@example.fr');
    expect(inWords(story, 'julie@example.fr')).toEqual([]);
  });

  it('escalates to the management after 10 business days without an answer, closed days not counted; the service still answers; no reply closes it', async () => {
    // given the town hall closed for the coming fortnight, and a complaint filed while days pass in a blink
    const closures = Array.from({ length: 14 }, (_, day) => parisDay(day + 1));
    for (const day of closures)
      await story.parvis.sql`insert into municipality_closures (municipality_id, day, reason)
        values ('demo', ${day}, 'fermeture estivale') on conflict do nothing`;
    onTestFinished(async () => {
      await story.parvis
        .sql`delete from municipality_closures where municipality_id = 'demo' and reason = 'fermeture estivale'`;
    });
    const code = await story.submitInFastTime(complaint('sami@example.fr'));
    await story.complete('accueil', code, TRIAGE, { recevabilite: 'recevable', serviceConcerne: 'voirie' });

    // when the roads service does not answer, it is reminded, its head alerted, and the management seized
    const escalation = await story.task('dgs', code, ESCALATION);
    expect(escalation.candidateGroups).toEqual(['direction']);
    const reminder = await story.mail('voirie@demoville.fr', `Réclamation ${code} : réponse attendue avant le`);
    // in French, then in the procedure's own English
    expect(reminder.text).toContain(`Complaint ${code} is still waiting for your department's answer.`);
    await story.mail('technique@demoville.fr', `Délai dépassé : demande ${code}`);
    await story.mail('dgs@demoville.fr', `Nouvelle tâche « ${ESCALATION} »`);

    // and it was seized when the service's 10 business days ran out, after the closed fortnight: the
    // service was reminded first (at 75 % of them), not seized 14 calendar days on, amid the closure
    const timeline = await story.timeline(code);
    const answerKey = timeline.find((e) => e.kind === 'taskOpened' && e.payload.name === ANSWER)?.payload.taskKey;
    const reminded = timeline.findIndex((e) => e.kind === 'slaAtRisk' && e.payload.clock === `task:${answerKey}`);
    const seized = timeline.findIndex((e) => e.kind === 'taskOpened' && e.payload.name === ESCALATION);
    expect(reminded).toBeGreaterThan(-1);
    expect(seized).toBeGreaterThan(reminded);
    const breached = await story.timelineEvent(code, 'slaBreached', { clock: `task:${answerKey}` });
    expect(String(breached.payload.dueAt).slice(0, 10) > closures.at(-1)!).toBe(true);

    // and the service keeps its task: the escalation did not take it away
    expect(await story.hasTask('voirie', code, ANSWER)).toBe(true);
    await story.complete('dgs', code, ESCALATION, { consigne: 'Répondre sous 48 h et me mettre en copie.' });
    await story.complete('voirie', code, ANSWER, { reponse: 'Une équipe interviendra lundi matin devant l’école.' });

    // then, the citizen not answering the satisfaction question, the complaint closes after 15 days
    await story.mail('sami@example.fr', 'Réponse à votre réclamation');
    const tracked = await story.closed(code, 'sami@example.fr', 30_000);
    const completed = tracked.timeline.filter((e) => e.kind === 'taskCompleted').map((e) => e.payload.name);
    expect(completed).toEqual([TRIAGE, ESCALATION, ANSWER]);
    expect(tracked.timeline.map((e) => e.kind)).not.toContain('messageReceived');
    expect(inWords(story, 'sami@example.fr')).toEqual([]);
  });
});
