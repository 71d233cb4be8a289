/**
 * Text as search sees it: lower case, accents folded (`Fitrat` = `fitrat`, `Hérat` = `herat`),
 * curly quotes and apostrophes made plain, words split on anything that is not a letter or a
 * digit. The index and the query both go through here, so they always agree.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the fast path's test.
const NON_ASCII = /[^\u0000-\u007f]/;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’ʼ]/g;
const POSSESSIVE = /['’ʼ]s(?![\p{L}\p{N}])/gu;
const ASCII_SPLIT = /[^a-z0-9]+/;
const UNICODE_SPLIT = /[^\p{L}\p{N}]+/u;

/** Lower case, accents and apostrophes removed, typographic quotes and dashes made plain. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // A possessive is the word itself: "Mujahid's" finds Mujahid.
  if (!NON_ASCII.test(lower)) return lower.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
  return (
    lower
      .normalize('NFD')
      .replace(MARKS, '')
      .replace(/[“”„‟«»]/g, '"')
      .replace(/[‘‚‛]/g, "'")
      .replace(POSSESSIVE, '')
      .replace(APOSTROPHES, '')
      .replace(/[‐‑‒–—―]/g, '-')
      // Final sigma is a position, not a letter: the same word folds the same wherever it stands.
      .replace(/ς/g, 'σ')
      .normalize('NFC')
  );
}

/** The words of a text, folded. (Hot: every word of every item goes through here.) */
export function tokenize(text: string): string[] {
  let folded = text.toLowerCase();
  let parts: string[];
  if (!NON_ASCII.test(folded)) {
    if (folded.includes("'")) folded = folded.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
    parts = folded.split(ASCII_SPLIT);
  } else parts = foldText(folded).split(UNICODE_SPLIT);
  // Splitting on runs of separators leaves empty strings only at the ends.
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 0 && parts[0] === '') parts.shift();
  return parts;
}

/**
 * The folded form of a text with, for each folded character, the offset of the original
 * character it came from: matches found in folded text are marked in the original.
 */
export function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let i = 0;
  for (const char of text) {
    const piece = foldText(char);
    for (let k = 0; k < piece.length; k++) offsets.push(i);
    folded += piece;
    i += char.length;
  }
  offsets.push(i);
  return { folded, offsets };
}

/**
 * Where the given (folded) words occur as whole words or word starts in `text`, as ranges of the
 * original text, merged and in order. For marking matched characters in results.
 */
export function matchRanges(text: string, words: readonly string[]): [number, number][] {
  if (words.length === 0 || text === '') return [];
  const { folded, offsets } = foldWithOffsets(text);
  const ranges: [number, number][] = [];
  for (const word of words) {
    if (word === '') continue;
    let from = 0;
    for (;;) {
      const at = folded.indexOf(word, from);
      if (at < 0) break;
      const before = at === 0 ? '' : folded[at - 1]!;
      if (at === 0 || !/[\p{L}\p{N}]/u.test(before))
        ranges.push([offsets[at]!, offsets[at + word.length]!]);
      from = at + 1;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
