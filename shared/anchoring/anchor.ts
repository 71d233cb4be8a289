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

/** A fuzzy candidate must keep at least this much of the quote… */
const MIN_QUOTE_SIMILARITY = 0.75;
/** …and, unless the quote is nearly intact, at least this much of its context. */
const NEARLY_INTACT = 0.9;
const MIN_CONTEXT_SIMILARITY = 0.5;

// Weights as in the Hypothesis client's match-quote: the quote matters most, then its context,
// and the old position only breaks ties between otherwise equal candidates.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** Similarity (0–1) of `pattern` to the best match of it inside `window`. */
function similarity(window: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  if (window.length === 0) return 0;
  const matches = search(window, pattern, pattern.length);
  if (matches.length === 0) return 0;
  const errors = Math.min(...matches.map((m) => m.errors));
  return 1 - errors / pattern.length;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

function exactCandidates(text: string, exact: string): Candidate[] {
  const found: Candidate[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) {
    found.push({ start: i, end: i + exact.length, errors: 0 });
  }
  return found;
}

/**
 * Find where an annotation belongs in a (possibly changed) text. Tries the stored position, then
 * exact occurrences of the quote, then approximate ones; candidates are ranked by quote, context
 * and closeness to the old position. When nothing is close enough it reports an orphan rather
 * than pinning the note to the wrong words.
 */
export function anchor(
  text: string,
  selectors: { position: TextPositionSelector; quote: TextQuoteSelector },
): AnchorResult {
  const { position, quote } = selectors;
  const { exact, prefix, suffix } = quote;
  if (text.slice(position.start, position.end) === exact) {
    return {
      status: 'anchored',
      start: position.start,
      end: position.end,
      method: 'position',
      score: 1,
    };
  }

  let candidates = exactCandidates(text, exact);
  const fuzzy = candidates.length === 0;
  if (fuzzy) {
    const maxErrors = Math.floor(exact.length * (1 - MIN_QUOTE_SIMILARITY));
    if (maxErrors === 0)
      return { status: 'orphan', reason: 'The quoted text is no longer in the document.' };
    candidates = search(text, exact, maxErrors);
    if (candidates.length === 0) {
      return {
        status: 'orphan',
        reason: 'Nothing in the document is close enough to the quoted text.',
      };
    }
  }

  let best: { candidate: Candidate; score: number; quoteSim: number; contextSim: number } | null =
    null;
  for (const candidate of candidates) {
    const quoteSim = 1 - candidate.errors / exact.length;
    // Look a little wider than the stored context so an inserted or deleted character nearby
    // does not cost the whole context.
    const slack = 4;
    const before = text.slice(
      Math.max(0, candidate.start - prefix.length - slack),
      candidate.start,
    );
    const after = text.slice(candidate.end, candidate.end + suffix.length + slack);
    const prefixSim = similarity(before, prefix);
    const suffixSim = similarity(after, suffix);
    const positionSim = 1 - Math.abs(candidate.start - position.start) / Math.max(text.length, 1);
    const score =
      (QUOTE_WEIGHT * quoteSim +
        PREFIX_WEIGHT * prefixSim +
        SUFFIX_WEIGHT * suffixSim +
        POSITION_WEIGHT * positionSim) /
      TOTAL_WEIGHT;
    if (!best || score > best.score) {
      best = { candidate, score, quoteSim, contextSim: (prefixSim + suffixSim) / 2 };
    }
  }
  if (!best) return { status: 'orphan', reason: 'The quoted text is no longer in the document.' };

  if (fuzzy && best.quoteSim < NEARLY_INTACT && best.contextSim < MIN_CONTEXT_SIMILARITY) {
    return {
      status: 'orphan',
      reason: 'Both the quoted text and the words around it changed too much to place it safely.',
    };
  }
  return {
    status: 'anchored',
    start: best.candidate.start,
    end: best.candidate.end,
    method: fuzzy ? 'fuzzy' : 'exact',
    score: best.score,
  };
}
