import type { Block } from '../model.ts';

/**
 * The canonical text of a PDF page, built from pdf.js's text items.
 *
 * What a PDF stores is glyphs placed on a page, not reading text: lines end where the column
 * ends, words are split with a hyphen at a line end, ligatures are single code points. Every
 * quote, search hit, export and citation is made of the canonical text, so it is clean reading
 * text: ligatures unfolded, a line-end hyphen between lower-case letters joined ("informa-" +
 * "tion" → "information", as pdf.js's find bar does), the lines of a paragraph joined with a
 * space, a block per paragraph.
 *
 * Beside the text it returns, for every canonical character, the item and the offset in that
 * item's string it came from. The text layer pdf.js draws has one element per item whose text is
 * exactly the item's string, so this map is how a selection on the page becomes canonical
 * offsets and a stored highlight becomes DOM ranges on the page.
 *
 * The function is pure and versioned: the document stores the version that built its text, so a
 * later change to these rules can re-anchor highlights through their quotes instead of shifting
 * offsets silently.
 */
export const PDF_TEXT_BUILDER_VERSION = 1;

/** The fields of a pdf.js `TextItem` this builder reads (marked-content items filtered out). */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  /** [a, b, c, d, e, f]: the glyph matrix; (e, f) is where the item starts, in PDF user space. */
  transform: readonly number[];
  width: number;
  height: number;
}

export interface PageText {
  text: string;
  /** Page-local ranges over `text`. */
  blocks: Block[];
  /** Per canonical character: the item it came from, or -1 for a space or line end put in. */
  itemOf: Int32Array;
  /** Per canonical character: its offset in that item's string. */
  offsetOf: Int32Array;
  /** False when the page has no readable text (a scan, an image, glyphs without letters). */
  readable: boolean;
}

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/**
 * Latin, Hebrew and Arabic presentation forms: the shapes a font draws (an Arabic letter's
 * initial form), which search and export need as the letters they are.
 */
const PRESENTATION_FORM = /[\uFB00-\uFDFF\uFE70-\uFEFF]/;

interface Line {
  /** Canonical characters of the line (white space collapsed, ligatures unfolded). */
  chars: string[];
  items: number[];
  offsets: number[];
  /** Position along the line's direction and across it (up), and the line's font size. */
  u: number;
  v: number;
  size: number;
  /** Where the line's last glyph ends, along the line. */
  right: number;
}

const isSpace = (c: string) => /\s/.test(c);
/** C0 and C1 controls, the soft hyphen and non-characters: nothing a reader sees. */
const isControl = (c: string) => {
  const code = c.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad || code >= 0xfffe;
};

/** One page's items to canonical text, blocks and the character map. */
export function buildPageText(items: readonly PdfTextItem[]): PageText {
  const lines = readLines(items);
  const blocks: { lines: Line[]; size: number }[] = [];
  let current: { lines: Line[]; size: number; right: number } | null = null;
  for (const line of lines) {
    const previous = current?.lines[current.lines.length - 1];
    if (!current || !previous || startsBlock(previous, line, current.right)) {
      current = { lines: [line], size: line.size, right: line.right };
      blocks.push(current);
    } else {
      current.lines.push(line);
      current.size = Math.max(current.size, line.size);
      current.right = Math.max(current.right, line.right);
    }
  }

  const chars: string[] = [];
  const itemOf: number[] = [];
  const offsetOf: number[] = [];
  const put = (c: string, item: number, offset: number) => {
    chars.push(c);
    itemOf.push(item);
    offsetOf.push(offset);
  };
  const spans: { start: number; end: number; size: number; length: number }[] = [];
  for (const block of blocks) {
    if (chars.length > 0) put('\n', -1, 0);
    const start = chars.length;
    block.lines.forEach((line, index) => {
      if (index > 0) {
        const last = chars[chars.length - 1] ?? '';
        const beforeLast = chars[chars.length - 2] ?? '';
        if (last === '-' && /\p{Ll}/u.test(beforeLast) && /\p{Ll}/u.test(line.chars[0] ?? '')) {
          // "informa-" + "tion": the hyphen only broke the word at the line end.
          chars.pop();
          itemOf.pop();
          offsetOf.pop();
        } else {
          put(' ', -1, 0);
        }
      }
      for (const [i, c] of line.chars.entries()) put(c, line.items[i]!, line.offsets[i]!);
    });
    spans.push({ start, end: chars.length, size: block.size, length: chars.length - start });
  }

  const body = bodySize(spans);
  const built = composeNfc(chars, itemOf, offsetOf);
  const pageBlocks: Block[] = spans.map((s) => {
    const start = built.position[s.start]!;
    const end = built.position[s.end]!;
    const ratio = body > 0 ? s.size / body : 1;
    if (ratio > 1.15 && s.length <= 200) {
      return { type: 'heading', start, end, level: ratio > 1.6 ? 1 : ratio > 1.3 ? 2 : 3 };
    }
    return { type: 'paragraph', start, end };
  });
  return {
    text: built.text,
    blocks: pageBlocks,
    itemOf: Int32Array.from(built.itemOf),
    offsetOf: Int32Array.from(built.offsetOf),
    readable: isReadable(built.text),
  };
}

