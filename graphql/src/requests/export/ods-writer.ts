import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { escapeMarkup } from '../../common/markup.ts';

// An OpenDocument spreadsheet (ODF 1.2) written as it goes: a zip (fflate) whose first entry is the
// uncompressed `mimetype`, then `META-INF/manifest.xml`, then `content.xml` deflated row by row, so
// that ten thousand rows never sit in memory whole.

const MIME_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${MIME_TYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;

/** A cell: text, a number, or a date-time given as `YYYY-MM-DDTHH:MM:SS` (the town's local time); null is empty. */
export type OdsCell = string | number | { dateTime: string } | null;

// Characters XML 1.0 cannot carry at all, and those it must escape.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xmlText = (text: string) => escapeMarkup(text.replace(NOT_XML, ''));

function cellXml(cell: OdsCell): string {
  if (cell === null || cell === '') return '<table:table-cell/>';
  if (typeof cell === 'number')
    return `<table:table-cell office:value-type="float" office:value="${cell}"><text:p>${cell}</text:p></table:table-cell>`;
  if (typeof cell === 'object')
    return `<table:table-cell office:value-type="date" office:date-value="${xmlText(cell.dateTime)}"><text:p>${xmlText(cell.dateTime.replace('T', ' '))}</text:p></table:table-cell>`;
  return `<table:table-cell office:value-type="string"><text:p>${xmlText(cell)}</text:p></table:table-cell>`;
}

/** The XML of rows of cells. */
export const rowsXml = (rows: OdsCell[][]) =>
  rows.map((row) => `<table:table-row>${row.map(cellXml).join('')}</table:table-row>`).join('\n');

/**
 * A spreadsheet of one sheet, its bytes handed to `write` as they are made: `rows` adds rows (call it
 * per batch, not per row), `end` closes the sheet and the zip.
 */
export function odsWriter(sheetName: string, columns: number, write: (bytes: Uint8Array) => void) {
  const zip = new Zip((error, bytes) => {
    if (error) throw error;
    write(bytes);
  });
  const mimetype = new ZipPassThrough('mimetype');
  zip.add(mimetype);
  mimetype.push(strToU8(MIME_TYPE), true);
  const manifest = new ZipDeflate('META-INF/manifest.xml', { level: 6 });
  zip.add(manifest);
  manifest.push(strToU8(MANIFEST), true);
  const content = new ZipDeflate('content.xml', { level: 6 });
  zip.add(content);
  content.push(
    strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="${xmlText(sheetName)}">
<table:table-column table:number-columns-repeated="${columns}"/>
`),
  );
  return {
    rows(rows: OdsCell[][]) {
      if (rows.length) content.push(strToU8(`${rowsXml(rows)}\n`));
    },
    end() {
      content.push(strToU8('</table:table></office:spreadsheet></office:body></office:document-content>\n'), true);
      zip.end();
    },
  };
}
