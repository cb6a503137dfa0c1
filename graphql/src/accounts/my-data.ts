import type { CitizenRow } from '../citizens/repository.ts';
import type { Db } from '../common/database.ts';
import { conversationRepository } from '../conversation/repository.ts';
import { requestFiles } from '../files/store.ts';
import { requestRepository } from '../requests/repository.ts';
import { readingSettingsRepository } from './reading-settings.ts';
import { accountRepository } from './repository.ts';

/** Everything Parvis keeps about a citizen, as one JSON document (right of access and portability). */
export async function exportCitizenData(db: Db, citizen: CitizenRow) {
  const requests = requestRepository(db);
  const own = await requests.byCitizen(citizen.id);
  return {
    exportedAt: new Date().toISOString(),
    municipality: citizen.municipality_id,
    profile: {
      firstName: citizen.first_name,
      lastName: citizen.last_name,
      email: citizen.email,
      phone: citizen.phone,
      addresses: citizen.addresses,
      notificationPreferences: citizen.notification_preferences,
      readingSettings: await readingSettingsRepository(db).find(citizen.id),
      createdAt: citizen.created_at.toISOString(),
    },
    consents: (await accountRepository(db).consents(citizen.id)).map((c) => ({
      purpose: c.purpose,
      text: c.text,
      givenAt: c.given_at.toISOString(),
      withdrawnAt: c.withdrawn_at?.toISOString() ?? null,
    })),
    requests: await Promise.all(
      own.map(async (r) => ({
        trackingCode: r.tracking_code,
        procedure: r.procedure_title_fr,
        channel: r.channel,
        status: r.status,
        submittedAt: r.submitted_at.toISOString(),
        closedAt: r.closed_at?.toISOString() ?? null,
        data: r.data,
        files: (await requestFiles(db, r.id)).map((f) => ({
          id: f.id,
          name: f.name,
          contentType: f.contentType,
          size: f.size,
          sha256: f.sha256,
          uploadedAt: f.uploadedAt.toISOString(),
        })),
        timeline: (await requests.timeline(r.id)).map((e) => ({
          kind: e.kind,
          payload: e.payload,
          occurredAt: e.occurred_at.toISOString(),
        })),
        // Their conversation with the town hall, as they read it (agents' private notes are not theirs).
        conversation: (await conversationRepository(db).messages(r.id)).map((m) => ({
          from: m.side,
          kind: m.kind,
          text: m.body,
          changes: m.changes,
          sentAt: m.created_at.toISOString(),
        })),
      })),
    ),
  };
}
