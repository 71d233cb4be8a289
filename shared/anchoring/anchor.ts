import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from '../model.ts';

export type AnchorResult =
  | {
      status: 'anchored';
      start: number;
      end: number;
      /** position: the stored offsets still hold the quote; exact: the quote moved; fuzzy: it changed. */
      method: 'position' | 'exact' | 'fuzzy';
      /** 0–1: how closely the quote and its context match. */
      score: number;
    }
  | { status: 'orphan'; reason: string };

/** A candidate must keep at least this much of the quote… */
const MIN_QUOTE_SIMILARITY = 0.75;
/** …and, unless it is a long quote found nearly intact, at least this much of its context. */
const MIN_CONTEXT_SIMILARITY = 0.5;
const NEARLY_INTACT = 0.9;
/** Quotes at least this long are distinctive enough to trust without their context. */
const DISTINCTIVE_LENGTH = 32;

// Weights as in the Hypothesis client's match-quote: the quote matters most, then its context,
// and the old position only breaks ties between otherwise equal candidates.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;
/** Extra room when comparing context, so one inserted character nearby costs one error only. */
const CONTEXT_SLACK = 4;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/** Similarity (0–1) of `pattern` to its best match inside `window`. */
function similarity(window: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  if (window.length === 0) return 0;
  const matches = search(window, pattern, pattern.length);
  if (matches.length === 0) return 0;
  return 1 - Math.min(...matches.map((m) => m.errors)) / pattern.length;
}

const maxQuoteErrors = (exact: string) => Math.floor(exact.length * (1 - MIN_QUOTE_SIMILARITY));

function exactCandidates(text: string, exact: string): Candidate[] {
  const found: Candidate[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) {
    found.push({ start: i, end: i + exact.length, errors: 0 });
  }
  return found;
}

/**
 * Occurrences of the quote when white space is ignored (as Hypothesis matches PDF quotes): a text
 * rebuilt with lines joined or split differently ("mixed-mode" over a line end, a PDF re-read
 * by a newer text builder) still holds the same words. Counted as one error, so it ranks below an
 * exact copy.
 */
function whitespaceCandidates(text: string, exact: string): Candidate[] {
  const needle = exact.replace(/\s+/g, '');
  if (needle.length === 0) return [];
  let squeezed = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    squeezed += text[i];
    at.push(i);
  }
  const found: Candidate[] = [];
  for (let i = squeezed.indexOf(needle); i !== -1; i = squeezed.indexOf(needle, i + 1)) {
    found.push({ start: at[i]!, end: at[i + needle.length - 1]! + 1, errors: 1 });
    if (found.length >= 50) break;
  }
  return found;
}

/**
 * Where the quote *with its context* best survives: search for prefix + quote + suffix, then find
 * the quote inside that stretch. This finds an edited quote in its old place even when an
 * unedited copy of it stands elsewhere.
 */
function contextCandidates(text: string, quote: TextQuoteSelector): Candidate[] {
  const { exact, prefix, suffix } = quote;
  if (prefix.length + suffix.length === 0) return [];
  const whole = prefix + exact + suffix;
  const found: Candidate[] = [];
  for (const region of search(text, whole, Math.floor(whole.length * (1 - MIN_QUOTE_SIMILARITY)))) {
    const stretch = text.slice(region.start, region.end);
    for (const m of search(stretch, exact, maxQuoteErrors(exact))) {
      found.push({ start: region.start + m.start, end: region.start + m.end, errors: m.errors });
    }
  }
  return found;
}

