// Sandbox-safe: XML given as bytes or text, turned into the text moddle parses. Bytes are decoded by
// their byte-order mark, else by the encoding the XML declaration names (UTF-8 when it names none);
// text is taken as already decoded. Either way the declaration is rewritten to say UTF-8, so the
// parser does not decode a second time, and lines and columns do not move.

import type { ModelProblem } from '../runtime/types.ts';

/** A model or decision file as a host holds it: text, or the file's bytes. */
export type XmlSource = string | Uint8Array;

export type DecodedXml = { ok: true; text: string } | { ok: false; problem: ModelProblem };

const DECLARATION = /^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])([^"']*)\2/;

/** The text of an XML source, with its declaration saying UTF-8. `file` names it in a problem. */
export function decodeXml(source: XmlSource, file?: string): DecodedXml {
  if (typeof source === 'string') return { ok: true, text: declareUtf8(source.replace(/^\uFEFF/, '')) };
  const bom = byteOrderMark(source);
  if (bom) return { ok: true, text: declareUtf8(bom.decode(source.subarray(bom.skip))) };
  const head = latin1(source.subarray(0, 200));
  const declared = DECLARATION.exec(head)?.[3]?.trim().toLowerCase() ?? 'utf-8';
  const decode = DECODERS[declared] ?? platformDecoder(declared);
  if (!decode) {
    const where = file ? `${file}: ` : '';
    return {
      ok: false,
      problem: {
        code: 'XML_ENCODING',
        message: `${where}the XML declares the encoding "${declared}", which Parvis cannot read. Save the file as UTF-8 (or ISO-8859-1, windows-1252, UTF-16).`,
        messageFr: `${where}le XML déclare l'encodage « ${declared} », que Parvis ne sait pas lire. Enregistrez le fichier en UTF-8 (ou ISO-8859-1, windows-1252, UTF-16).`,
        line: 1,
        column: 1,
      },
    };
  }
  return { ok: true, text: declareUtf8(decode(source)) };
}

function declareUtf8(text: string): string {
  return text.replace(DECLARATION, (_all, before: string, quote: string) => `${before}${quote}UTF-8${quote}`);
}

type Decode = (bytes: Uint8Array) => string;

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}

/** windows-1252 differs from ISO-8859-1 in 0x80–0x9F only (the euro sign, typographic quotes…). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function windows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : byte);
  }
  return text;
}

/** ISO-8859-15 (latin-9) replaces eight ISO-8859-1 signs: the euro, Š š Ž ž Œ œ Ÿ. */
const LATIN9: Record<number, string> = {
  164: '€',
  166: 'Š',
  168: 'š',
  180: 'Ž',
  184: 'ž',
  188: 'Œ',
  189: 'œ',
  190: 'Ÿ',
};

function latin9(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += LATIN9[byte] ?? String.fromCharCode(byte);
  return text;
}

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    text += String.fromCharCode(littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  }
  return text;
}

/** UTF-8 by hand: a malformed sequence becomes U+FFFD, as TextDecoder does. */
function utf8(bytes: Uint8Array): string {
  const codes: number[] = [];
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i]!;
    const length = byte < 0x80 ? 1 : byte >> 5 === 6 ? 2 : byte >> 4 === 14 ? 3 : byte >> 3 === 30 ? 4 : 0;
    let code = length === 1 ? byte : length === 2 ? byte & 0x1f : length === 3 ? byte & 0x0f : byte & 0x07;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) {
      const next = bytes[i + k]!;
      if (next >> 6 !== 2) valid = false;
      else code = (code << 6) | (next & 0x3f);
    }
    if (!valid) {
      codes.push(0xfffd);
      i += 1;
    } else {
      if (code > 0xffff) {
        code -= 0x10000;
        codes.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
      } else codes.push(code);
      i += length;
    }
    if (codes.length >= 8192) {
      text += String.fromCharCode(...codes.splice(0));
    }
  }
  return text + String.fromCharCode(...codes);
}

const DECODERS: Record<string, Decode> = {
  'utf-8': utf8,
  utf8: utf8,
  'us-ascii': latin1,
  ascii: latin1,
  'iso-8859-1': latin1,
  'iso8859-1': latin1,
  latin1: latin1,
  'iso-8859-15': latin9,
  latin9: latin9,
  'windows-1252': windows1252,
  cp1252: windows1252,
  'utf-16le': (bytes) => utf16(bytes, true),
  'utf-16be': (bytes) => utf16(bytes, false),
  'utf-16': (bytes) => utf16(bytes, false),
};

function byteOrderMark(bytes: Uint8Array): { decode: Decode; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { decode: utf8, skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { decode: (b) => utf16(b, true), skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { decode: (b) => utf16(b, false), skip: 2 };
  return undefined;
}

/** Other encodings, where the platform's TextDecoder knows them (browsers, Node with ICU). */
function platformDecoder(label: string): Decode | undefined {
  const Decoder = (globalThis as { TextDecoder?: new (label: string) => { decode(bytes: Uint8Array): string } })
    .TextDecoder;
  if (!Decoder) return undefined;
  try {
    const decoder = new Decoder(label);
    return (bytes) => decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
