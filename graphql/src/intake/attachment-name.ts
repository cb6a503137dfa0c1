import { safeFileName } from '../files/index.ts';

/** Types Windows or a browser would run when opened: an e-mail carrying one is refused whole. */
const RUNNABLE = new Set(
  'exe com bat cmd scr pif vbs vbe js jse mjs wsf wsh msi msp msc jar ps1 psm1 hta cpl lnk reg dll scf inf sh app'.split(
    ' ',
  ),
);

export type AttachmentName = { ok: true; name: string; renamed: boolean } | { ok: false; reason: string };

/**
 * The name an attachment is kept under (the file store's safe name: no path, no control or
 * bidirectional character, no leading dot). A name with a runnable type anywhere in it
 * (`facture.pdf.exe`, `photo.exe.jpg`) is refused with the reason, whatever its bytes say.
 */
export function attachmentName(sent: string | undefined): AttachmentName {
  const name = safeFileName(sent ?? '');
  const runnable = name
    .toLowerCase()
    .split('.')
    .slice(1)
    .find((extension) => RUNNABLE.has(extension.trim()));
  if (runnable) {
    return {
      ok: false,
      reason: `Pièce jointe refusée : « ${name} » est un programme (.${runnable}). / Attachment refused: "${name}" is a program (.${runnable}).`,
    };
  }
  return { ok: true, name, renamed: name !== sent };
}
