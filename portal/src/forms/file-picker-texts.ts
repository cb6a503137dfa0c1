// Words of the form's file fields, French first, English second.

import { intlLocale, type Lang } from '../composables/useI18n.ts';

const fr = {
  choose: 'Choisir un fichier',
  chooseMany: 'Choisir des fichiers (jusqu’à {max})',
  attached: 'Fichiers joints',
  remove: 'Retirer',
  removeNamed: 'Retirer « {name} »',
  sending: 'Envoi de « {name} » : {percent} %',
  refused: '« {name} » n’a pas été joint : {reason}',
  offline: 'l’envoi a échoué ; vérifiez votre connexion et réessayez.',
  tooMany: 'Vous pouvez joindre au plus {max} fichiers ici.',
  unavailable: 'Les fichiers ne peuvent pas être joints à ce formulaire.',
  unknownName: 'Fichier joint',
  sentFiles: 'Fichiers envoyés',
  waiting: 'Envoi des fichiers en cours…',
  download: 'Télécharger « {name} »',
  kb: '{size} ko',
  mb: '{size} Mo',
};

export type FilePickerText = keyof typeof fr;

const en: Record<FilePickerText, string> = {
  choose: 'Choose a file',
  chooseMany: 'Choose files (up to {max})',
  attached: 'Attached files',
  remove: 'Remove',
  removeNamed: 'Remove "{name}"',
  sending: 'Uploading "{name}": {percent}%',
  refused: '"{name}" was not attached: {reason}',
  offline: 'the upload failed; check your connection and try again.',
  tooMany: 'You can attach at most {max} files here.',
  unavailable: 'Files cannot be attached to this form.',
  unknownName: 'Attached file',
  sentFiles: 'Files sent',
  waiting: 'Uploading the files…',
  download: 'Download "{name}"',
  kb: '{size} KB',
  mb: '{size} MB',
};

export function filePickerText(lang: Lang, key: FilePickerText, params: Record<string, string | number> = {}): string {
  return (lang === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The server words its refusals `français / English`: the half in the reader's language. */
export function serverWords(message: string, lang: Lang): string {
  const [french, ...english] = message.split(' / ');
  return lang === 'en' && english.length ? english.join(' / ') : (french ?? message);
}

export function sizeText(lang: Lang, bytes: number): string {
  const format = (n: number) => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 1 }).format(n);
  return bytes >= 1024 * 1024
    ? filePickerText(lang, 'mb', { size: format(bytes / 1024 / 1024) })
    : filePickerText(lang, 'kb', { size: format(Math.max(1, Math.round(bytes / 1024))) });
}
