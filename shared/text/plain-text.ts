import type { Block } from '../model.ts';

/** Canonical form of any text we store: no BOM, `\n` line ends, Unicode NFC. */
export function canonicalizeText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

/**
 * Plain text to paragraphs. Text with blank lines is read as blank-line separated paragraphs
 * whose inner line breaks are soft wraps; text without any is read one paragraph per line (as
 * the sample article is written). Paragraphs are joined by a single `\n` in the stored text so
 * a quote that spans two paragraphs still has one unambiguous string.
 */
export function paragraphsFromPlainText(raw: string): { text: string; blocks: Block[] } {
  const canonical = canonicalizeText(raw);
  const hasBlankLines = /\n[ \t]*\n/.test(canonical.trim());
  const pieces = hasBlankLines
    ? canonical.split(/\n[ \t]*\n/).map((p) => p.replace(/\s*\n\s*/g, ' '))
    : canonical.split('\n');
  const paragraphs = pieces.map((p) => p.trim()).filter((p) => p.length > 0);

  const blocks: Block[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    blocks.push({ type: 'paragraph', start: offset, end: offset + paragraph.length });
    offset += paragraph.length + 1;
  }
  return { text: paragraphs.join('\n'), blocks };
}

/** A letter or digit in any script (one code point). */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** Whether the code point at `i` is a letter or digit; ASCII without a regular expression. */
function wordCharAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}

/**
 * The words of a text: runs of letters and digits, an apostrophe (' or ’) between two of them
 * joining them ("don't" is one word), as `/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*\/gu` matches them.
 * Counted in one pass without collecting the matches: the library lists every document's count,
 * and at 100,000 items the first listing after opening spent ~100 ms allocating words.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair was read with the first.
    if (code >= 0xdc00 && code <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))
      continue;
    if (wordCharAt(text, i)) {
      if (!inWord) count++;
      inWord = true;
    } else if (inWord && (code === 39 || code === 0x2019) && i + 1 < text.length) {
      // An apostrophe inside a word keeps it going; anywhere else it ends it.
      inWord = wordCharAt(text, i + 1);
    } else inWord = false;
  }
  return count;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
