import { type AttributionContext, type Credit, WINDOW } from './context.ts';
import { DETERMINERS, INSTITUTION_HEADS, PHRASE_STOPS } from './lexicon.ts';
import type { Mention } from './people.ts';
import { type Token, tokenAt } from './tokens.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Organisations as speakers: by the fullest name the text gives them, by their kind when a
 * common noun stands for them (`the committee`, `it`), by the description of one never named
 * (`the Democrat convention committee`), and as the authors papers speak for (`Podliska's
 * lawsuit`, `a letter signed by…`).
 */
export function createInstitutions(context: AttributionContext) {
  const { text, tokens, people, sentences, mentionFrom, nameWithin, fromMention, leadingSubject } =
    context;
  const mentions = people.mentions;
  // Organisations by name, so `Homeland Security` is credited as the fullest name the text
  // gives it (`Department of Homeland Security`).
  // Indexed by their last word (a longer name containing `Homeland Security` ends with a word
  // of it or goes on past it, so every word is indexed), each answer kept: thousands of
  // institutions stay linear.
  const namesByWord = new Map<string, string[]>();
  for (const name of new Set(mentions.filter((m) => m.organisation).map((m) => m.text)))
    for (const word of new Set(name.toLowerCase().split(/\s+/))) {
      const list = namesByWord.get(word) ?? [];
      if (list.length < 50) list.push(name);
      namesByWord.set(word, list);
    }
  const fullest = new Map<string, string>();
  /** The fullest name the text gives the organisation called `name`. */
  const fullestOrganisation = (name: string) => {
    const known = fullest.get(name);
    if (known !== undefined) return known;
    const word = name.toLowerCase().split(/\s+/).at(-1) ?? '';
    const pattern = new RegExp(`(?:^|\\s)${escapeRegExp(name)}(?:$|\\s)`);
    let best = name;
    for (const other of namesByWord.get(word) ?? [])
      if (other.length > best.length && pattern.test(other)) best = other;
    fullest.set(name, best);
    return best;
  };

  // Organisations by the words of their names (`committee` → the committees named, in text
  // order), so `the committee` finds the last one named however far back, in logarithmic time.
  const organisationsByWord = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (!m.organisation) continue;
    for (const w of new Set(m.text.toLowerCase().split(/\s+/))) {
      const list = organisationsByWord.get(w);
      if (list) list.push(m);
      else organisationsByWord.set(w, [m]);
    }
  }
  /** The last organisation before `offset` whose name has one of `kinds`. */
  const lastOfKind = (offset: number, kinds: readonly string[]): Mention | null => {
    let best: Mention | null = null;
    for (const w of kinds) {
      const list = organisationsByWord.get(w) ?? [];
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((list[mid] as Mention).start < offset) lo = mid + 1;
        else hi = mid;
      }
      const m = list[lo - 1];
      if (m && (!best || m.start > best.start)) best = m;
    }
    return best;
  };

  /**
   * The organisation named last before `offset`, credited through the words at `said`: one whose
   * name has one of `kinds` (`the committee`: the article's committee, however far back it was
   * named), or any named within the three sentences before (`it`).
   */
  const recentOrganisation = (
    offset: number,
    kinds: readonly string[] | null,
    said: Token,
  ): Credit | null => {
    const floor = sentences.bounds(Math.max(0, sentences.indexAt(offset) - 3)).start;
    // Bounded in characters too, so a sentence of thousands of quotations stays linear.
    const reach = Math.max(floor, offset - WINDOW);
    let found: Mention | null = kinds ? lastOfKind(offset, kinds) : null;
    for (let k = mentionFrom(offset) - 1; k >= 0 && !kinds; k--) {
      const m = mentions[k] as Mention;
      if (m.start < reach) break;
      if (m.organisation) {
        found = m;
        break;
      }
    }
    if (!found) return null;
    // Read from a common noun (`the panel`), it may mean another: half a doubt.
    return {
      ...fromMention(found),
      mention: said.text,
      mentionStart: said.start,
      via: 'organisation',
      doubt: kinds ? 0.5 : 0.6,
    };
  };

  /**
   * `Thursday's memo from the panel seemed aimed at… "…," it stated.`: with no institution named
   * just before `it`, the one a common noun (`the panel`) in the sentence before means.
   */
  const institutionBefore = (it: Token): Credit | null => {
    const floor = sentences.bounds(Math.max(0, sentences.indexAt(it.start) - 1)).start;
    const lo = tokenAt(tokens, Math.max(floor, it.start - WINDOW));
    for (let k = tokenAt(tokens, it.start) - 1; k > lo; k--) {
      const t = tokens[k] as Token;
      const kinds = INSTITUTION_HEADS.get(t.key);
      if (!kinds || t.quoted || t.capital || !DETERMINERS.has((tokens[k - 1] as Token).key))
        continue;
      // The nearest such noun only, so a sentence of thousands of them stays linear.
      return recentOrganisation(t.start, kinds, it);
    }
    return null;
  };

  /** Who a paper in [from, to] speaks for: a person or institution named in the phrase, else the author of the same paper named before. */
  const authorOf = (from: number, to: number): Credit | null => {
    for (let k = from; k < to; k++) {
      const m = people.mentionAtToken(k);
      if (m && !m.place && m.last < to && (m.person || m.organisation)) return fromMention(m);
    }
    // `the suit reads`: the suit someone's was called before (`Podliska's lawsuit`).
    const paper = (tokens[to] as Token).key;
    const same = paper === 'suit' || paper === 'lawsuit' ? ['suit', 'lawsuit'] : [paper];
    // The first earlier mention that says whose it is; failing that, the subject of the sentence
    // the nearest one is in.
    let fallback: Credit | null | undefined;
    // The nearest few mentions only, so a text of thousands of them stays linear.
    let seen = 0;
    for (let k = from - 1; k >= 0 && from - k < 600 && seen < 4; k--) {
      if (!same.includes((tokens[k] as Token).key) || (tokens[k] as Token).quoted) continue;
      seen++;
      for (let o = k - 1; o >= Math.max(0, k - 3); o--) {
        const m = people.mentionAtToken(o);
        if (m && m.last === k - 1 && (m.person || m.organisation)) return fromMention(m);
      }
      const by = filedBy(k);
      if (by) return by;
      if (fallback === undefined) {
        // `His campaign sent out a fundraising email`: whoever sent it.
        const lo = tokenAt(
          tokens,
          sentences.bounds(sentences.indexAt((tokens[k] as Token).start)).start,
        );
        fallback = leadingSubject(lo, k);
      }
    }
    return fallback ?? null;
  };

  /**
   * `The lawsuit, filed by a former staffer named Bradley Podliska`, `a letter signed by…`: the
   * person or institution after a `by` just after the paper's word wrote it.
   */
  const filedBy = (paper: number): Credit | null => {
    for (let j = paper + 1; j < tokens.length && j - paper <= 4; j++) {
      const t = tokens[j] as Token;
      if (t.quoted || (PHRASE_STOPS.has(t.key) && t.key !== 'by')) return null;
      if (t.key !== 'by') continue;
      const m = nameWithin(j + 1, Math.min(tokens.length - 1, j + 7));
      return m && (m.person || m.organisation) ? fromMention(m) : null;
    }
    return null;
  };

  /** `the Democrat convention committee` → `Democrat convention committee`, when a capital is in it. */
  const describedInstitution = (from: number, to: number): Credit | null => {
    let first = from;
    while (first < to && DETERMINERS.has((tokens[first] as Token).key)) first++;
    if (first === from || first === to) return null;
    let capital = false;
    for (let k = first; k < to; k++) {
      const t = tokens[k] as Token;
      if (!t.word || t.possessive || t.quoted) return null;
      if (t.capital) capital = true;
    }
    if (!capital) return null;
    const name = text.slice((tokens[first] as Token).start, (tokens[to] as Token).end);
    return {
      speaker: name,
      role: null,
      mention: text.slice((tokens[from] as Token).start, (tokens[to] as Token).end),
      mentionStart: (tokens[from] as Token).start,
      introducedAt: null,
      via: 'organisation',
      doubt: 0.5,
    };
  };

  return {
    fullestOrganisation,
    recentOrganisation,
    institutionBefore,
    authorOf,
    describedInstitution,
  };
}

export type Institutions = ReturnType<typeof createInstitutions>;
