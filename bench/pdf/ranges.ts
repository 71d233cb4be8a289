/**
 * Where the bench puts highlights: whole words of a document's text, as a reader's selection
 * snapped to words would give, spread evenly so every part of a long document carries some.
 */

export interface TextRange {
  start: number;
  end: number;
}

/** Every word (a run of letters or digits) of `text`, as ranges. */
export function words(text: string, from = 0, to = text.length): TextRange[] {
  const out: TextRange[] = [];
  const pattern = /[\p{L}\p{N}]+/gu;
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) {
    const end = m.index + m[0].length;
    if (end <= to) out.push({ start: m.index, end });
  }
  return out;
}

/**
 * `count` non-overlapping ranges of `span` words each, evenly spaced over `text`: the first word
 * of each slot through the span-th. A text of too few words for a handful of those (a one-page
 * specimen of ligatures or umlauts) gets `count` even pieces of its characters instead, as a
 * selection inside words would make, so it is still checked.
 */
export function spreadRanges(text: string, count: number, span = 2): TextRange[] {
  const all = words(text);
  const slots = Math.min(count, Math.floor(all.length / (span + 1)));
  if (slots < Math.min(count, 4)) return characterPieces(text, count);
  const out: TextRange[] = [];
  for (let k = 0; k < slots; k++) {
    const first = Math.floor((k * all.length) / slots);
    const last = Math.min(first + span - 1, all.length - 1);
    out.push({ start: all[first]!.start, end: all[last]!.end });
  }
  return out;
}

/** Up to `count` pieces of at least two characters, cut evenly, trimmed of white space. */
function characterPieces(text: string, count: number): TextRange[] {
  const pieces = Math.min(count, Math.floor(text.length / 2));
  const out: TextRange[] = [];
  for (let k = 0; k < pieces; k++) {
    let start = Math.floor((k * text.length) / pieces);
    let end = Math.floor(((k + 1) * text.length) / pieces);
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** Words within [from, to) that touch none of `taken`, `count` of them spread over the span. */
export function freeWords(
  text: string,
  from: number,
  to: number,
  taken: readonly TextRange[],
  count: number,
): TextRange[] {
  const free = words(text, from, to).filter(
    (w) => !taken.some((t) => w.start < t.end + 1 && t.start < w.end + 1),
  );
  if (free.length <= count) return free;
  return Array.from(
    { length: count },
    (_, i) => free[Math.floor(((i + 0.5) * free.length) / count)]!,
  );
}
