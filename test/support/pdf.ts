import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';

/** What a person reads in a PDF: its text, white space folded to single spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

/** What a phone reads in the QR code of a PDF's first page, if it has one. */
export async function pdfQrCode(bytes: Uint8Array): Promise<string | undefined> {
  // pdf.js hands the bytes to its worker: a copy, so the caller's stay readable.
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const shot = await parser.getScreenshot({ scale: 2, first: 1, imageBuffer: true, imageDataUrl: false });
    const page = PNG.sync.read(Buffer.from(shot.pages[0]!.data));
    return jsQR(new Uint8ClampedArray(page.data), page.width, page.height)?.data;
  } finally {
    await parser.destroy();
  }
}
