import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import type { RequestRow } from '../requests/repository.ts';

/** The longest message, question or answer: a long letter. */
export const MESSAGE_MAX_CHARS = 5_000;
/** Files one message may carry. */
export const MESSAGE_MAX_FILES = 10;

/** A message's text, trimmed, or BAD_USER_INPUT naming the field when it is empty or longer than a letter. */
export function checkedText(text: string, field = 'text', min = 1): string {
  const trimmed = text.trim();
  if (trimmed.length < min || trimmed.length > MESSAGE_MAX_CHARS) {
    throw userError(
      'BAD_USER_INPUT',
      trimmed.length < min
        ? `Écrivez votre message (au moins ${min} caractère${min > 1 ? 's' : ''}). / Write your message (at least ${min} character${min > 1 ? 's' : ''}).`
        : `Le message fait ${trimmed.length.toLocaleString('fr-FR')} caractères, ${MESSAGE_MAX_CHARS.toLocaleString('fr-FR')} au plus : raccourcissez-le, ou joignez un document. / The message is ${trimmed.length.toLocaleString('en-GB')} characters long, ${MESSAGE_MAX_CHARS.toLocaleString('en-GB')} at most: shorten it, or attach a document.`,
      { field },
    );
  }
  return trimmed;
}

/** At most MESSAGE_MAX_FILES files, each once. */
export function checkedFiles(ids: readonly string[] | null | undefined): string[] {
  const unique = [...new Set(ids ?? [])];
  if (unique.length > MESSAGE_MAX_FILES) {
    throw userError(
      'BAD_USER_INPUT',
      `Un message emporte ${MESSAGE_MAX_FILES} fichiers au plus : envoyez les autres dans un second message. / A message carries ${MESSAGE_MAX_FILES} files at most: send the others in a second message.`,
      { field: 'files' },
    );
  }
  return unique;
}

/**
 * A closed request takes no more words from its citizen: they are told since when, and how to ask
 * something new (a new request). Agents may still inform them (see write.ts).
 */
export async function requestClosed(db: Db, request: RequestRow, publicUrl: string) {
  const [town] = await db<
    { time_zone: string }[]
  >`select time_zone from municipalities where id = ${request.municipality_id}`;
  const day = (locale: string) =>
    request.closed_at
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: town?.time_zone ?? 'Europe/Paris' }).format(
          request.closed_at,
        )
      : '';
  return userError(
    'REQUEST_CLOSED',
    `La demande ${request.tracking_code} est close${request.closed_at ? ` depuis le ${day('fr-FR')}` : ''} : elle ne reçoit plus de messages. Pour une nouvelle question ou un nouveau besoin, déposez une nouvelle demande depuis la liste des démarches (${publicUrl}/). / Request ${request.tracking_code} was closed${request.closed_at ? ` on ${day('en-GB')}` : ''}: it takes no more messages. For a new question or need, file a new request from the list of procedures (${publicUrl}/).`,
    { trackingCode: request.tracking_code },
  );
}

/** A question or correction answered already (another tab, a second click): the answer is not taken twice. */
export function alreadyAnswered(at?: Date) {
  const when = at
    ? { fr: ` le ${at.toLocaleDateString('fr-FR')}`, en: ` on ${at.toLocaleDateString('en-GB')}` }
    : { fr: '', en: '' };
  return userError(
    'ALREADY_ANSWERED',
    `Cette question a déjà reçu votre réponse${when.fr} : rechargez la page pour la lire. Pour ajouter quelque chose, écrivez un nouveau message. / This question was already answered${when.en}: reload the page to read it. To add something, write a new message.`,
  );
}

/** Whether a PostgreSQL error is the one-answer-per-question index refusing a second answer. */
export const isSecondAnswer = (error: unknown) =>
  (error as { code?: string; constraint_name?: string }).code === '23505' &&
  (error as { constraint_name?: string }).constraint_name === 'conversation_messages_one_answer';
