import { ABBREVIATIONS } from './lexicon.ts';
import type { QuotationSpan } from './quote-marks.ts';

/**
 * Sentence boundaries outside quotations: a full stop, question or exclamation mark followed by
 * a capital, a digit or an opening mark; a quotation that ends its sentence inside the marks
 * (`…do."` then a capital); and every paragraph end. Abbreviations and initials do not end one.
 */
export interface Sentences {
  /** Start offsets, ascending; sentence `i` is `[starts[i], starts[i + 1])`. */
  starts: number[];
  /** Which sentence an offset is in. */
  indexAt(offset: number): number;
  bounds(index: number): { start: number; end: number; paragraphStart: boolean };
}

const TERMINATOR = /[.!?…]/;
const CLOSERS = /[)\]"”’'»›]/;
const NEXT_START = /[\p{Lu}\p{N}"“‘'«„(]/u;

function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1] as string)) s--;
  const word = text.slice(s, dot);
  if (word.length === 0) return false;
  // Initials and initialisms: J. Smith, U.S. officials.
  if (/^(?:\p{L}\.)*\p{L}$/u.test(word) && (word.length === 1 || word.includes('.'))) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

export function findSentences(text: string, spans: readonly QuotationSpan[]): Sentences {
  const starts = [0];
  let s = 0;
  const n = text.length;
  const boundaryAfter = (i: number) => {
    // `i` is the last character of a sentence; the next starts after spaces.
    let k = i + 1;
    while (k < n && text[k] !== '\n' && /\s/.test(text[k] as string)) k++;
    if (k >= n) return;
    if (text[k] === '\n') return; // the paragraph end adds it
    if (!NEXT_START.test(text[k] as string)) return;
    if (starts[starts.length - 1] !== k) starts.push(k);
  };
  for (let i = 0; i < n; i++) {
    const span = spans[s];
    if (span && i === span.open) {
      // Skip the quotation; it ends the sentence when its last words do.
      const inner = text.slice(span.open + 1, span.close).trimEnd();
      if (TERMINATOR.test(inner.at(-1) ?? '')) boundaryAfter(span.close);
      i = span.close;
      s++;
      continue;
    }
    const ch = text[i] as string;
    if (ch === '\n') {
      if (i + 1 < n && starts[starts.length - 1] !== i + 1) starts.push(i + 1);
      continue;
    }
    if (!TERMINATOR.test(ch)) continue;
    if (ch === '.' && isAbbreviation(text, i)) continue;
    let j = i;
    while (
      j + 1 < n &&
      (TERMINATOR.test(text[j + 1] as string) || CLOSERS.test(text[j + 1] as string))
    )
      j++;
    if (j + 1 < n && !/\s/.test(text[j + 1] as string)) continue; // 3.5, e.g.x
    boundaryAfter(j);
    i = j;
  }
  const indexAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    starts,
    indexAt,
    bounds(index) {
      const start = starts[index] ?? n;
      return {
        start,
        end: starts[index + 1] ?? n,
        paragraphStart: start === 0 || text[start - 1] === '\n',
      };
    },
  };
}
