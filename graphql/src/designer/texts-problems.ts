import type { ModelProblem } from '@parvis/engine';

/** Events whose notification texts a procedure may word its own way (see workers' notification templates). */
export const NOTIFICATION_EVENTS = [
  'acknowledgement',
  'taskOpened',
  'slaReminder',
  'slaBreached',
  'implicitDecision',
  'mergedInto',
  'requestClosed',
];

/** What is wrong with a version's notification texts: known events, fr/en, a subject and a body each. */
export function textsProblems(texts: unknown): ModelProblem[] {
  const problem = (what: string, quoi: string): ModelProblem => ({
    code: 'TEXTS_INVALID',
    message: `Notification texts: ${what}.`,
    messageFr: `Textes des notifications : ${quoi}.`,
  });
  if (!texts || typeof texts !== 'object' || Array.isArray(texts))
    return [problem('must be an object of events', 'un objet par événement est attendu')];
  const problems: ModelProblem[] = [];
  for (const [event, byLanguage] of Object.entries(texts as Record<string, unknown>)) {
    if (!NOTIFICATION_EVENTS.includes(event)) {
      problems.push(problem(`unknown event "${event}"`, `événement inconnu « ${event} »`));
      continue;
    }
    for (const [language, text] of Object.entries((byLanguage ?? {}) as Record<string, unknown>)) {
      const { subject, body } = (text ?? {}) as { subject?: unknown; body?: unknown };
      if (language !== 'fr' && language !== 'en')
        problems.push(
          problem(
            `${event}: language "${language}" is neither fr nor en`,
            `${event} : langue « ${language} » inconnue`,
          ),
        );
      else if (typeof subject !== 'string' || typeof body !== 'string' || !subject.trim() || !body.trim())
        problems.push(
          problem(
            `${event}.${language} needs a subject and a body`,
            `${event}.${language} demande un objet et un corps`,
          ),
        );
    }
  }
  return problems;
}
