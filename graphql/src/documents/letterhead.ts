import { rgb } from 'pdf-lib';
import { DOCUMENT_KINDS, type DocumentKind } from './document-kinds.ts';
import { type Bilingual, type Letter, MUTED } from './letter.ts';
import { drawQrCode } from './qr-code.ts';
import type { RequestDocument } from './request-document.ts';

const QR_SIZE = 92;

/**
 * The top of every document: the municipality and how to reach it on the left, the QR code on the
 * right (the request's tracking page, or the document's public verification), then the document's
 * title (its kind's, or its own) in French and English. No address, no QR code (a draft).
 */
export function letterhead(
  letter: Letter,
  request: RequestDocument,
  kind: DocumentKind | Required<Bilingual>,
  qrUrl: string | undefined,
): void {
  const title = typeof kind === 'string' ? DOCUMENT_KINDS[kind].title : kind;
  const top = letter.cursor;
  const qrLeft = letter.left + letter.width - QR_SIZE;
  if (qrUrl) drawQrCode(letter.page, qrUrl, { x: qrLeft, y: top - QR_SIZE, size: QR_SIZE });
  const textWidth = letter.width - QR_SIZE - 24;
  const town = request.municipality;
  // In the town's colour when it has one (its administrator's branding, at least 4.5:1 on white).
  letter.paragraph(
    town.name,
    { size: 15, bold: true, ...(town.primaryColor ? { color: hexColour(town.primaryColor) } : {}) },
    textWidth,
  );
  const reach = [town.contactEmail, town.contactPhone].filter(Boolean).join(' · ');
  letter.paragraph(reach, { size: 9, color: MUTED }, textWidth);
  for (const line of town.contactAddress?.split('\n') ?? []) {
    if (line.trim()) letter.paragraph(line.trim(), { size: 9, color: MUTED }, textWidth);
  }
  letter.gap(Math.max(0, letter.cursor - (top - QR_SIZE)) + 14);
  letter.paragraph(title.fr.toUpperCase(), { size: 16, bold: true });
  letter.paragraph(title.en, { size: 10.5, color: MUTED });
  letter.rule();
}

/** `#rrggbb` as pdf-lib's colour. */
function hexColour(hex: string) {
  const channel = (at: number) => Number.parseInt(hex.slice(at, at + 2), 16) / 255;
  return rgb(channel(1), channel(3), channel(5));
}
