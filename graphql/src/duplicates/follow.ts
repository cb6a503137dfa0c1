import type { ProcessIR } from '@parvis/engine';
import { EMAIL } from '../common/contact-checks.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';
import { duplicateRepository } from './repository.ts';
import { duplicateSettings } from './settings.ts';

/** As the sign-in checks an address: something, an @, a domain with a dot. */

/**
 * A citizen follows an open report rather than file it again: they are told by e-mail when it is
 * solved (the workflow tells its followers when it closes). Only reports of a procedure that looks
 * for duplicates may be followed; an unknown or closed one is refused in words.
 */
export async function followReport(db: Db, municipalityId: string, reportId: string, email: string): Promise<true> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address) || address.length > 254)
    throw userError(
      'BAD_USER_INPUT',
      "Cette adresse e-mail n'est pas valide : vérifiez-la. / This e-mail address is not valid: check it.",
      { field: 'email' },
    );
  const [report] = isUuid(reportId)
    ? await db<{ status: string; ir: ProcessIR }[]>`select r.status, v.ir from requests r
        join procedure_versions v on v.id = r.procedure_version_id where r.id = ${reportId}`
    : [];
  if (!report || !duplicateSettings(report.ir))
    throw userError('NOT_FOUND', 'Ce signalement est introuvable. / No such report.');
  if (report.status === 'closed' || report.status === 'failed')
    throw userError(
      'BAD_USER_INPUT',
      "Ce signalement est déjà clos : s'il vous concerne encore, faites le vôtre. / This report is already closed: if the problem is still there, file your own.",
      { field: 'report' },
    );
  await duplicateRepository(db).follow({ municipalityId, requestId: reportId, email: address });
  return true;
}
