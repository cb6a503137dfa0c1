// Sandbox-safe: a place on a map. A form asks for one with a plain form-js group holding the number
// fields `latitude` and `longitude` (and, if wanted, the text field `address`). No custom field type:
// Camunda's own viewer still renders such a form (three inputs), Parvis's portal draws a map over
// them, the usual rules (required, min, max) still apply field by field, and the values land where
// the dashboard's map and Open311 read places: at the top level, or under the group's `path`.
import { type Message, messages } from './messages.ts';
import type { FormComponent } from './schema.ts';

export const PLACE_KEYS = ['latitude', 'longitude'] as const;
type PlaceKey = (typeof PLACE_KEYS)[number];

const LIMIT: Record<PlaceKey, number> = { latitude: 90, longitude: 180 };

export function isPlaceGroup(component: FormComponent): boolean {
  if (component.type !== 'group' || !Array.isArray(component.components)) return false;
  const children = component.components;
  return PLACE_KEYS.every((key) => children.some((child) => child.type === 'number' && child.key === key));
}

export interface PlaceFailure {
  key: PlaceKey;
  code: string;
  message: Message;
}

/** A place has both coordinates or neither, each within the globe's bounds. */
export function checkPlace(place: Record<PlaceKey, unknown>): PlaceFailure[] {
  const given = (key: PlaceKey) => place[key] !== null && place[key] !== undefined && place[key] !== '';
  return PLACE_KEYS.flatMap((key): PlaceFailure[] => {
    const other = key === 'latitude' ? 'longitude' : 'latitude';
    if (!given(key))
      return given(other) ? [{ key, code: 'placeIncomplete', message: messages.placeIncomplete(key) }] : [];
    return Math.abs(Number(place[key])) <= LIMIT[key]
      ? []
      : [{ key, code: `${key}Range`, message: messages[`${key}Range`]() }];
  });
}

/** Where a request's data holds its place: at the top level, or under `place` (a group's path). */
export function placeOfData(
  data: Record<string, unknown>,
): { latitude: number; longitude: number; address?: string } | undefined {
  const nested = typeof data.place === 'object' && data.place !== null ? (data.place as Record<string, unknown>) : {};
  const number = (value: unknown) =>
    value === null || value === undefined || value === '' || !Number.isFinite(Number(value))
      ? undefined
      : Number(value);
  const latitude = number(data.latitude ?? nested.latitude);
  const longitude = number(data.longitude ?? nested.longitude);
  if (latitude === undefined || longitude === undefined) return undefined;
  const address = data.address ?? nested.address;
  return { latitude, longitude, ...(typeof address === 'string' && address.trim() ? { address: address.trim() } : {}) };
}
