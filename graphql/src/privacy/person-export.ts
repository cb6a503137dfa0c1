import { exportCitizenData } from '../accounts/my-data.ts';
import { type AuditEntry, recordAudit } from '../audit/record.ts';
import { citizenRepository } from '../citizens/repository.ts';
import type { Db } from '../common/database.ts';
import { dataSubject } from './data-subjects.ts';

/**
 * Everything the town keeps about a person, as a citizen's own export gives it (JSON or the
 * officer's PDF), the officer's reading of it in the audit log; NOT_FOUND on `id` for nobody.
 */
export async function exportPerson(
  tx: Db,
  town: string,
  by: Pick<AuditEntry, 'actor' | 'ip'>,
  id: string,
  format: 'json' | 'pdf',
) {
  const person = await dataSubject(tx, id);
  const citizen = (await citizenRepository(tx).find(person.id))!;
  await recordAudit(tx, {
    municipalityId: town,
    ...by,
    action: 'privacy.exported',
    target: `citizen:${person.id}`,
    details: { format },
  });
  return { person, data: await exportCitizenData(tx, citizen) };
}
