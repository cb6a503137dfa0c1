// Sandbox-safe: the value of a filepicker field. In Parvis it is the list of the ids the upload
// endpoint returned for the files the citizen chose (form-js's own `files::…` key only lives in
// the browser); the API then checks each id is an upload of this municipality for this field.
import { type FieldScope, resolveRule } from './feel.ts';
import type { Message } from './messages.ts';
import type { InputComponent } from './schema.ts';

/** At most this many files in one field, even when it allows several. */
export const MAX_FILES_PER_FIELD = 10;

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ReadFiles = { ok: true; value: string[] | null } | { ok: false; code: string; message: Message };

export function readFiles(component: InputComponent, given: unknown, scope: FieldScope): ReadFiles {
  if (!Array.isArray(given) || !given.every((id) => typeof id === 'string' && FILE_ID.test(id))) {
    return { ok: false, code: 'invalidFiles', message: fileMessages.invalidFiles() };
  }
  const ids = [...new Set(given.map((id: string) => id.toLowerCase()))];
  if (ids.length === 0) return { ok: true, value: null };
  const allowed = resolveRule(component.multiple, scope) === true ? MAX_FILES_PER_FIELD : 1;
  if (ids.length > allowed) return { ok: false, code: 'tooManyFiles', message: fileMessages.tooManyFiles(allowed) };
  return { ok: true, value: ids };
}

export const fileMessages = {
  invalidFiles: (): Message => ({
    fr: 'Les fichiers joints ne sont pas reconnus : choisissez-les de nouveau.',
    en: 'The attached files are not recognised: choose them again.',
  }),
  tooManyFiles: (n: number): Message =>
    n === 1
      ? { fr: 'Joignez un seul fichier.', en: 'Attach a single file.' }
      : { fr: `Joignez au plus ${n} fichiers.`, en: `Attach at most ${n} files.` },
};
