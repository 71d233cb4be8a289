import type { Block } from '../../../../shared/model.ts';

/**
 * Paragraph blocks over a text that must keep every character where it is (positions point
 * into it): runs of lines separated by blank lines are paragraphs, and a text without blank
 * lines is read a paragraph per line, as a plain-text import reads it.
 */
export function blocksOver(text: string): Block[] {
  const blankLines = /\n[ \t]*\n/.test(text.trim());
  const separator = blankLines ? /\n[ \t]*\n\s*/g : /\n/g;
  const blocks: Block[] = [];
  let at = 0;
  const push = (from: number, to: number) => {
    const piece = text.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    const trail = piece.length - piece.trimEnd().length;
    if (to - trail > from + lead)
      blocks.push({ type: 'paragraph', start: from + lead, end: to - trail });
  };
  for (const match of text.matchAll(separator)) {
    push(at, match.index);
    at = match.index + match[0].length;
  }
  push(at, text.length);
  return blocks;
}
