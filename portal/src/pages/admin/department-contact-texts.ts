// Words of a department's contact form (CRPA art. R112-5: the acknowledgement names the service in
// charge and how to reach it), French first, English second.
import type { Lang } from '../../composables/useI18n.ts';

const fr = {
  legend: 'Pour joindre le service {name}',
  hint: 'L’accusé de réception des demandes que traite ce service donne ces coordonnées ; laissées vides, ce sont celles de la commune.',
  postalAddress: 'Adresse postale',
  phone: 'Téléphone',
  email: 'Adresse e-mail',
  save: 'Enregistrer les coordonnées',
  saved: 'Coordonnées du service {name} enregistrées.',
};

const en: Record<keyof typeof fr, string> = {
  legend: 'How to reach {name}',
  hint: 'The acknowledgement of the requests this department handles gives these details; left empty, the town’s are given.',
  postalAddress: 'Postal address',
  phone: 'Phone',
  email: 'E-mail address',
  save: 'Save the contact details',
  saved: 'Contact details of {name} saved.',
};

export type DepartmentContactText = keyof typeof fr;

/** A text of the department contact form in the language asked, with `{name}` filled. */
export function departmentContactText(lang: Lang, key: DepartmentContactText, params: Record<string, string> = {}) {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
