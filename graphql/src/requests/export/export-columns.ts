import type { Lang } from '../../documents/dates.ts';
import type { OdsCell } from './ods-writer.ts';

// The columns of the request list's export (CSV and ODS alike), their headings and the words of
// their values in each language: a spreadsheet reads "Courrier postal" and "En retard", not codes.

/** One exported request, as export-rows.ts reads it (dates already in the town's local time). */
export interface ExportRow {
  tracking_code: string;
  procedure_title: string;
  channel: string;
  status: string;
  submitted_at: string;
  due_at: string | null;
  sla_state: string;
  closed_at: string | null;
  held_by: string | null;
  groups: string | null;
  place_latitude: number | null;
  place_longitude: number | null;
}

type Words = Record<string, { fr: string; en: string }>;

/** A request's channel as people read it (the request export, a person's data export). */
export const CHANNELS: Words = {
  web: { fr: 'Internet', en: 'Web' },
  open311: { fr: 'Application (Open311)', en: 'App (Open311)' },
  counter: { fr: 'Guichet', en: 'Counter' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  post: { fr: 'Courrier postal', en: 'Post' },
  fax: { fr: 'Fax', en: 'Fax' },
  email: { fr: 'Courriel', en: 'E-mail' },
  sms: { fr: 'SMS', en: 'SMS' },
};
/** A request's status as people read it (the request export, a person's data export). */
export const STATUSES: Words = {
  submitted: { fr: 'Reçue', en: 'Received' },
  inProgress: { fr: 'En cours de traitement', en: 'In progress' },
  closed: { fr: 'Close', en: 'Closed' },
  failed: { fr: 'Interrompue', en: 'Stopped' },
};
const SLA_STATES: Words = {
  onTime: { fr: 'Dans les délais', en: 'On time' },
  atRisk: { fr: 'En risque', en: 'At risk' },
  breached: { fr: 'En retard', en: 'Late' },
  paused: { fr: 'Délai suspendu', en: 'Deadline paused' },
};
const word = (words: Words, key: string, lang: Lang) => words[key]?.[lang] ?? key;

type Kind = 'text' | 'date' | 'number';

const COLUMNS: {
  heading: { fr: string; en: string };
  kind: Kind;
  value: (row: ExportRow, lang: Lang) => string | number | null;
}[] = [
  { heading: { fr: 'Code de suivi', en: 'Tracking code' }, kind: 'text', value: (r) => r.tracking_code },
  { heading: { fr: 'Démarche', en: 'Procedure' }, kind: 'text', value: (r) => r.procedure_title },
  { heading: { fr: 'Canal', en: 'Channel' }, kind: 'text', value: (r, lang) => word(CHANNELS, r.channel, lang) },
  { heading: { fr: 'Statut', en: 'Status' }, kind: 'text', value: (r, lang) => word(STATUSES, r.status, lang) },
  { heading: { fr: 'Déposée le', en: 'Submitted' }, kind: 'date', value: (r) => r.submitted_at },
  { heading: { fr: 'Échéance', en: 'Deadline' }, kind: 'date', value: (r) => r.due_at },
  {
    heading: { fr: 'Délai', en: 'Deadline state' },
    kind: 'text',
    value: (r, lang) => word(SLA_STATES, r.sla_state, lang),
  },
  { heading: { fr: 'Close le', en: 'Closed' }, kind: 'date', value: (r) => r.closed_at },
  { heading: { fr: 'Tenue par', en: 'Held by' }, kind: 'text', value: (r) => r.held_by },
  { heading: { fr: 'Groupes', en: 'Groups' }, kind: 'text', value: (r) => r.groups },
  { heading: { fr: 'Latitude', en: 'Latitude' }, kind: 'number', value: (r) => r.place_latitude },
  { heading: { fr: 'Longitude', en: 'Longitude' }, kind: 'number', value: (r) => r.place_longitude },
];

export const COLUMN_COUNT = COLUMNS.length;

/** The heading row in a language. */
export const headings = (lang: Lang) => COLUMNS.map((column) => column.heading[lang]);

/** A request's cells for CSV: words and numbers, dates as `YYYY-MM-DD HH:MM`. */
export const csvCells = (row: ExportRow, lang: Lang) =>
  COLUMNS.map((column) => {
    const value = column.value(row, lang);
    return column.kind === 'date' && typeof value === 'string' ? value.slice(0, 16).replace('T', ' ') : value;
  });

/** A request's cells for ODS: dates as date cells, numbers as numbers. */
export const odsCells = (row: ExportRow, lang: Lang): OdsCell[] =>
  COLUMNS.map((column) => {
    const value = column.value(row, lang);
    return column.kind === 'date' && typeof value === 'string' ? { dateTime: value } : value;
  });
