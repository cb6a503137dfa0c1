import sanitize from 'sanitize-filename';

const MAX_LENGTH = 120;

/**
 * The name a file is kept and offered under: the last segment of whatever path was sent
 * (`../../etc/passwd` becomes `passwd`), without control, bidirectional or reserved characters, no
 * leading dot, at most 120 characters (the extension kept). Never empty.
 */
export function safeFileName(given: string): string {
  const lastSegment = (given.normalize('NFC').split(/[/\\]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '');
  const cleaned = sanitize(shortened(lastSegment), { replacement: '_' })
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned === '' ? 'fichier' : cleaned;
}

function shortened(name: string): string {
  if (name.length <= MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, MAX_LENGTH - extension.length) + extension;
}
