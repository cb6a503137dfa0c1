import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { ATTRIBUTIONS, type MapBackground } from '../municipalities/map-servers.ts';
import type { CostSettings } from './savings.ts';

/** A municipality's dashboard settings. */
export interface MetricsSettings extends CostSettings {
  qosTargetDays: number;
  /** the town's own tile server, `https://…/{z}/{x}/{y}.png`; null: its map background's */
  mapTileUrl: string | null;
  /** the street map its maps are drawn on when it names no tile server of its own */
  mapBackground: MapBackground;
}

const MAP_BACKGROUNDS = Object.keys(ATTRIBUTIONS) as MapBackground[];

export const DEFAULT_SETTINGS: MetricsSettings = {
  counterCost: 12,
  postCost: 12,
  onlineCost: 3,
  baselineOnlineShare: 0,
  qosTargetDays: 10,
  mapTileUrl: null,
  mapBackground: 'IGN_PLAN',
};

interface SettingsRow {
  counter_cost: string;
  post_cost: string;
  online_cost: string;
  baseline_online_share: string;
  qos_target_days: string;
  map_tile_url: string | null;
  map_background: MapBackground;
}

/** The municipality's settings, its defaults when it set none. */
export async function readSettings(db: Db, municipalityId: string): Promise<MetricsSettings> {
  const [row] = await db<SettingsRow[]>`select counter_cost, post_cost, online_cost, baseline_online_share,
      qos_target_days, map_tile_url, map_background
    from municipality_settings where municipality_id = ${municipalityId}`;
  if (!row) return DEFAULT_SETTINGS;
  return {
    counterCost: Number(row.counter_cost),
    postCost: Number(row.post_cost),
    onlineCost: Number(row.online_cost),
    baselineOnlineShare: Number(row.baseline_online_share),
    qosTargetDays: Number(row.qos_target_days),
    mapTileUrl: row.map_tile_url,
    mapBackground: row.map_background,
  };
}

function check(settings: MetricsSettings) {
  const problems: { field: string; message: string }[] = [];
  for (const field of ['counterCost', 'postCost', 'onlineCost'] as const) {
    const value = settings[field];
    if (!Number.isFinite(value) || value < 0 || value > 100_000) {
      problems.push({
        field,
        message: `${field} : un montant en euros, de 0 à 100 000. / ${field}: euros, 0 to 100,000.`,
      });
    }
  }
  if (!(settings.baselineOnlineShare >= 0 && settings.baselineOnlineShare <= 1)) {
    problems.push({ field: 'baselineOnlineShare', message: 'Une part entre 0 et 1. / A share between 0 and 1.' });
  }
  if (!(settings.qosTargetDays > 0 && settings.qosTargetDays <= 3650)) {
    problems.push({
      field: 'qosTargetDays',
      message: 'Un nombre de jours, de plus de 0 à 3650. / Days, above 0 up to 3650.',
    });
  }
  const url = settings.mapTileUrl;
  if (
    url !== null &&
    !(/^https?:\/\/[^\s]+$/.test(url) && url.includes('{z}') && url.includes('{x}') && url.includes('{y}'))
  ) {
    problems.push({
      field: 'mapTileUrl',
      message: 'Une adresse http(s) avec {z}, {x} et {y}. / An http(s) address with {z}, {x} and {y}.',
    });
  }
  if (!MAP_BACKGROUNDS.includes(settings.mapBackground)) {
    problems.push({
      field: 'mapBackground',
      message: 'Fond de carte : IGN_PLAN ou OPENSTREETMAP. / Map background: IGN_PLAN or OPENSTREETMAP.',
    });
  }
  if (problems.length > 0) {
    throw userError('BAD_USER_INPUT', problems.map((p) => p.message).join(' '), {
      fields: problems.map((p) => ({ field: p.field, code: 'invalid', message: { fr: p.message, en: p.message } })),
    });
  }
}

/** Records the municipality's settings, refused whole when one is wrong. */
export async function saveSettings(db: Db, municipalityId: string, changes: Partial<MetricsSettings>) {
  const settings = { ...(await readSettings(db, municipalityId)), ...changes };
  if (settings.mapTileUrl === '') settings.mapTileUrl = null;
  check(settings);
  await db`insert into municipality_settings (municipality_id, counter_cost, post_cost, online_cost,
      baseline_online_share, qos_target_days, map_tile_url, map_background)
    values (${municipalityId}, ${settings.counterCost}, ${settings.postCost}, ${settings.onlineCost},
      ${settings.baselineOnlineShare}, ${settings.qosTargetDays}, ${settings.mapTileUrl}, ${settings.mapBackground})
    on conflict (municipality_id) do update set counter_cost = excluded.counter_cost, post_cost = excluded.post_cost,
      online_cost = excluded.online_cost, baseline_online_share = excluded.baseline_online_share,
      qos_target_days = excluded.qos_target_days, map_tile_url = excluded.map_tile_url,
      map_background = excluded.map_background, updated_at = now()`;
  return settings;
}
