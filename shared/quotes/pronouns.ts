import { type AttributionContext, type Credit, WINDOW } from './context.ts';
import type { Gender } from './genders.ts';
import { isVerbAt } from './grammar.ts';
import { PHRASE_STOPS } from './lexicon.ts';
import type { Pairs } from './pairs.ts';
import type { Mention, Person } from './people.ts';
import { type Token, tokenAt } from './tokens.ts';

/** What a mention's distance in sentences before a pronoun adds to its likelihood. */
const NEARNESS = [3, 2.5, 1, 0];
/** Verbs that carry on the last speaker's words. */
const GOES_ON = new Set(['added', 'adds', 'continued', 'continues', 'went']);
const PRONOUN_GENDERS = new Map<string, Gender>([
  ['he', 'male'],
  ['him', 'male'],
  ['his', 'male'],
  ['she', 'female'],
  ['her', 'female'],
]);

/**
 * Who `he`, `she` and `they` mean: `they` the pair named last, `he`/`she` the likeliest person
 * named in the few sentences before. Remembers who the quotations so far were credited to, since
 * the last speaker is the likeliest `he` or `she`.
 */
export function createPronouns(context: AttributionContext, { recentPair }: Pairs) {
  const { text, tokens, people, sentences, mentionFrom, firstPersonIn, subjectOf } = context;
  const mentions = people.mentions;

  /** Set while a pronoun reads the unnamed speaker of a sentence before it. */
  let readingUnnamed = false;
  /** Who spoke last, as the quotations so far credit it: the likeliest `he` or `she`. */
  let lastSpeaker: string | null = null;

  /**
   * `he`/`she`: the person the pronoun most likely means among those named in its sentence and
   * the three before, by gender where the text tells it (`Mr.`, `Mrs.`, earlier pronouns), by
   * being a sentence's subject, by being the last speaker, and by nearness. The runner-up is
   * kept as the alternative, and a close race makes the credit doubtful.
   */
  const fromPronoun = (t: Token): Credit | null => {
    if (t.key === 'they') return recentPair(t.start, t, 3);
    if (t.key !== 'he' && t.key !== 'she') return null;
    const gender = t.key === 'he' ? 'male' : 'female';
    const here = sentences.indexAt(t.start);
    // `"You think I'm going to change?" he said`: a tag after a quotation that ends in its own
    // stop is part of the quotation's sentence, so nearness counts from there.
    const near = here - (taggedAfterQuote(here) ? 1 : 0);
    const first = Math.max(0, here - 3);
    // A sentence before whose speaker is unnamed (`The conductor, who asked not to be named,
    // said…`) is who the pronoun means when nobody is named after it.
    let unnamedFrom = -1;
    for (let s = here - 1; s >= first; s--) {
      if (firstPersonIn(s, sentences.bounds(s).end)) break;
      if (hasVerb(s)) {
        unnamedFrom = s;
        break;
      }
    }
    // One level only: that sentence's own `he said` would read the one before it, and so on
    // back through a text of thousands of them.
    if (unnamedFrom >= 0 && !readingUnnamed && !firstPersonIn(here, t.start)) {
      readingUnnamed = true;
      const unnamed = speakerOfSentence(unnamedFrom);
      readingUnnamed = false;
      if (unnamed && !unnamed.speaker)
        return { ...unnamed, mention: t.text, mentionStart: t.start, via: 'pronoun' };
    }
    // `With septuagenarian Donald Trump, … Just ask him. "…" he said`: whom the last pronoun
    // before it meant, the text is still about.
    const topic = lastReferent(
      Math.max(sentences.bounds(first).start, t.start - WINDOW),
      t,
      gender,
    );
    // `he added`, `she continued`: the last speaker goes on.
    const goesOn = GOES_ON.has(tokens[tokenAt(tokens, t.start) + 1]?.key ?? '');
    const scores = new Map<Person, number>();
    const from = Math.max(sentences.bounds(first).start, t.start - WINDOW);
    for (let k = mentionFrom(from); k < mentions.length; k++) {
      const m = mentions[k] as Mention;
      if (m.start >= t.start) break;
      const p = m.person;
      if (!p || (p.gender && p.gender !== gender)) continue;
      const s = sentences.indexAt(m.start);
      const sentenceStart = tokenAt(tokens, sentences.bounds(s).start);
      // Nearness first (the sentence before is the classic antecedent), then what the text says
      // of their gender, being a subject, having just spoken; a given name is only a hint.
      let score = (NEARNESS[near - s] ?? 0) + (m.possessive ? 0 : 0.5);
      if (p.gender === gender) score += 1;
      else if (!p.gender && p.nameGender) score += p.nameGender === gender ? 0.75 : -2.5;
      // The subject of its sentence, or of a clause (`after U.S. President Trump escalated`).
      const next = tokens[m.last + 1];
      const clauseSubject =
        !!next?.word && !next.capital && !PHRASE_STOPS.has(next.key) && /(?:ed|s)$/.test(next.key);
      if ((m.first - sentenceStart <= 6 && firstPersonIn(s, m.end) === m) || clauseSubject)
        score += 1;
      // Someone who speaks in the text (`Kunin said`, `said Kunin`) is who `she said` means next.
      if (isVerbAt(tokens, m.last + 1) || isVerbAt(tokens, m.first - 1)) score += 1;
      // Someone introduced in the sentence just before (`Dr. Amaka Nwosu, a climate scientist…,
      // was blunter. "…," she told…`) is the new speaker.
      if (near - s <= 1 && m.start === p.introducedAt) score += 1;
      if (p === topic) score += 1;
      const otherName = !p.gender && p.nameGender !== null && p.nameGender !== gender;
      if (p.name === lastSpeaker) score += goesOn && !otherName ? 2.5 : 0.75;
      scores.set(p, Math.max(scores.get(p) ?? -1, score));
    }
    let best: Person | null = null;
    let second: Person | null = null;
    for (const [p, score] of scores) {
      if (!best || score >= (scores.get(best) as number)) {
        second = best;
        best = p;
      } else if (!second || score >= (scores.get(second) as number)) second = p;
    }
    if (!best) return null;
    const margin = (scores.get(best) as number) - (second ? (scores.get(second) as number) : 0);
    return {
      speaker: best.name,
      role: best.role,
      mention: t.text,
      mentionStart: t.start,
      introducedAt: best.introducedAt,
      via: 'pronoun',
      rival: second?.name ?? null,
      // A close rival, or a winner whose given name says the other gender: doubtful.
      doubt: Math.max(
        second ? Math.max(0, 1 - margin / 2) : 0,
        !best.gender && best.nameGender && best.nameGender !== gender ? 0.8 : 0,
      ),
    };
  };

  /** Does sentence `index` open right after a quotation that ended its own sentence? */
  const taggedAfterQuote = (index: number) => {
    const start = sentences.bounds(index).start;
    return index > 0 && /[.!?…]["”’']\s*$/.test(text.slice(Math.max(0, start - 4), start));
  };

  /**
   * Whom the text is about when a pronoun comes (`With septuagenarian Donald Trump, … Just ask
   * him.`): the last person of that gender named after `from`, when a `he`/`him`/`his` (or
   * `she`/`her`) in a later sentence than theirs, before `t`, has gone on with them. Someone named
   * after that pronoun would be nearer than it, so only the last person named counts.
   */
  const lastReferent = (from: number, t: Token, gender: Gender): Person | null => {
    let latest: Mention | null = null;
    for (let k = mentionFrom(t.start) - 1; k >= 0; k--) {
      const m = mentions[k] as Mention;
      if (m.start < from) break;
      if (m.person && (!m.person.gender || m.person.gender === gender)) {
        latest = m;
        break;
      }
    }
    if (!latest) return null;
    // `Sanders and his followers`: a pronoun in the name's own sentence is about whoever that
    // sentence is about.
    const next = sentences.indexAt(latest.start) + 1;
    const hi = tokenAt(tokens, t.start);
    for (let j = tokenAt(tokens, sentences.bounds(next).start); j < hi; j++) {
      const u = tokens[j] as Token;
      if (!u.quoted && PRONOUN_GENDERS.get(u.key) === gender) return latest.person;
    }
    return null;
  };

  // Read once per sentence: every pronoun after a long sentence asks about it again, and
  // rescanning it each time made a sentence of thousands of `he said` quadratic.
  const verbs = new Map<number, boolean>();
  const hasVerb = (index: number) => {
    let known = verbs.get(index);
    if (known === undefined) {
      known = false;
      const { start, end } = sentences.bounds(index);
      for (let j = tokenAt(tokens, start); j < tokenAt(tokens, end); j++)
        if (isVerbAt(tokens, j)) {
          known = true;
          break;
        }
      verbs.set(index, known);
    }
    return known;
  };

  /** Who sentence `index` credits with an attribution verb, if anyone (outside quotations). */
  const speakers = new Map<number, Credit | null>();
  const speakerOfSentence = (index: number): Credit | null => {
    if (speakers.has(index)) return speakers.get(index) ?? null;
    speakers.set(index, null); // a pronoun inside it asking again finds no one, not a loop
    const { start, end } = sentences.bounds(index);
    const lo = tokenAt(tokens, start);
    let found: Credit | null = null;
    for (let j = tokenAt(tokens, end) - 1; j >= lo && !found; j--)
      if (isVerbAt(tokens, j)) found = subjectOf(j, lo);
    speakers.set(index, found);
    return found;
  };

  return {
    fromPronoun,
    /** Tell the reader who the last quotation was credited to (the likeliest `he`/`she`). */
    noteSpeaker(name: string | null) {
      if (name) lastSpeaker = name;
    },
  };
}

export type Pronouns = ReturnType<typeof createPronouns>;
