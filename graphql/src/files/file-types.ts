import { fileTypeFromBuffer } from 'file-type';

export interface SniffedType {
  mime: string;
  extension: string;
}

/**
 * The types Parvis keeps at all, whatever a form accepts: pictures, PDF, office documents and plain
 * text. Anything else (executables, archives, scripts in disguise) is refused.
 */
export const KEPT_TYPES: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'text/plain': ['txt', 'csv'],
};

/** The type of the bytes themselves (the claimed type and the name's extension are not trusted). */
export async function sniffType(bytes: Uint8Array): Promise<SniffedType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return { mime: found.mime, extension: found.ext };
  return isPlainText(bytes) ? { mime: 'text/plain', extension: 'txt' } : undefined;
}

/** UTF-8 with no control character but tab, line breaks and form feed. */
function isPlainText(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return (
    bytes.every((byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d) &&
    !bytes.includes(0x7f)
  );
}

/**
 * Whether a sniffed type is kept and matches a form-js `accept` (an HTML accept list:
 * `image/*,.pdf,application/pdf`); an empty accept lets every kept type through.
 */
export function isAccepted(type: SniffedType, accept = ''): boolean {
  const extensions = KEPT_TYPES[type.mime];
  if (!extensions) return false;
  const tokens = accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '');
  if (tokens.length === 0) return true;
  return tokens.some((token) => {
    if (token.startsWith('.')) return extensions.includes(token.slice(1));
    if (token.endsWith('/*')) return type.mime.startsWith(token.slice(0, -1));
    return token === type.mime;
  });
}
