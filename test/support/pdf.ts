import { PDFParse } from 'pdf-parse';

/** What a person reads in a PDF: its text, white space folded to single spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}
