import type { AttributionContext, Credit } from './context.ts';
import { clauseEnd } from './grammar.ts';
import type { Mention } from './people.ts';
import type { Token } from './tokens.ts';

/** Two people named together, and where the first of them is named. */
interface Pair {
  first: Mention;
  second: Mention;
  start: number;
}

/**
 * Two people named together as one subject: `Oversight Committee Chairman Jason Chaffetz
 * (R-Utah) and Judiciary Committee Chairman Bob Goodlatte`, `Charles E. Grassley, Republican
 * of Iowa, and Patrick J. Leahy`. They speak jointly (`the two wrote`, `they said`), so either
 * name credits both. Read once, in text order.
 */
export function createPairs({ tokens, people, sentences }: AttributionContext) {
  const pairs: Pair[] = [];
  for (const a of people.mentions) {
    if (!a.person || a.possessive) continue;
    let j = a.last + 1;
    if (tokens[j]?.text === '(') {
      const close = clauseEnd(tokens, j, tokens.length);
      if (close > j) j = close + 1;
    }
    if (tokens[j]?.text === ',') {
      const close = clauseEnd(tokens, j, Math.min(tokens.length, j + 8));
      if (close > j) j = close + 1;
    }
    if (tokens[j]?.key !== 'and') continue;
    // Titles before the second name: `and Judiciary Committee Chairman Bob Goodlatte`.
    let k = j + 1;
    while (
      k < tokens.length &&
      k - j <= 5 &&
      !people.mentionAtToken(k)?.person &&
      (tokens[k] as Token).capital
    )
      k++;
    const b = people.mentionAtToken(k);
    if (b?.person && !b.possessive && b.person !== a.person)
      pairs.push({ first: a, second: b, start: a.start });
  }
  const pairByMention = new Map<Mention, Pair>();
  for (const p of pairs) {
    pairByMention.set(p.first, p);
    pairByMention.set(p.second, p);
  }

  /** The pair a mention is one of, if it is. */
  const pairOf = (m: Mention) => pairByMention.get(m) ?? null;

  /** Both people of a pair, credited through the words at `said`. */
  const jointCredit = (pair: Pair, said: { text: string; start: number }): Credit => ({
    speaker: `${pair.first.person?.name} and ${pair.second.person?.name}`,
    role: null,
    mention: said.text,
    mentionStart: said.start,
    introducedAt: pair.start,
    via: 'person',
  });

  /**
   * `the two`, `the committee chairmen`: the pair named last, within ten sentences; a bare
   * `they` (which may mean anyone plural) only within three, and never surely.
   */
  const recentPair = (
    offset: number,
    said: { text: string; start: number },
    reach = 10,
  ): Credit | null => {
    const floor = sentences.bounds(Math.max(0, sentences.indexAt(offset) - reach)).start;
    // The last pair before `offset` (pairs are in text order).
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[mid] as Pair).start < offset) lo = mid + 1;
      else hi = mid;
    }
    const p = pairs[lo - 1];
    return p && p.start >= floor
      ? { ...jointCredit(p, said), doubt: reach < 10 ? 0.6 : 0.3 }
      : null;
  };

  return { pairOf, jointCredit, recentPair };
}

export type Pairs = ReturnType<typeof createPairs>;
