import type { PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import QRCode from 'qrcode';

const QUIET_ZONE_MODULES = 4;

/**
 * Draws the QR code of `text` as vector squares (sharp at any zoom and on paper), `size` points
 * wide including its white quiet zone, with its bottom-left corner at (x, y).
 */
export function drawQrCode(page: PDFPage, text: string, at: { x: number; y: number; size: number }): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = at.size / (modules.size + 2 * QUIET_ZONE_MODULES);
  const left = at.x + QUIET_ZONE_MODULES * cell;
  const top = at.y + at.size - QUIET_ZONE_MODULES * cell;
  page.drawRectangle({ x: at.x, y: at.y, width: at.size, height: at.size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per run of dark modules keeps the page small.
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      page.drawRectangle({
        x: left + start * cell,
        y: top - (row + 1) * cell,
        width: (column - start) * cell,
        height: cell,
        color: rgb(0, 0, 0),
      });
    }
  }
}
