import { fieldByKey, optionLabel, type ProcessIR, placeOfData } from '@parvis/engine';
import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { procedureRepository } from '../procedures/repository.ts';
import { requestShownTo } from '../requests/access.ts';
import type { RequestRow } from '../requests/repository.ts';
import { duplicateRepository, type NearbyRow } from './repository.ts';
import { type DuplicateSettings, duplicateSettings } from './settings.ts';

/** An open report near a place, in public words only: what, how far, since when, where it stands. */
export interface NearbyReport {
  id: string;
  trackingCode: string;
  category: string;
  distanceMeters: number;
  reportedAt: Date;
  status: string;
}

/** At most this many are shown: enough to recognise one's problem, too few to map a town's reports. */
const SHOWN = 10;

const inWords =
  (field: string) =>
  (row: NearbyRow): NearbyReport => ({
    id: row.id,
    trackingCode: row.tracking_code,
    category: optionLabel(fieldByKey([row.start_form ?? undefined], field), row.category) ?? row.category,
    distanceMeters: row.distance,
    reportedAt: row.submitted_at,
    status: row.status,
  });

/**
 * Before filing a located report, the open reports of the same procedure and category near the
 * place picked: none when the procedure does not look for duplicates. Anyone may ask (no reporter's
 * name, e-mail or text is in the answer).
 */
export async function nearbyReports(
  db: Db,
  args: { procedure: string; category: string; latitude: number; longitude: number },
): Promise<NearbyReport[]> {
  if (!(Math.abs(args.latitude) <= 90) || !(Math.abs(args.longitude) <= 180))
    throw userError(
      'BAD_USER_INPUT',
      'La position doit avoir une latitude entre -90 et 90 et une longitude entre -180 et 180. / The latitude must be between -90 and 90 and the longitude between -180 and 180.',
      { field: 'latitude' },
    );
  const version = await procedureRepository(db).latestVersion(args.procedure);
  const settings = version ? duplicateSettings(version.ir) : undefined;
  if (!settings || !args.category.trim()) return [];
  return near(db, settings, { ...args, procedureKey: args.procedure });
}

/**
 * The likely duplicates of a request an agent reads: open requests of its procedure and category
 * near its place, that this agent may see (requests/access.ts).
 */
export async function likelyDuplicates(db: Db, agent: SignedInAgent, request: RequestRow): Promise<NearbyReport[]> {
  const [version] = await db<{ ir: ProcessIR }[]>`select v.ir from requests r
    join procedure_versions v on v.id = r.procedure_version_id where r.id = ${request.id}`;
  const settings = version ? duplicateSettings(version.ir) : undefined;
  const place = placeOfData(request.data);
  const category = request.data[settings?.field ?? ''];
  if (!settings || !place || typeof category !== 'string' || request.status === 'closed') return [];
  return near(db, settings, {
    procedureKey: request.procedure_key,
    category,
    latitude: place.latitude,
    longitude: place.longitude,
    except: request.id,
    shown: requestShownTo(db, agent),
  });
}

async function near(
  db: Db,
  settings: DuplicateSettings,
  query: {
    procedureKey: string;
    category: string;
    latitude: number;
    longitude: number;
    except?: string;
    shown?: ReturnType<typeof requestShownTo>;
  },
): Promise<NearbyReport[]> {
  const rows = await duplicateRepository(db).nearby({
    ...query,
    field: settings.field,
    meters: settings.withinMeters,
    limit: SHOWN,
  });
  return rows.map(inWords(settings.field));
}
