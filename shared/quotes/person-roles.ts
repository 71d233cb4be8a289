import {
  ATTRIBUTION_VERBS,
  ORGANISATION_WORDS,
  PHRASE_STOPS,
  ROLE_HEADS,
  ROLE_MODIFIERS,
} from './lexicon.ts';
import { joined, type Token } from './tokens.ts';

/** Small words inside a role or a name's expansion (`Chief of Staff`). */
export const CONNECTORS = new Set(['of', 'for', 'at', 'on', 'in', 'the', 'to']);

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'some', 'one']);

/** Words that turn an apposition into a clause (`Lena Aas, the engineer, can stay…`). */
const CLAUSE_WORDS = new Set(
  'who which that whose where when is are was were has have had will would can could and but'.split(
    ' ',
  ),
);

/**
 * The role a name is introduced with, kept apart from the name: before it (`board chair Ingrid
 * Saltvik`), or in an apposition before or after it (`the Foreign Ministry's political
 * director, Zakir Jalali`; `Aisha Rahman, chair of the Riverside Residents' Association,`).
 */

/** Could this token be part of a role phrase (`First Deputy of the General Directorate`)? */
function roleLike(t: Token): boolean {
  if (!t.word) return t.text === "'" || t.text === '’';
  if (t.quoted || PHRASE_STOPS.has(t.key) || ATTRIBUTION_VERBS.has(t.key)) return false;
  return (
    t.capital ||
    ROLE_HEADS.has(t.key) ||
    ROLE_MODIFIERS.has(t.key) ||
    CONNECTORS.has(t.key) ||
    ORGANISATION_WORDS.has(t.key)
  );
}

/** Trim a candidate role phrase to its role-like right end; null without a role head. */
function rolePhrase(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): string | null {
  let i = to;
  while (i >= from && roleLike(tokens[i] as Token)) i--;
  let start = i + 1;
  while (
    start <= to &&
    ((tokens[start] as Token).word === false ||
      CONNECTORS.has((tokens[start] as Token).key) ||
      DETERMINERS.has((tokens[start] as Token).key))
  )
    start++;
  if (start > to) return null;
  let hasHead = false;
  for (let k = start; k <= to; k++) if (ROLE_HEADS.has((tokens[k] as Token).key)) hasHead = true;
  if (!hasHead) return null;
  return text.slice((tokens[start] as Token).start, (tokens[to] as Token).end);
}

/** The role written just before a name: `board chair Ingrid Saltvik`, `U.S. President Donald Trump`. */
export function roleBefore(
  text: string,
  tokens: readonly Token[],
  nameFirst: number,
): string | null {
  let j = nameFirst - 1;
  const limit = Math.max(0, nameFirst - 12);
  while (j >= limit) {
    const t = tokens[j] as Token;
    const next = tokens[j + 1] as Token;
    if (!joined(text, t, next)) break;
    if (!t.word || t.quoted || PHRASE_STOPS.has(t.key) || ATTRIBUTION_VERBS.has(t.key)) break;
    if (DETERMINERS.has(t.key)) break;
    j--;
  }
  return j + 1 <= nameFirst - 1 ? rolePhrase(text, tokens, j + 1, nameFirst - 1) : null;
}

/** `the Foreign Ministry's political director, Zakir Jalali` → the phrase before the comma. */
export function appositiveBefore(
  text: string,
  tokens: readonly Token[],
  nameFirst: number,
): string | null {
  const comma = tokens[nameFirst - 1];
  if (comma?.text !== ',') return null;
  let j = nameFirst - 2;
  const limit = Math.max(0, nameFirst - 12);
  while (j >= limit) {
    const t = tokens[j] as Token;
    if (t.quoted || (!t.word && t.text !== "'" && t.text !== '’')) break;
    if (PHRASE_STOPS.has(t.key) || ATTRIBUTION_VERBS.has(t.key) || t.key === 'according') break;
    if (text.slice(t.end, (tokens[j + 1] as Token).start).includes('\n')) break;
    j--;
  }
  return j + 1 <= nameFirst - 2 ? rolePhrase(text, tokens, j + 1, nameFirst - 2) : null;
}

/** `Aisha Rahman, chair of the Riverside Residents' Association,` → the phrase after the comma. */
export function appositiveAfter(
  text: string,
  tokens: readonly Token[],
  nameLast: number,
): string | null {
  const comma = tokens[nameLast + 1];
  if (comma?.text !== ',') return null;
  let j = nameLast + 2;
  // An age between them: `Lukas Berger, 34, a teacher from Winterthur`.
  if (/^\d{1,3}$/.test(tokens[j]?.text ?? '') && tokens[j + 1]?.text === ',') j += 2;
  const from = j;
  const first = tokens[j];
  if (!first?.word || /^(?:who|which|whose|where|when)$/.test(first.key)) return null;
  const limit = Math.min(tokens.length - 1, nameLast + 14);
  while (j <= limit) {
    const t = tokens[j] as Token;
    // Commas bound it, so any plain word may be in it (`a climate scientist at…`).
    const plain = t.word && !CLAUSE_WORDS.has(t.key) && !ATTRIBUTION_VERBS.has(t.key);
    if (j > from && t.capital && tokens[j - 1]?.text === ',') break;
    if (t.quoted || !(plain || t.text === "'" || t.text === '’')) break;
    j++;
  }
  const end = j - 1;
  const after = tokens[j];
  // It must end where the apposition does, not run into the rest of the sentence.
  if (
    end < nameLast + 2 ||
    (after && after.text !== ',' && after.text !== '.' && !ATTRIBUTION_VERBS.has(after.key))
  )
    return null;
  // Read forwards, so trim from the left like a role before a name.
  let start = from;
  while (start <= end && DETERMINERS.has((tokens[start] as Token).key)) start++;
  if (start > end) return null;
  let hasHead = false;
  for (let k = start; k <= end; k++) if (ROLE_HEADS.has((tokens[k] as Token).key)) hasHead = true;
  return hasHead ? text.slice((tokens[start] as Token).start, (tokens[end] as Token).end) : null;
}
