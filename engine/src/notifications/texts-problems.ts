// Sandbox-safe: whether a procedure's notification texts (texts.json, or what the designer writes)
// can fill Parvis's notifications: known events, French or English, a subject and a body each.

import type { ModelProblem } from '../runtime/types.ts';
import { NOTIFICATION_EVENTS } from './templates.ts';

const problem = (what: string, quoi: string): ModelProblem => ({
  code: 'TEXTS_INVALID',
  message: `Notification texts: ${what}.`,
  messageFr: `Textes des notifications : ${quoi}.`,
});

/** What is wrong with a version's notification texts, each problem naming the event and language. */
export function textsProblems(texts: unknown): ModelProblem[] {
  if (!texts || typeof texts !== 'object' || Array.isArray(texts))
    return [problem('must be an object of events', 'un objet par événement est attendu')];
  const problems: ModelProblem[] = [];
  for (const [event, byLanguage] of Object.entries(texts as Record<string, unknown>)) {
    if (!(NOTIFICATION_EVENTS as readonly string[]).includes(event)) {
      problems.push(
        problem(
          `unknown event "${event}"; use one of ${NOTIFICATION_EVENTS.join(', ')}`,
          `événement inconnu « ${event} » ; utilisez l’un de ${NOTIFICATION_EVENTS.join(', ')}`,
        ),
      );
      continue;
    }
    if (!byLanguage || typeof byLanguage !== 'object' || Array.isArray(byLanguage)) {
      problems.push(
        problem(
          `${event} must be an object by language (fr, en)`,
          `${event} : un objet par langue (fr, en) est attendu`,
        ),
      );
      continue;
    }
    for (const [language, text] of Object.entries(byLanguage as Record<string, unknown>)) {
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
            `${event}.${language} needs a "subject" and a "body" (strings)`,
            `${event}.${language} demande un objet et un corps`,
          ),
        );
    }
  }
  return problems;
}