/** Items to lines: an item with `hasEOL` ends its line; white space collapses to one space. */
function readLines(items: readonly PdfTextItem[]): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  const finish = () => {
    if (!line) return;
    while (line.chars.length > 0 && line.chars[line.chars.length - 1] === ' ') {
      line.chars.pop();
      line.items.pop();
      line.offsets.pop();
    }
    if (line.chars.length > 0) lines.push(line);
    line = null;
  };
  items.forEach((item, index) => {
    const str = item.str;
    if (str.length > 0) {
      const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
      const angle = Math.atan2(b, a);
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const u = e * cos + f * sin;
      const v = -e * sin + f * cos;
      const size = Math.hypot(c, d) || item.height || 1;
      line ??= { chars: [], items: [], offsets: [], u, v, size, right: u };
      const current: Line = line;
      current.size = Math.max(current.size, size);
      current.right = Math.max(current.right, u + item.width);
      for (let k = 0; k < str.length; k++) {
        const ch = str[k]!;
        if (isSpace(ch)) {
          const last = current.chars[current.chars.length - 1];
          if (last !== undefined && last !== ' ') {
            current.chars.push(' ');
            current.items.push(index);
            current.offsets.push(k);
          }
          continue;
        }
        if (isControl(ch)) continue;
        const unfolded = LIGATURES[ch] ?? (PRESENTATION_FORM.test(ch) ? ch.normalize('NFKC') : ch);
        for (const piece of unfolded) {
          current.chars.push(piece);
          current.items.push(index);
          current.offsets.push(k);
        }
      }
    }
    if (item.hasEOL) finish();
  });
  finish();
  return lines;
}

/** Whether `line` starts a new paragraph after `previous` (same page, reading order). */
function startsBlock(previous: Line, line: Line, blockRight: number): boolean {
  const size = Math.max(previous.size, line.size);
  // A heading, a footnote, a caption: the type size changes.
  if (Math.abs(previous.size - line.size) > 0.15 * size) return true;
  // The next column, or anything placed above: reading moved up the page.
  if (line.v > previous.v + 0.5 * size) return true;
  // A blank line's worth of space.
  if (previous.v - line.v > 1.6 * size) return true;
  // An indented first line.
  if (line.u > previous.u + 0.8 * size && line.u - previous.u < 8 * size) return true;
  // A line beside, not under, the one before (a table cell, a margin note) starts anew; a
  // centred title's second line still lies under its first.
  if (line.u > previous.right + size || line.right < previous.u - size) return true;
  // The last line of a paragraph ends short, on a full stop.
  const last = previous.chars[previous.chars.length - 1] ?? '';
  return /[.!?:”"]/.test(last) && previous.right < blockRight - 2 * size;
}

/** The size most of the page's characters are set in. */
function bodySize(spans: readonly { size: number; length: number }[]): number {
  const bySize = new Map<number, number>();
  for (const s of spans) {
    const key = Math.round(s.size * 2) / 2;
    bySize.set(key, (bySize.get(key) ?? 0) + s.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, count] of bySize) {
    if (count > most) {
      best = size;
      most = count;
    }
  }
  return best;
}

/**
 * NFC, keeping the map: a base letter and the combining marks after it (a PDF may draw "u" and
 * "¨" as separate glyphs) compose into one character that maps to the base letter's source.
 * `position[i]` is where the i-th character before composing ends up (and one past the end).
 */
function composeNfc(
  chars: string[],
  itemOf: number[],
  offsetOf: number[],
): { text: string; itemOf: number[]; offsetOf: number[]; position: number[] } {
  const joined = chars.join('');
  const position: number[] = [];
  if (joined === joined.normalize('NFC')) {
    // Characters are UTF-16 units already except astral ones; count units.
    const outItem: number[] = [];
    const outOffset: number[] = [];
    chars.forEach((c, i) => {
      position.push(outItem.length);
      for (let k = 0; k < c.length; k++) {
        outItem.push(itemOf[i]!);
        outOffset.push(offsetOf[i]!);
      }
    });
    position.push(outItem.length);
    return { text: joined, itemOf: outItem, offsetOf: outOffset, position };
  }
  const outItem: number[] = [];
  const outOffset: number[] = [];
  let text = '';
  let i = 0;
  while (i < chars.length) {
    let j = i + 1;
    while (j < chars.length && /^\p{M}/u.test(chars[j]!)) j++;
    const cluster = chars.slice(i, j).join('').normalize('NFC');
    for (let k = i; k < j; k++) position.push(text.length);
    text += cluster;
    for (let k = 0; k < cluster.length; k++) {
      outItem.push(itemOf[i]!);
      outOffset.push(offsetOf[i]!);
    }
    i = j;
  }
  position.push(text.length);
  return { text, itemOf: outItem, offsetOf: outOffset, position };
}

/**
 * Readable text has letters: a scanned page has no items at all, and a font without a usable
 * encoding extracts as symbols and digits with few letters among them.
 */
export function isReadable(text: string): boolean {
  let letters = 0;
  let visible = 0;
  for (const c of text) {
    if (/\s/.test(c)) continue;
    visible++;
    if (/\p{L}/u.test(c)) letters++;
  }
  if (letters < 3) return false;
  return visible < 40 || letters / visible >= 0.4;
}
