import { matchRanges } from './text.ts';

/** A note's Markdown as the words a reader sees: link targets, markup and citations' URLs gone. */
export function markdownToPlain(markdown: string): string {
  return (
    markdown
      // Link text holds no bracket and targets no parenthesis or space, so a run of thousands
      // of "[" is passed over in one step each instead of rescanned to the end every time.
      .replace(/!?\[([^[\]\n]*)\]\([^()\s]*\)/g, '$1')
      .replace(/^[>#\-*+\s]+/gm, '')
      // Emphasis markers at word edges go; inside words (user_id, 2*3*4) they are text.
      .replace(/(^|[\s(["'])[*_`~]+/g, '$1')
      .replace(/[*_`~]+(?=[\s)\]"'.,;:!?]|$)/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * A window of `text` around its first match (or its start), with the matches inside it, so a
 * long note shows the sentence that was found rather than its first line.
 */
export function excerptAround(
  text: string,
  words: readonly string[],
  length = 180,
): { text: string; matches: [number, number][] } {
  // A megabyte of note is not scanned per result: the match is looked for in its head.
  if (text.length > 20_000) text = text.slice(0, 20_000);
  const all = matchRanges(text, words);
  if (text.length <= length) return { text, matches: all };
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 3));
  // Start at a word boundary.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const shift = lead.length - start;
  const matches = all
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s + shift, e + shift] as [number, number]);
  return { text: `${lead}${text.slice(start, end)}${tail}`, matches };
}
