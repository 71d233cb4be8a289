import { ATTRIBUTION_VERBS, DOCUMENTS } from './lexicon.ts';
import { type Token, tokenAt } from './tokens.ts';
import type { QuoteKind } from './types.ts';

/** Up to this many words inside a sentence, an unattributed quotation is a scare quote. */
const SCARE_MAX_WORDS = 4;

/** Words that name or label rather than report: `so-called "…"`, `known as "…"`. */
const NAMING =
  /\b(?:so-called|known(?:\s+\w+)?\s+as|dubbed|nicknamed|titled|entitled|named|the\s+term|the\s+word|the\s+phrase)\s*$/i;

/** `Save Our Shelves`, `Golden Week`: most of the longer words capitalised, a name or a title. */
export function isTitleCase(inner: string): boolean {
  const long = inner.split(/\s+/).filter((w) => /^\p{L}{3,}/u.test(w));
  if (long.length === 0) return false;
  const capitalised = long.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised * 3 >= long.length * 2 && !/[.!?]$/.test(inner.trim());
}

/** Does the sentence [start, end) report speech: an attribution verb or `according to` outside quotations? */
export function hasSpeechCue(tokens: readonly Token[], start: number, end: number): boolean {
  const hi = tokenAt(tokens, end);
  for (let j = tokenAt(tokens, start); j < hi; j++) {
    const t = tokens[j] as Token;
    if (t.quoted || !t.word) continue;
    if (ATTRIBUTION_VERBS.has(t.key)) return true;
    // `Podliska's most explosive claim is…`: someone's paper speaks.
    if (t.possessive && [1, 2, 3].some((d) => DOCUMENTS.has(tokens[j + d]?.key ?? ''))) return true;
    if (t.key === 'according' && tokens[j + 1]?.key === 'to') return true;
  }
  return false;
}

/**
 * What a quotation is. A statement (`direct`) stands as a sentence of its own, or opens one; a
 * `partial` quotation is someone's words woven into the writer's sentence (`the candidate
 * called the count "rigged"`); a `scare` quote is nobody's words: irony, a term, a name or a
 * title, with no speaker in reach.
 */
export function kindOf(
  inner: string,
  lead: string,
  context: { credited: boolean; speechCue: () => boolean },
): QuoteKind {
  const trimmed = inner.trim();
  const words = trimmed.split(/\s+/).length;
  const midSentence = /[\p{L}\p{N},]/u.test(lead) && !/:\s*$/.test(lead);
  if (!midSentence) return 'direct';
  if (NAMING.test(lead)) return 'scare';
  if (!context.credited) {
    if (isTitleCase(trimmed)) return 'scare';
    if (words <= SCARE_MAX_WORDS && !context.speechCue()) return 'scare';
  }
  // Woven into the sentence: it starts in lower case, or it is a fragment.
  return /^\p{Ll}/u.test(trimmed) || words <= SCARE_MAX_WORDS ? 'partial' : 'direct';
}
