// Sandbox-safe: the reply and letter templates staff write (canned replies, closing replies, letters
// to print), filled with one request's values in each language. Same `{{name}}` syntax and filling
// as the notifications (templates.ts), so the API's preview and the workers' mail say the same.
import {
  dateInWords,
  type FormComponent,
  fieldByKey,
  formFields,
  valueInWords,
  type WordsLanguage,
} from '../forms/index.ts';
import { fillTemplate, type MessageText, templateVariableNames } from './templates.ts';

/** A template's wording: French first; English optional (empty: the message is in French only). */
export interface ReplyTemplateText {
  subjectFr: string;
  bodyFr: string;
  subjectEn: string;
  bodyEn: string;
}

/** What one request gives a template, in values; the clock and the addresses come from the caller. */
export interface RequestFacts {
  trackingCode: string;
  procedureTitle: { fr: string; en: string };
  /** « Mme Martin », « Jeanne Durand »; empty when unknown. */
  citizenName: string;
  /** ISO instants */
  submittedAt: string;
  today: string;
  municipality: string;
  timeZone: string;
  trackingUrl: string;
  /** The request's form data and the start form it was filed with: fields are named by key. */
  data: Record<string, unknown>;
  form?: { components: FormComponent[] };
}

/** The variables every request gives, with what each says (for the editors' help). */
export const REQUEST_VARIABLES: Record<string, { fr: string; en: string }> = {
  trackingCode: { fr: 'le numéro de suivi', en: 'the tracking code' },
  procedureTitle: { fr: 'le titre de la démarche', en: 'the title of the procedure' },
  citizenName: { fr: 'le nom de l’habitant', en: 'the citizen’s name' },
  submittedAt: { fr: 'la date de dépôt, en toutes lettres', en: 'the date it was filed, in words' },
  today: { fr: 'la date du jour, en toutes lettres', en: 'today’s date, in words' },
  municipality: { fr: 'le nom de la mairie', en: 'the town hall’s name' },
  trackingUrl: { fr: 'le lien de suivi de la demande', en: 'the link to follow the request' },
};

/**
 * The form fields a template may name: those of the start form whose key is a plain name (not in a
 * group's path or a list), files apart. A built-in variable of the same name wins over a field.
 */
export function templateFieldKeys(form: { components: FormComponent[] } | undefined): string[] {
  if (!form) return [];
  return formFields(form)
    .filter((field) => field.type !== 'filepicker')
    .map((field) => field.field)
    .filter((key) => /^\w+$/.test(key) && !(key in REQUEST_VARIABLES));
}

/** Variables the template names that are neither a request's nor one of these form fields, each once. */
export function unknownTemplateVariables(text: ReplyTemplateText, fieldKeys: string[]): string[] {
  const known = new Set([...Object.keys(REQUEST_VARIABLES), ...fieldKeys]);
  const named = templateVariableNames([text.subjectFr, text.bodyFr, text.subjectEn, text.bodyEn].join('\n'));
  return named.filter((name) => !known.has(name));
}

/** The template in French, and in English when it has English words; each language gets its own dates and words. */
export function renderReplyTemplate(
  text: ReplyTemplateText,
  facts: RequestFacts,
): { fr: MessageText; en: MessageText | null } {
  const filled = (subject: string, body: string, lang: WordsLanguage) => {
    const values = templateValues(facts, lang);
    return { subject: fillTemplate(subject, values).trim(), body: fillTemplate(body, values).trim() };
  };
  return {
    fr: filled(text.subjectFr, text.bodyFr, 'fr'),
    en: text.bodyEn.trim() ? filled(text.subjectEn || text.subjectFr, text.bodyEn, 'en') : null,
  };
}

/** One message from a rendered template: French, then English after a rule when there is English. */
export function replyTemplateMessage(rendered: { fr: MessageText; en: MessageText | null }): string {
  return rendered.en ? `${rendered.fr.body}\n\n---\n\n${rendered.en.body}` : rendered.fr.body;
}

/** The request's values in one language: dates in words, options by their labels (forms/words.ts). */
function templateValues(facts: RequestFacts, lang: WordsLanguage): Record<string, string> {
  const fields = Object.fromEntries(
    templateFieldKeys(facts.form).map((key) => [
      key,
      valueInWords(facts.data[key], fieldByKey([facts.form], key), lang, facts.timeZone),
    ]),
  );
  return {
    ...fields,
    trackingCode: facts.trackingCode,
    procedureTitle: facts.procedureTitle[lang],
    citizenName: facts.citizenName,
    submittedAt: dateInWords(facts.submittedAt, lang, facts.timeZone),
    today: dateInWords(facts.today, lang, facts.timeZone),
    municipality: facts.municipality,
    trackingUrl: facts.trackingUrl,
  };
}
