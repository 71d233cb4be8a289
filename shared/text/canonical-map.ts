import { stripControlCharacters } from './control-chars.ts';

/**
 * A foreign text made canonical (no byte-order mark, `\n` line ends, NFC, no stray control
 * characters), with the way back: where each index of the text as it came lands in the
 * canonical text. Positions other tools wrote count the text as it came, so they are read
 * against the raw text and carried over through this map.
 */
export interface CanonicalMap {
  text: string;
  /** Canonical index of a raw UTF-16 index (`raw.length` maps to `text.length`). */
  toCanonical(rawIndex: number): number;
}

// A character and the combining marks after it: the unit NFC composes within.
const CLUSTER = /\r\n|[^\p{M}][\p{M}]*|\p{M}+/gsu;

export function canonicalMap(raw: string): CanonicalMap {
  const starts: number[] = [];
  const targets: number[] = [];
  let text = '';
  for (const match of raw.matchAll(CLUSTER)) {
    const piece = match[0];
    starts.push(match.index);
    targets.push(text.length);
    let canonical: string;
    if (piece === '\r\n' || piece === '\r') canonical = '\n';
    else if (match.index === 0 && piece.startsWith('\uFEFF'))
      canonical = stripControlCharacters(piece.slice(1)).normalize('NFC');
    else canonical = stripControlCharacters(piece).normalize('NFC');
    text += canonical;
  }
  // Text that was NFC and had no CR or stray characters maps one to one: skip the search.
  const identity = text.length === raw.length && text === raw;
  return {
    text,
    toCanonical(rawIndex) {
      if (identity) return Math.max(0, Math.min(rawIndex, text.length));
      if (rawIndex >= raw.length) return text.length;
      if (rawIndex <= 0) return 0;
      // The cluster holding rawIndex: a position inside one (splitting CR LF or a mark from its
      // letter) moves to the cluster's start.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= rawIndex) lo = mid;
        else hi = mid - 1;
      }
      return targets[lo]!;
    },
  };
}
