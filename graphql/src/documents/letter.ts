import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { dejaVuSans } from './fonts.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER_HEIGHT = 40;
const LABEL_WIDTH = 150;

export const INK = rgb(0.08, 0.08, 0.1);
export const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.75, 0.75, 0.78);

/** A text in French, with its English translation when short enough to give. */
export interface Bilingual {
  fr: string;
  en?: string;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: ReturnType<typeof rgb>;
  /** Extra left offset, in points. */
  indent?: number;
}

/**
 * An A4 letter written top to bottom: wrapped paragraphs, label–value rows and rules, with page
 * breaks and a footer on every page. Owns the PDF's fonts and metadata.
 */
export class Letter {
  private pages: PDFPage[] = [];
  private y = 0;

  private constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
    private readonly reference: string,
  ) {
    this.newPage();
  }

  /** `reference` (the tracking code) is repeated beside the page number, so a loose page is traced back. */
  static async create(meta: {
    title: string;
    author: string;
    subject: string;
    footer: string;
    reference: string;
  }): Promise<Letter> {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const files = await dejaVuSans();
    const [regular, bold] = await Promise.all([
      pdf.embedFont(files.regular, { subset: true }),
      pdf.embedFont(files.bold, { subset: true }),
    ]);
    pdf.setTitle(meta.title, { showInWindowTitleBar: true });
    pdf.setAuthor(meta.author);
    pdf.setSubject(meta.subject);
    pdf.setLanguage('fr-FR');
    pdf.setCreator('Parvis');
    pdf.setProducer('Parvis');
    return new Letter(pdf, regular, bold, meta.footer, meta.reference);
  }

  /** The page being written and the room left on it, for drawings beside the text. */
  get page(): PDFPage {
    return this.pages[this.pages.length - 1]!;
  }

  get cursor(): number {
    return this.y;
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  get left(): number {
    return MARGIN;
  }

  /** Writes `text` wrapped to the text width (narrowed by `maxWidth`), keeping its line breaks. */
  paragraph(text: string, style: TextStyle = {}, maxWidth = this.width): void {
    const size = style.size ?? 10;
    const font = style.bold ? this.bold : this.regular;
    const indent = style.indent ?? 0;
    for (const line of this.wrap(text, font, size, maxWidth - indent)) {
      this.room(size * 1.35);
      this.y -= size * 1.35;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y + size * 0.3, size, font, color: style.color ?? INK });
    }
  }

  /** A row: French label and value, each with its English translation beneath in smaller grey type. */
  row(label: Bilingual, value: Bilingual, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const lines = (text: Bilingual, font: PDFFont, fontSize: number, width: number) => [
      ...this.wrap(text.fr, font, fontSize, width).map((line) => ({ line, font, size: fontSize, color: INK })),
      ...(text.en ? this.wrap(text.en, this.regular, fontSize * 0.8, width) : []).map((line) => ({
        line,
        font: this.regular,
        size: fontSize * 0.8,
        color: MUTED,
      })),
    ];
    const labelLines = lines(label, this.regular, 9, LABEL_WIDTH - 12);
    const valueLines = lines(value, style.bold ? this.bold : this.regular, size, this.width - LABEL_WIDTH);
    for (let index = 0; index < Math.max(labelLines.length, valueLines.length); index++) {
      const drawn = [
        [MARGIN, labelLines[index]],
        [MARGIN + LABEL_WIDTH, valueLines[index]],
      ] as const;
      const lineHeight = Math.max(...drawn.map(([, line]) => line?.size ?? 0)) * 1.35;
      this.room(lineHeight);
      this.y -= lineHeight;
      for (const [x, line] of drawn) {
        if (!line) continue;
        this.page.drawText(line.line, { x, y: this.y + 3, size: line.size, font: line.font, color: line.color });
      }
    }
    this.gap(5);
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.room(12);
    this.gap(6);
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.6,
      color: RULE,
    });
    this.gap(6);
  }

  /** Starts a new page unless `height` points are left above the footer. */
  room(height: number): void {
    if (this.y - height < MARGIN + FOOTER_HEIGHT) this.newPage();
  }

  async save(): Promise<Uint8Array> {
    this.pages.forEach((page, index) => {
      const size = 7.5;
      page.drawLine({
        start: { x: MARGIN, y: MARGIN + 14 },
        end: { x: A4[0] - MARGIN, y: MARGIN + 14 },
        thickness: 0.6,
        color: RULE,
      });
      this.wrap(this.footer, this.regular, size, this.width - 110).forEach((line, offset) => {
        page.drawText(line, { x: MARGIN, y: MARGIN + 4 - offset * size * 1.3, size, font: this.regular, color: MUTED });
      });
      const pageNumber = `${this.reference} · ${index + 1} / ${this.pages.length}`;
      page.drawText(pageNumber, {
        x: A4[0] - MARGIN - this.regular.widthOfTextAtSize(pageNumber, size),
        y: MARGIN + 4,
        size,
        font: this.regular,
        color: MUTED,
      });
    });
    return this.pdf.save();
  }

  private newPage(): void {
    this.pages.push(this.pdf.addPage(A4));
    this.y = A4[1] - MARGIN;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    // Control characters other than line breaks have no glyph: tabs become spaces, the rest goes.
    const clean = text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      .replace(/[^\P{Cc}\n]/gu, '');
    return clean.split('\n').flatMap((paragraph) => this.wrapLine(paragraph, font, size, width));
  }

  private wrapLine(paragraph: string, font: PDFFont, size: number, width: number): string[] {
    // Widths are summed word by word: measuring each growing line again would be quadratic.
    const measure = (text: string) => font.widthOfTextAtSize(text, size);
    const space = measure(' ');
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/ +/)) {
      const wordWidth = measure(word);
      if (line && lineWidth + space + wordWidth <= width) {
        line = `${line} ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      [line, lineWidth] = [word, wordWidth];
      // A word wider than the line (a long URL, a pasted string) is cut where it must be.
      while (lineWidth > width) {
        let cut = 1;
        while (cut < line.length - 1 && measure(line.slice(0, cut + 1)) <= width) cut++;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
        lineWidth = measure(line);
      }
    }
    lines.push(line);
    return lines;
  }
}
