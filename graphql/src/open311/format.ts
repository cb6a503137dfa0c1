// GeoReport v2 answers in the format the path names: `.json`, or `.xml` — the spec's required
// format, its element names those of the spec's examples (a list's items named by the singular).

import type { Response } from 'express';
import { escapeMarkup } from '../common/markup.ts';

export type Format = 'json' | 'xml';

/** The element of each item of a list, by the list's element. */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_OF[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v));
    return `<${name}>${children.join('')}</${name}>`;
  }
  return `<${name}>${escapeMarkup(String(value))}</${name}>`;
}

/** A GeoReport document as XML: `root` is the spec's root element (`services`, `service_definition`…). */
export function toXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, body)}\n`;
}

/** Answers `body` in `format`, under the spec's root element when in XML. */
export function answer(res: Response, format: Format, root: string, body: unknown, status = 200): void {
  res.status(status);
  if (format === 'xml') res.type('text/xml; charset=utf-8').send(toXml(root, body));
  else res.type('application/json; charset=utf-8').send(JSON.stringify(body));
}
