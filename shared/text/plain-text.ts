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

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu);
  return words ? words.length : 0;
}
