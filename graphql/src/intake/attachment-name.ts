import sanitize from 'sanitize-filename';

/** Types Windows or a browser would run when opened: an e-mail carrying one is refused whole. */
const RUNNABLE = new Set(
  'exe com bat cmd scr pif vbs vbe js jse mjs wsf wsh msi msp msc jar ps1 psm1 hta cpl lnk reg dll scf inf sh app'.split(
    ' ',
  ),
);

export type AttachmentName = { ok: true; name: string; renamed: boolean } | { ok: false; reason: string };

/**
 * The name an attachment is kept under: its last path segment, without control or bidirectional
 * characters (a name that reads `facture.pdf` but ends in `.exe`), reserved characters or leading
 * dots, at most 120 characters. A runnable type is refused with the reason.
 */
export function attachmentName(sent: string | undefined, position: number): AttachmentName {
  const original = sent ?? '';
  const lastSegment = original.split(/[\\/]/).pop() ?? '';
  const cleaned = sanitize(lastSegment.replace(/[\p{Cc}\p{Cf}]/gu, ''), { replacement: '_' })
    .replace(/^[.\s]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const extensions = cleaned.toLowerCase().split('.').slice(1);
  const runnable = extensions.find((ext) => RUNNABLE.has(ext.trim()));
  if (runnable) {
    return {
      ok: false,
      reason: `Pièce jointe refusée : « ${cleaned} » est un programme (.${runnable}). / Attachment refused: "${cleaned}" is a program (.${runnable}).`,
    };
  }
  const name = cleaned ? shorten(cleaned) : `piece-jointe-${position}`;
  return { ok: true, name, renamed: name !== original };
}

function shorten(name: string): string {
  if (name.length <= 120) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, 120 - extension.length) + extension;
}
