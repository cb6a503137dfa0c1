import type { Format } from './format.ts';

const RESOURCES = new Set(['discovery', 'services', 'requests', 'tokens', 'media']);

/** What a GeoReport path asks for. */
export interface Target {
  /** the town named in the path, if any */
  town?: string;
  resource: string;
  id?: string;
  format: Format;
}

/** What a path asks for; undefined when it is no GeoReport path. */
export function targetOf(path: string): Target | undefined {
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const last = /^(.+)\.(json|xml)$/i.exec(segments.at(-1) ?? '');
  const format = (last?.[2]?.toLowerCase() ?? 'json') as Format;
  if (last) segments[segments.length - 1] = last[1]!;
  const town = RESOURCES.has(segments[0] ?? '') ? undefined : segments.shift();
  const [resource, id, ...rest] = segments;
  if (!resource || !RESOURCES.has(resource) || rest.length > 0) return undefined;
  // Media are served as they are; every other resource names its format.
  if ((resource === 'media') === !!last) return undefined;
  const needsId = resource === 'tokens' || resource === 'media';
  if (id ? resource === 'discovery' : needsId) return undefined;
  return { ...(town ? { town } : {}), resource, ...(id ? { id } : {}), format };
}
