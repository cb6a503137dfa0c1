import { GraphQLError } from 'graphql';
import { eraseCitizen } from '../accounts/erase.ts';
import { type AuditEntry, recordAudit } from '../audit/record.ts';
import type { Database } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { type DataSubjectRow, dataSubject } from './data-subjects.ts';

/**
 * Erases a person at their request (RGPD art. 17), through the one erasure Parvis has
 * (accounts/erase.ts), and logs it in the same transaction. When the erasure refuses (its rules,
 * e.g. a request of theirs being signed), its message reaches the officer as it is, nothing is
 * erased, and the refusal is logged on its own.
 */
export async function erasePerson(
  db: Database,
  municipalityId: string,
  id: string,
  source: Pick<AuditEntry, 'actor' | 'ip'>,
): Promise<DataSubjectRow> {
  try {
    return await db.within(municipalityId, async (tx) => {
      const person = await dataSubject(tx, id);
      if (person.erased_at)
        throw userError(
          'NOT_ALLOWED',
          `Cette personne a déjà été effacée le ${person.erased_at.toISOString().slice(0, 10)}. / This person was already erased on ${person.erased_at.toISOString().slice(0, 10)}.`,
          { field: 'id' },
        );
      await eraseCitizen(tx, person.id);
      await recordAudit(tx, {
        municipalityId,
        ...source,
        action: 'privacy.erased',
        target: `citizen:${person.id}`,
        details: { requests: person.requests, openRequests: person.open_requests, account: person.has_account },
      });
      return dataSubject(tx, person.id);
    });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    await db.within(municipalityId, (tx) =>
      recordAudit(tx, {
        municipalityId,
        ...source,
        action: 'privacy.erase-refused',
        target: `citizen:${id}`,
        details: { code: error.extensions.code ?? null, reason: error.message },
      }),
    );
    throw error;
  }
}