function score(
  text: string,
  c: Candidate,
  { exact, prefix, suffix }: TextQuoteSelector,
  hint: number,
) {
  const before = text.slice(Math.max(0, c.start - prefix.length - CONTEXT_SLACK), c.start);
  const after = text.slice(c.end, c.end + suffix.length + CONTEXT_SLACK);
  const quoteSim = 1 - c.errors / exact.length;
  const prefixSim = prefix.length > 0 ? similarity(before, prefix) : c.start === 0 ? 1 : 0;
  const suffixSim = suffix.length > 0 ? similarity(after, suffix) : c.end === text.length ? 1 : 0;
  const positionSim = 1 - Math.abs(c.start - hint) / Math.max(text.length, 1);
  const total =
    (QUOTE_WEIGHT * quoteSim +
      PREFIX_WEIGHT * prefixSim +
      SUFFIX_WEIGHT * suffixSim +
      POSITION_WEIGHT * positionSim) /
    TOTAL_WEIGHT;
  // An empty prefix means "at the very start" and an empty suffix "at the very end": a
  // candidate elsewhere does not match them. Context is judged on the sides that were stored
  // (or, for a quote that was the whole text, on where it starts and ends now).
  const sides: number[] = [];
  if (prefix.length > 0) sides.push(prefixSim);
  if (suffix.length > 0) sides.push(suffixSim);
  if (sides.length === 0) sides.push(c.start === 0 && c.end === text.length ? 1 : 0);
  const contextSim = sides.reduce((a, b) => a + b, 0) / sides.length;
  return { total, quoteSim, contextSim };
}

/**
 * Find where an annotation belongs in a (possibly changed) text. The stored offsets are trusted
 * when they still hold the quote beside its stored context. Otherwise every exact occurrence of
 * the quote, the best stretch matching quote-with-context, and (when there is no exact copy)
 * approximate occurrences are ranked by quote, context and closeness to the old position. When
 * the best one is not convincing it reports an orphan rather than pin the note to the wrong words.
 */
export function anchor(
  text: string,
  selectors: { position: TextPositionSelector; quote: TextQuoteSelector },
): AnchorResult {
  const { position, quote } = selectors;
  const { exact, prefix, suffix } = quote;
  // The stored offsets hold outright when they still frame the quote and its stored context
  // (an empty side only counts at the matching edge of the text).
  const prefixHolds =
    prefix.length > 0
      ? position.start >= prefix.length &&
        text.slice(position.start - prefix.length, position.start) === prefix
      : position.start === 0;
  const suffixHolds =
    suffix.length > 0
      ? text.slice(position.end, position.end + suffix.length) === suffix
      : position.end === text.length;
  if (text.slice(position.start, position.end) === exact && prefixHolds && suffixHolds) {
    return {
      status: 'anchored',
      start: position.start,
      end: position.end,
      method: 'position',
      score: 1,
    };
  }

  const exacts = exactCandidates(text, exact);
  const spaced = exacts.length === 0 ? whitespaceCandidates(text, exact) : [];
  const fuzzy =
    exacts.length === 0 && spaced.length === 0 ? search(text, exact, maxQuoteErrors(exact)) : [];
  const candidates = [...exacts, ...spaced, ...contextCandidates(text, quote), ...fuzzy];
  if (candidates.length === 0) {
    return {
      status: 'orphan',
      reason: 'Nothing in the document is close enough to the quoted text.',
    };
  }

  let best: { candidate: Candidate; total: number; quoteSim: number; contextSim: number } | null =
    null;
  for (const candidate of candidates) {
    const s = score(text, candidate, quote, position.start);
    if (!best || s.total > best.total) best = { candidate, ...s };
  }
  if (!best || best.quoteSim < MIN_QUOTE_SIMILARITY) {
    return { status: 'orphan', reason: 'The quoted text is no longer in the document.' };
  }
  const distinctive = exact.length >= DISTINCTIVE_LENGTH && best.quoteSim >= NEARLY_INTACT;
  if (best.contextSim < MIN_CONTEXT_SIMILARITY && !distinctive) {
    return {
      status: 'orphan',
      reason:
        best.quoteSim === 1
          ? 'The quoted words still occur, but not in their old surroundings; placing the note there would be a guess.'
          : 'Both the quoted text and the words around it changed too much to place it safely.',
    };
  }
  const { start, end, errors } = best.candidate;
  const method =
    start === position.start && end === position.end && errors === 0
      ? 'position'
      : errors === 0
        ? 'exact'
        : 'fuzzy';
  return { status: 'anchored', start, end, method, score: best.total };
}
