// After `vite build`: adds up the JavaScript each page loads (gzip), prints it, and fails when a
// citizen's page exceeds its budget. A page loads the entry's chunks, then its own chunk with its
// static imports and everything it imports lazily (the form viewer on a form page).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const BUDGET_KB = 250;
const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;

function collect(key: string, withDynamic: boolean, into: Set<string>): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  const chunk = manifest[key]!;
  for (const next of [...(chunk.imports ?? []), ...(withDynamic ? (chunk.dynamicImports ?? []) : [])])
    collect(next, withDynamic, into);
  return into;
}

const gzipKb = (file: string) => gzipSync(readFileSync(join(dist, file))).length / 1000;
const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
const shell = collect(entry, false, new Set());
const pages = Object.keys(manifest).filter((key) => key.startsWith('src/pages/'));

let failed = false;
console.log(
  `\nJavaScript loaded per page (gzip; entry ${[...shell].reduce((kb, key) => kb + gzipKb(manifest[key]!.file), 0).toFixed(1)} kB):`,
);
for (const page of pages) {
  const chunks = collect(page, true, new Set(shell));
  const kb = [...chunks].reduce((sum, key) => sum + gzipKb(manifest[key]!.file), 0);
  const citizen = page.startsWith('src/pages/citizen/');
  const over = citizen && kb > BUDGET_KB;
  failed ||= over;
  const note = citizen ? `budget ${BUDGET_KB} kB${over ? ' — OVER BUDGET' : ''}` : '';
  console.log(`  ${page.replace('src/pages/', '').padEnd(36)} ${kb.toFixed(1).padStart(7)} kB  ${note}`);
}
if (failed) {
  console.error(
    `\nA citizen page loads more than ${BUDGET_KB} kB of JavaScript (gzip): keep heavy libraries out of it.`,
  );
  process.exit(1);
}
