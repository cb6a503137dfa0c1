import type { FileReference } from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { UNATTACHED_LIFETIME_HOURS } from './limits.ts';

export interface AttachedUpload {
  id: string;
  field: string;
}

/**
 * Attaches the uploads a submitted form references to its request, in the request's transaction.
 * Each must be an upload of this municipality (row-level security hides the others), for this
 * procedure and this field, not yet attached and sent within the hour (older ones are swept); its
 * uploader, which only the quota needed, is forgotten. Otherwise the whole submission is refused (FORM_INVALID
 * naming the field) and the transaction, request included, is rolled back.
 */
export async function attachUploads(
  tx: Db,
  requestId: string,
  procedureKey: string,
  references: FileReference[],
): Promise<AttachedUpload[]> {
  const attached: AttachedUpload[] = [];
  const missing: string[] = [];
  for (const reference of references) {
    const rows = await tx<{ id: string }[]>`
      update stored_files set request_id = ${requestId}, attached_at = now(), uploader = null
      where id in ${tx(reference.ids)} and request_id is null
        and uploaded_at > now() - make_interval(hours => ${UNATTACHED_LIFETIME_HOURS})
        and procedure_key = ${procedureKey} and field_key = ${reference.field}
      returning id`;
    if (rows.length !== reference.ids.length) missing.push(reference.path);
    attached.push(...rows.map((row) => ({ id: row.id, field: reference.path })));
  }
  if (missing.length > 0) {
    throw userError('FORM_INVALID', 'Le formulaire contient des erreurs. / The form has errors.', {
      fields: missing.map((field) => ({
        field,
        code: 'fileNotFound',
        message: {
          fr: "Un fichier joint n'a pas été trouvé (envoyé pour un autre formulaire, ou il y a plus d'une heure) : joignez-le de nouveau.",
          en: 'An attached file was not found (sent for another form, or more than an hour ago): attach it again.',
        },
      })),
    });
  }
  return attached;
}
