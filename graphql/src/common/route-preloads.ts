import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citizenPageAt, citizenPageComponents } from './citizen-pages.ts';

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/**
 * `<link>` tags preloading the chunks and styles of the citizen page at `path` (citizen-pages.ts),
 * so a phone fetches them alongside the portal's script instead of after it has run: one round
 * trip less before the page shows. None for other pages, or without Vite's manifest.
 */
export function routePreloads(portalDir: string): (path: string) => string {
  let manifest: Record<string, Chunk>;
  try {
    manifest = JSON.parse(readFileSync(join(portalDir, '.vite', 'manifest.json'), 'utf8'));
  } catch {
    return () => '';
  }
  // what index.html already loads or preloads
  const inIndex = new Set<string>();
  const walk = (key: string, into: Set<string>) => {
    if (into.has(key) || !manifest[key]) return;
    into.add(key);
    for (const next of manifest[key]!.imports ?? []) walk(next, into);
  };
  walk('index.html', inIndex);
  const tags = new Map<string, string>();
  for (const source of citizenPageComponents()) {
    const needed = new Set<string>();
    walk(source, needed);
    const chunks = [...needed].filter((key) => !inIndex.has(key)).map((key) => manifest[key]!);
    tags.set(
      source,
      [
        ...chunks.map((c) => `<link rel="modulepreload" crossorigin href="/${c.file}" />`),
        ...chunks.flatMap((c) => c.css ?? []).map((css) => `<link rel="preload" as="style" href="/${css}" />`),
      ].join(''),
    );
  }
  return (path) => {
    const page = citizenPageAt(path);
    return page ? (tags.get(page.component) ?? '') : '';
  };
}
