import { IMPORT_MAX_BYTES, type ImportFormat } from '../../../shared/import.ts';
import { ImportProblem, tooLarge } from './problems.ts';

/** File types people drop by mistake, told apart by their first bytes. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or a Word/OpenDocument file)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Microsoft Office file' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF file' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);

/** Refuse what is not a text file before spending time on it. */
export function checkBytes(bytes: Uint8Array): void {
  if (bytes.length > IMPORT_MAX_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw new ImportProblem('empty', 'the file is empty');
  const known = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (known) {
    throw new ImportProblem(
      'unsupported',
      `it is ${known.what}; Marginalia imports text, Markdown, HTML and PDF files`,
    );
  }
}

type Encoding = { label: string; bomLength: number };

function byteOrderMark(bytes: Uint8Array): Encoding | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { label: 'utf-8', bomLength: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { label: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { label: 'utf-16be', bomLength: 2 };
  return null;
}

/** The charset an HTML page declares in its first bytes (`<meta charset>` or http-equiv). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

/** The standard name of a charset label (`utf8` is `utf-8`, `latin1` `windows-1252`), or null. */
function encodingName(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/**
 * Bytes to text. A byte-order mark decides (UTF-8, UTF-16 LE/BE); an HTML page may declare its
 * charset; everything else must be valid UTF-8. Nothing is guessed: a file that does not decode
 * cleanly is refused with the place it breaks, rather than imported with replacement characters
 * that would then be quoted and exported.
 */
export function decodeText(bytes: Uint8Array, format: ImportFormat | null): string {
  const bom = byteOrderMark(bytes);
  let encoding: Encoding = bom ?? { label: 'utf-8', bomLength: 0 };
  if (!bom && format !== 'text' && format !== 'markdown') {
    const declared = declaredCharset(bytes);
    const name = declared ? encodingName(declared) : null;
    // A page that says UTF-16 without a BOM is lying about its bytes (it was read as ASCII).
    if (name && !name.startsWith('utf-16')) encoding = { label: name, bomLength: 0 };
  }
  const body = bytes.subarray(encoding.bomLength);
  if (!bom && looksBinary(body)) {
    throw new ImportProblem('binary', 'it looks like a binary file, not text');
  }
  let text: string;
  try {
    text = new TextDecoder(encoding.label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Counted from the start of the file, as a hex editor shows it (byte-order mark included).
    const at = encoding.label === 'utf-8' ? firstInvalidUtf8(body) : -1;
    throw new ImportProblem(
      'encoding',
      `it is not valid ${encoding.label.toUpperCase()} text${at >= 0 ? ` (the first bad byte is at position ${encoding.bomLength + at})` : ''}; save it as UTF-8 and import it again`,
    );
  }
  if (text.trim() === '') throw new ImportProblem('empty', 'the file holds only white space');
  return text;
}

/** NUL bytes, or many control characters, in the first 8 KB: not a text file. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > sample.length * 0.02;
}

/** Offset of the first byte that breaks UTF-8, for an error message a person can act on. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const size =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (size === 0 || i + size > bytes.length) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + size));
    } catch {
      return i;
    }
    i += size;
  }
  return -1;
}
