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
  const parts: string[] = [];
  let offsets = new Int32Array(text.length + 16);
  let n = 0;
  const push = (offset: number) => {
    if (n === offsets.length) {
      const grown = new Int32Array(offsets.length * 2);
      grown.set(offsets);
      offsets = grown;
    }
    offsets[n++] = offset;
  };
  // Each character folds on its own (so every folded character knows its original). A run of
  // ASCII folds as one lower-cased slice (an apostrophe to nothing); anything else through
  // foldText, remembered per character: a 100,000-word document folds in tens of milliseconds.
  const known = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length) {
      const code = text.charCodeAt(j);
      if (code >= 0x80 || code === 0x27) break;
      j++;
    }
    if (j > i) {
      parts.push(text.slice(i, j).toLowerCase());
      for (let k = i; k < j; k++) push(k);
      i = j;
      continue;
    }
    if (text.charCodeAt(i) === 0x27) {
      i++;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) as number);
    let piece = known.get(char);
    if (piece === undefined) {
      piece = foldText(char);
      known.set(char, piece);
    }
    for (let k = 0; k < piece.length; k++) push(i);
    parts.push(piece);
    i += char.length;
  }
  push(i);
  return { folded: parts.join(''), offsets: Array.from(offsets.subarray(0, n)) };
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
