import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { RequestHandler } from 'express';

/** The portal's built files that travel compressed: scripts, styles, SVG, the manifest. */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|webmanifest|html)$/;

/**
 * The portal's hashed build files (`/assets/…`), compressed once (Brotli, else gzip, as the
 * browser accepts) and kept in memory, cached by browsers for a year: their names change with their
 * content. A citizen's page downloads a third of the bytes it did, which is what a phone on a slow
 * network waits for before it shows anything.
 */
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export function compressedAssets(portalDir: string): RequestHandler {
  const root = join(portalDir, 'assets');
  // one entry per file and encoding, compressed when first asked for (Brotli at quality 5: a
  // megabyte in tens of milliseconds, most of the gain of 11)
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const compressed = (file: string, encoding: 'br' | 'gzip') => {
    const key = `${encoding} ${file}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = (async () => {
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile()) return undefined;
        const bytes = await readFile(file);
        return encoding === 'br'
          ? brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipped(bytes, { level: 6 });
      })();
      cache.set(key, entry);
      // Only files that exist stay: a made-up address asked for again and again must not fill the memory.
      entry.then(
        (body) => body ?? cache.delete(key),
        () => cache.delete(key),
      );
    }
    return entry;
  };
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    const file = normalize(join(portalDir, decodeURIComponent(req.path)));
    if (!file.startsWith(root + sep)) return next();
    res.set('Cache-Control', 'public, max-age=31536000, immutable');
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
    if (!encoding || !COMPRESSIBLE.test(file)) return next();
    compressed(file, encoding).then((body) => {
      if (!body) return next();
      res
        .type(file.slice(file.lastIndexOf('.')))
        .set('Content-Encoding', encoding)
        .set('Vary', 'Accept-Encoding')
        .send(body);
    }, next);
  };
}
