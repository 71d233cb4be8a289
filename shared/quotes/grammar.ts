import {
  ATTRIBUTION_VERBS,
  DETERMINERS,
  DOCUMENT_VERBS,
  DOCUMENTS,
  PHRASE_STOPS,
  PREPOSITIONS,
} from './lexicon.ts';
import type { Token } from './tokens.ts';

// What a token is to an attribution, read from the tokens alone: a verb of speech (a person's or
// a paper's), a word of a noun phrase, the end of a clause between commas. No names and no state,
// so every reader of attributions shares these.

/** Past participles that describe a paper: `a report released…`, `a letter written…`. */
const PARTICIPLE = /^(?:\p{Ll}+ed|written|sent|made|given|drawn|seen|shown)$/u;
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being']);

/** A verb people speak with (`said`, `told`), outside quotations. */
export const isVerb = (t: Token | undefined) =>
  !!t && t.word && !t.quoted && ATTRIBUTION_VERBS.has(t.key);

/** An attribution verb at token `j`, including a paper's (`the memo found`, `as X put it`). */
export function isVerbAt(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j];
  if (isVerb(t)) return !pluralNoun(tokens, j);
  if (!t || t.quoted || !DOCUMENT_VERBS.has(t.key)) return false;
  if (t.key === 'put') return tokens[j + 1]?.key === 'it';
  // `the memo found`, `a report released last year found`, or inverted: `read the email`.
  return (
    paperBefore(tokens, j) >= 0 ||
    (DETERMINERS.has(tokens[j + 1]?.key ?? '') && DOCUMENTS.has(tokens[j + 2]?.key ?? ''))
  );
}

/**
 * The paper a paper's verb at `v` has for subject: the word just before it (`the memo found`),
 * or one before a participle and a few words of when (`a report released last year found`);
 * -1 when there is none.
 */
export function paperBefore(tokens: readonly Token[], v: number): number {
  if (DOCUMENTS.has(tokens[v - 1]?.key ?? '')) return v - 1;
  for (let k = v - 2; k >= Math.max(0, v - 5); k--) {
    const t = tokens[k] as Token;
    if (!t.word || t.quoted || PHRASE_STOPS.has(t.key)) return -1;
    const next = tokens[k + 1] as Token;
    if (DOCUMENTS.has(t.key)) return PARTICIPLE.test(next.key) && !next.capital ? k : -1;
  }
  return -1;
}

/** `Priebus was said to be "furious"`: a passive report names no speaker. */
export const isPassive = (tokens: readonly Token[], v: number) =>
  PASSIVE.has(tokens[v - 1]?.key ?? '');

export const isAccordingTo = (tokens: readonly Token[], j: number) =>
  tokens[j]?.key === 'according' && tokens[j + 1]?.key === 'to';

/** Words that can belong to a subject or object noun phrase. */
export const inPhrase = (t: Token) =>
  t.word &&
  !t.quoted &&
  !PHRASE_STOPS.has(t.key) &&
  !ATTRIBUTION_VERBS.has(t.key) &&
  t.key !== 'according';

/**
 * The token that ends a clause opened at `j` (a comma or an opening bracket): the next comma,
 * or the closing bracket, within 24 tokens and before `hi`; `j` when there is none.
 */
export function clauseEnd(tokens: readonly Token[], j: number, hi: number): number {
  const bracket = (tokens[j] as Token).text === '(';
  for (let k = j + 1; k < hi && k - j <= 24; k++) {
    const t = tokens[k] as Token;
    if (bracket ? t.text === ')' : t.text === ',') return k;
    if (!bracket && (t.text === '.' || t.text === ';')) return j;
  }
  return j;
}

/**
 * `rejected demands and threats`, `the calls`, `of claims`: a speech word in -s after a
 * determiner, a preposition, `and`, or a verb in the past tense is a plural noun, not a verb.
 */
function pluralNoun(tokens: readonly Token[], j: number): boolean {
  const key = (tokens[j] as Token).key;
  if (!key.endsWith('s') || key === 'says') return false;
  const before = tokens[j - 1];
  if (!before?.word || before.capital) return false;
  return (
    DETERMINERS.has(before.key) ||
    PREPOSITIONS.has(before.key) ||
    before.key === 'and' ||
    before.key === 'or' ||
    /[a-z]ed$/.test(before.key)
  );
}
