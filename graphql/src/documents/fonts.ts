import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

// DejaVu Sans: a TTF covers the narrow no-break space (U+202F) of French numbers, which pdf-lib's
// standard fonts refuse. Read once per process.
let fontFiles: Promise<FontFiles> | undefined;

export function dejaVuSans(): Promise<FontFiles> {
  fontFiles ??= (async () => {
    const folder = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const [regular, bold] = await Promise.all([
      readFile(join(folder, 'DejaVuSans.ttf')),
      readFile(join(folder, 'DejaVuSans-Bold.ttf')),
    ]);
    return { regular, bold };
  })();
  return fontFiles;
}
