import {
  ATTRIBUTION_VERBS,
  DOCUMENTS,
  PHRASE_STOPS,
  PRONOUNS,
  ROLE_HEADS,
  SKIPPABLE_BEFORE_VERB,
} from './lexicon.ts';
import { type Gender, type Mention, type People, type Person, personWithRole } from './people.ts';
import type { Sentences } from './sentences.ts';
import { type Token, tokenAt } from './tokens.ts';
import type { AttributionShape } from './types.ts';

/** Who a quotation is credited to, and the words that say so. */
export interface Attribution {
  shape: AttributionShape;
  verb: string | null;
  verbStart: number | null;
  speaker: string | null;
  role: string | null;
  mention: string;
  mentionStart: number;
  introducedAt: number | null;
  /**
   * How the speaker is named where the credit is read: by a person's name, an organisation's, a
   * pronoun, a role (`the chairman`), or a capitalised word that is neither a known person nor
   * an organisation.
   */
  via: 'person' | 'organisation' | 'pronoun' | 'role' | 'word';
  /** The next likeliest speaker, when the reading had a rival (a pronoun with two antecedents). */
  rival?: string | null;
  /** 0 (no doubt) to 1: how close the rival came. */
  doubt?: number;
}
type Credit = Omit<Attribution, 'shape' | 'verb' | 'verbStart'>;

const DETERMINERS = new Set(['the', 'a', 'an', 'some', 'one', 'his', 'her', 'their', 'its', 'our']);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isVerb = (t: Token | undefined) => !!t && t.word && !t.quoted && ATTRIBUTION_VERBS.has(t.key);
/** How far back, in characters, a look-back for a name may reach within long sentences. */
const WINDOW = 1500;
/** What a mention's distance in sentences before a pronoun adds to its likelihood. */
const NEARNESS = [3, 2.5, 1, 0];
/** Verbs that news prose puts before their speaker (`said Kunin`); `told` takes its listener. */
const INVERTS = new Set(
  'said says added adds wrote writes asked asks continued noted notes explained recalled replied countered argued insisted declared'.split(
    ' ',
  ),
);
/** Words that start a phrase about where or when, not who. */
const PREPOSITIONS = new Set(
  'on in at to from with for during after before of about by into over under through'.split(' '),
);
const PRONOUN_GENDERS: Record<string, Gender> = {
  he: 'male',
  him: 'male',
  his: 'male',
  she: 'female',
  her: 'female',
};
/** Past participles that describe a paper: `a report released…`, `a letter written…`. */
const PARTICIPLE = /^(?:\p{Ll}+ed|written|sent|made|given|drawn|seen|shown)$/u;
/** Determiners that point at one known someone: `his physician`, not `a spokesman`. */
const DEFINITE = new Set(['the', 'his', 'her', 'their', 'its']);
/** Prepositions after a role word that make it the head of its phrase: `the head of…`. */
const OF_PHRASE = new Set(['of', 'for', 'at']);
/** How far ahead, in characters, a source named after its words may be. */
const LATER = 300;
/** Verbs a paper speaks with, beyond those people speak with. */
const DOCUMENT_VERBS = new Set(
  'found finds concluded concludes read reads stated states continues continued put'.split(' '),
);
/** What an institution is called after it is named: `the committee`, `the panel`. */
const INSTITUTION_HEADS: Record<string, string[]> = {
  committee: ['committee'],
  panel: ['committee', 'panel', 'commission'],
  agency: ['agency', 'department', 'office', 'service', 'administration', 'bureau'],
  department: ['department'],
  foundation: ['foundation'],
  office: ['office'],
  bank: ['bank'],
  company: ['company', 'inc', 'corp', 'group'],
  commission: ['commission'],
  court: ['court'],
  column: ['column'],
  association: ['association'],
  union: ['union'],
  party: ['party'],
};
/** Verbs that carry on the last speaker's words. */
const GOES_ON = new Set(['added', 'adds', 'continued', 'continues', 'went']);
/** Plural subjects that name a pair of people spoken of before. */
const PLURAL_PEOPLE = new Set(
  'two pair both they chairmen senators lawmakers congressmen representatives leaders members authors'.split(
    ' ',
  ),
);
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being']);
/** `Priebus was said to be "furious"`: a passive report names no speaker. */
const isPassive = (tokens: readonly Token[], v: number) => PASSIVE.has(tokens[v - 1]?.key ?? '');
/** What an organisation-like group of a person speaks as: `Ryan's campaign`, `Gowdy's office`. */
const GROUP_HEADS = new Set([
  'campaign',
  'office',
  'team',
  'staff',
  'camp',
  'administration',
  'aides',
]);
const isAccordingTo = (tokens: readonly Token[], j: number) =>
  tokens[j]?.key === 'according' && tokens[j + 1]?.key === 'to';
/** Words that can belong to a subject or object noun phrase. */
const inPhrase = (t: Token) =>
  t.word &&
  !t.quoted &&
  !PHRASE_STOPS.has(t.key) &&
  !ATTRIBUTION_VERBS.has(t.key) &&
  t.key !== 'according';

/**
 * Reads attributions around quotations: the shapes of news prose (`"…," X said`, `said X`,
 * `X said: "…"`, `according to X`, an introducing sentence) and who a surname, a pronoun or a
 * role refers to.
 */
export function createAttributor(
  text: string,
  tokens: readonly Token[],
  people: People,
  sentences: Sentences,
) {
  const mentionsByStart = people.mentions;
  /** An attribution verb at token `j`, including a paper's (`the memo found`, `as X put it`). */
  const isVerbAt = (j: number): boolean => {
    const t = tokens[j];
    if (isVerb(t)) return true;
    if (!t || t.quoted || !DOCUMENT_VERBS.has(t.key)) return false;
    if (t.key === 'put') return tokens[j + 1]?.key === 'it';
    // `the memo found`, `a report released last year found`, or inverted: `read the email`.
    return (
      paperBefore(j) >= 0 ||
      (DETERMINERS.has(tokens[j + 1]?.key ?? '') && DOCUMENTS.has(tokens[j + 2]?.key ?? ''))
    );
  };
  /**
   * The paper a paper's verb at `v` has for subject: the word just before it (`the memo found`),
   * or one before a participle and a few words of when (`a report released last year found`);
   * -1 when there is none.
   */
  const paperBefore = (v: number): number => {
    if (DOCUMENTS.has(tokens[v - 1]?.key ?? '')) return v - 1;
    for (let k = v - 2; k >= Math.max(0, v - 5); k--) {
      const t = tokens[k] as Token;
      if (!t.word || t.quoted || PHRASE_STOPS.has(t.key)) return -1;
      const next = tokens[k + 1] as Token;
      if (DOCUMENTS.has(t.key)) return PARTICIPLE.test(next.key) && !next.capital ? k : -1;
    }
    return -1;
  };
  // Organisations by name, so `Homeland Security` is credited as the fullest name the text
  // gives it (`Department of Homeland Security`).
  const organisationNames = [
    ...new Set(mentionsByStart.filter((m) => m.organisation).map((m) => m.text)),
  ];
  const fullestOrganisation = (name: string) => {
    let best = name;
    for (const other of organisationNames)
      if (
        other.length > best.length &&
        new RegExp(`(?:^|\\s)${escapeRegExp(name)}(?:$|\\s)`).test(other)
      )
        best = other;
    return best;
  };
  // For each mention, the index of the first mention from it on that names a person (not as a
  // possessive), so a pronoun finds its sentence's subject without walking every name.
  const nextPerson = new Array<number>(mentionsByStart.length + 1);
  nextPerson[mentionsByStart.length] = mentionsByStart.length;
  for (let k = mentionsByStart.length - 1; k >= 0; k--) {
    const m = mentionsByStart[k] as Mention;
    nextPerson[k] = m.person && !m.possessive ? k : (nextPerson[k + 1] as number);
  }

  const fromMention = (m: Mention): Credit => {
    const pair = m.person ? pairOf(m) : null;
    return pair ? jointCredit(pair, m) : fromOneMention(m);
  };
  const fromOneMention = (m: Mention): Credit => ({
    speaker: m.person?.name ?? (m.organisation ? fullestOrganisation(m.text) : m.text),
    role: m.person?.role ?? null,
    mention: m.text,
    mentionStart: m.start,
    introducedAt: m.person && m.person.introducedAt !== m.start ? m.person.introducedAt : null,
    via: m.person ? 'person' : m.organisation ? 'organisation' : 'word',
  });

  // Organisations by the words of their names (`committee` → the committees named, in text
  // order), so `the committee` finds the last one named however far back, in logarithmic time.
  const organisationsByWord = new Map<string, Mention[]>();
  for (const m of mentionsByStart) {
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
    kinds: string[] | null,
    said: Token,
  ): Credit | null => {
    const floor = sentences.bounds(Math.max(0, sentences.indexAt(offset) - 3)).start;
    // Bounded in characters too, so a sentence of thousands of quotations stays linear.
    const reach = Math.max(floor, offset - WINDOW);
    let found: Mention | null = kinds ? lastOfKind(offset, kinds) : null;
    for (let k = mentionFrom(offset) - 1; k >= 0 && !kinds; k--) {
      const m = mentionsByStart[k] as Mention;
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
      const kinds = INSTITUTION_HEADS[t.key];
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

  /**
   * The token that ends a clause opened at `j` (a comma or an opening bracket): the next comma,
   * or the closing bracket, within 24 tokens and before `hi`; `j` when there is none.
   */
  const clauseEnd = (j: number, hi: number): number => {
    const bracket = (tokens[j] as Token).text === '(';
    for (let k = j + 1; k < hi && k - j <= 24; k++) {
      const t = tokens[k] as Token;
      if (bracket ? t.text === ')' : t.text === ',') return k;
      if (!bracket && (t.text === '.' || t.text === ';')) return j;
    }
    return j;
  };

  /**
   * Two people named together as one subject: `Oversight Committee Chairman Jason Chaffetz
   * (R-Utah) and Judiciary Committee Chairman Bob Goodlatte`, `Charles E. Grassley, Republican
   * of Iowa, and Patrick J. Leahy`. Read once, in text order.
   */
  const pairs: { first: Mention; second: Mention; start: number }[] = [];
  for (const a of mentionsByStart) {
    if (!a.person || a.possessive) continue;
    let j = a.last + 1;
    if (tokens[j]?.text === '(') {
      const close = clauseEnd(j, tokens.length);
      if (close > j) j = close + 1;
    }
    if (tokens[j]?.text === ',') {
      const close = clauseEnd(j, Math.min(tokens.length, j + 8));
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
  const pairByMention = new Map<Mention, (typeof pairs)[number]>();
  for (const p of pairs) {
    pairByMention.set(p.first, p);
    pairByMention.set(p.second, p);
  }
  const pairOf = (m: Mention) => pairByMention.get(m) ?? null;
  const jointCredit = (
    pair: (typeof pairs)[number],
    said: { text: string; start: number },
  ): Credit => ({
    speaker: `${pair.first.person?.name} and ${pair.second.person?.name}`,
    role: null,
    mention: said.text,
    mentionStart: said.start,
    introducedAt: pair.start,
    via: 'person',
  });
  /** `the two`, `the committee chairmen`, `they`: the pair named last, within ten sentences. */
  const recentPair = (offset: number, said: Token): Credit | null => {
    const floor = sentences.bounds(Math.max(0, sentences.indexAt(offset) - 10)).start;
    // The last pair before `offset` (pairs are in text order).
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[mid] as (typeof pairs)[number]).start < offset) lo = mid + 1;
      else hi = mid;
    }
    const p = pairs[lo - 1];
    return p && p.start >= floor ? { ...jointCredit(p, said), doubt: 0.3 } : null;
  };

  /** The first person named, outside quotations, in sentence `index` before `before`. */
  const firstPersonIn = (index: number, before: number): Mention | null => {
    const { start, end } = sentences.bounds(index);
    const limit = Math.min(end, before);
    // Mentions are in text order: find the sentence's first by binary search.
    let lo = 0;
    let hi = mentionsByStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentionsByStart[mid] as Mention).start < start) lo = mid + 1;
      else hi = mid;
    }
    const m = mentionsByStart[nextPerson[lo] as number];
    return m && m.start < limit ? m : null;
  };

  /** The first mention index at or after `offset`. */
  const mentionFrom = (offset: number) => {
    let lo = 0;
    let hi = mentionsByStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentionsByStart[mid] as Mention).start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

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
    if (t.key === 'they') return recentPair(t.start, t);
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
    for (let k = mentionFrom(from); k < mentionsByStart.length; k++) {
      const m = mentionsByStart[k] as Mention;
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
      if (isVerbAt(m.last + 1) || isVerbAt(m.first - 1)) score += 1;
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
      doubt: second ? Math.max(0, 1 - margin / 2) : 0,
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
      const m = mentionsByStart[k] as Mention;
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
      if (!u.quoted && PRONOUN_GENDERS[u.key] === gender) return latest.person;
    }
    return null;
  };

  const hasVerb = (index: number) => {
    const { start, end } = sentences.bounds(index);
    for (let j = tokenAt(tokens, start); j < tokenAt(tokens, end); j++)
      if (isVerbAt(j)) return true;
    return false;
  };

  /** Who sentence `index` credits with an attribution verb, if anyone (outside quotations). */
  const speakerOfSentence = (index: number): Credit | null => {
    const { start, end } = sentences.bounds(index);
    const lo = tokenAt(tokens, start);
    for (let j = tokenAt(tokens, end) - 1; j >= lo; j--) {
      if (!isVerbAt(j)) continue;
      const credit = subjectOf(j, lo);
      if (credit) return credit;
    }
    return null;
  };

  /** A phrase with a role and no name: someone introduced with that role, or an unnamed source. */
  const fromRole = (from: number, to: number): Credit | null => {
    const tail = tokens[to] as Token;
    // `The two lawmakers, however, argue`: the pair named last.
    if (PLURAL_PEOPLE.has(tail.key) && from < to) {
      const pair = recentPair(tail.start, tokens[from] as Token);
      if (pair) return pair;
    }
    // `the committee said`, `the panel`: the institution of that kind named last.
    const kinds = INSTITUTION_HEADS[tail.key];
    if (kinds && DETERMINERS.has((tokens[from] as Token).key) && !roleOf(from, to)) {
      const institution = recentOrganisation(tail.start, kinds, tokens[from] as Token);
      if (institution) return institution;
      // `the Democrat convention committee said`: an institution the text describes by its
      // party, chamber or state but never names speaks under that description.
      const described = describedInstitution(from, to);
      if (described) return described;
    }
    let head: Token | null = null;
    for (let k = from; k <= to; k++)
      if (ROLE_HEADS.has((tokens[k] as Token).key)) head = tokens[k] as Token;
    if (!head) return null;
    let first = from;
    while (first < to && DETERMINERS.has((tokens[first] as Token).key)) first++;
    const phrase = text.slice((tokens[first] as Token).start, (tokens[to] as Token).end);
    const person =
      personWithRole(people, head.key, head.start) ??
      (DEFINITE.has((tokens[from] as Token).key) ? namedNext(head) : null);
    return {
      speaker: person?.name ?? null,
      role: person?.role ?? phrase,
      mention: text.slice((tokens[from] as Token).start, (tokens[to] as Token).end),
      mentionStart: (tokens[from] as Token).start,
      introducedAt: person?.introducedAt ?? null,
      via: 'role',
    };
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

  /** `the head of the RNC's rules committee`: a role word before `of` heads the phrase. */
  const roleOf = (from: number, to: number) => {
    for (let k = from; k < to; k++)
      if (ROLE_HEADS.has((tokens[k] as Token).key) && OF_PHRASE.has((tokens[k + 1] as Token).key))
        return true;
    return false;
  };

  /**
   * `According to his longtime personal physician, … The statement was attributed to Dr. Harold
   * Bornstein`: a definite role no one named before has is the person the next sentence or two
   * introduce (news names a source after the words it leads with).
   */
  const namedNext = (head: Token): Person | null => {
    const here = sentences.indexAt(head.start);
    const limit = Math.min(sentences.bounds(here + 2).start, head.start + 2 * LATER);
    for (let k = mentionFrom(head.end); k < mentionsByStart.length; k++) {
      const m = mentionsByStart[k] as Mention;
      if (m.start >= limit) break;
      const p = m.person;
      if (!p || m.possessive || p.introducedAt !== m.start) continue;
      // Introduced with another role (`Portugal's environment minister` after `the host`), they
      // are someone else.
      return !p.role ||
        p.role
          .toLowerCase()
          .split(/[\s']+/)
          .includes(head.key)
        ? p
        : null;
    }
    return null;
  };

  /** The last name written within tokens [from, to], not a possessive (`Lindqvist’s deputy`). */
  const nameWithin = (from: number, to: number): Mention | null => {
    // `Gowdy spokesman Jamal Ware`, `former Vermont governor Howard Dean`: the last person named
    // in the phrase is its head (places never are: `Charles B. Rangel of New York`), before an
    // organisation, before any other capitalised word.
    let person: Mention | null = null;
    let organisation: Mention | null = null;
    let word: Mention | null = null;
    for (let k = from; k <= to; k++) {
      const m = people.mentionAtToken(k);
      if (!m || m.possessive || m.place || m.last > to) continue;
      if (m.person) person = m;
      else if (m.organisation) organisation ??= m;
      else word = m;
    }
    return person ?? organisation ?? word;
  };

  /** Credit from a noun phrase [from, to]: a pronoun, a name, or a role. */
  const fromPhrase = (from: number, to: number): Credit | null => {
    if (from > to) return null;
    const last = tokens[to] as Token;
    // `a Homeland Security memo`, `Podliska's lawsuit`, `the suit`: a paper speaks for its author.
    if (DOCUMENTS.has(last.key)) return authorOf(from, to);
    // `the two write`, `the committee chairmen wrote`, `they said`: a pair named before.
    if (PLURAL_PEOPLE.has(last.key) && (from < to || last.key === 'they')) {
      const pair = recentPair(last.start, tokens[from] as Token);
      if (pair) return pair;
    }
    // `it stated`: an institution named just before.
    if (last.key === 'it' && from === to)
      return recentOrganisation(last.start, null, last) ?? institutionBefore(last);
    // `his campaign sent`: the campaign of whom `his` means.
    const possessor = tokens[to - 1];
    if (GROUP_HEADS.has(last.key) && (possessor?.key === 'his' || possessor?.key === 'her')) {
      const who = fromPronoun({ ...possessor, key: possessor.key === 'his' ? 'he' : 'she' });
      if (who?.speaker) {
        const name = who.speaker;
        return {
          ...who,
          speaker: `${name}${name.endsWith('s') ? "'" : "'s"} ${last.key}`,
          role: null,
          via: 'organisation',
        };
      }
    }
    // `Ryan's campaign said`: the campaign speaks, under its person's fullest name.
    const owner = people.mentionAtToken(to - 1) ?? people.mentionAtToken(to - 2);
    if (GROUP_HEADS.has(last.key) && owner?.possessive && owner.person && owner.last === to - 1) {
      const name = owner.person.name;
      return {
        speaker: `${name}${name.endsWith('s') ? "'" : "'s"} ${last.key}`,
        role: null,
        mention: text.slice(owner.start, last.end),
        mentionStart: owner.start,
        introducedAt: owner.person.introducedAt,
        via: 'organisation',
      };
    }
    if (PRONOUNS.has(last.key) && from === to) return fromPronoun(last);
    const name = nameWithin(from, to);
    // `A spokesperson for the Finnish economy ministry`: a role with an unknown capitalised word
    // in it is an unnamed source, not someone called Finnish.
    const roleFirst = tokens.slice(from, name?.first ?? from).some((t) => ROLE_HEADS.has(t.key));
    if (name && (name.person || (!roleFirst && name.last === to))) return fromMention(name);
    return fromRole(from, to);
  };

  /** The subject of the verb at `v`, reading back no further than token `lo`. */
  const subjectOf = (v: number, lo: number): Credit | null => {
    // `He went on to endorse Ayotte, calling her "a rising star"`: a participle's subject is
    // the clause's, not the name just before it.
    if ((tokens[v] as Token).key.endsWith('ing'))
      return clauseBefore(v, lo) ?? leadingSubject(lo, v);
    // `A Government Accountability Office report released last year found`: the paper.
    const paper = DOCUMENT_VERBS.has((tokens[v] as Token).key) ? paperBefore(v) : -1;
    let j = paper >= lo ? paper : v - 1;
    for (
      let skipped = 0;
      j >= lo && skipped < 3 && SKIPPABLE_BEFORE_VERB.has((tokens[j] as Token).key);
      skipped++
    )
      j--;
    // `Rep. Jim McDermott (D-Wash.) said`: a bracket between the name and the verb.
    if ((tokens[j] as Token | undefined)?.text === ')') {
      let k = j - 1;
      while (k > lo && j - k < 10 && (tokens[k] as Token).text !== '(') k--;
      if ((tokens[k] as Token | undefined)?.text === '(') j = k - 1;
    }
    if (j < lo) return null;
    // `what he called the Soviet "Evil Empire"`: a pronoun just before the verb is its subject.
    if (PRONOUNS.has((tokens[j] as Token).key)) return fromPronoun(tokens[j] as Token);
    if ((tokens[j] as Token).text === ',') {
      // `Ruth Mbeki, argued`… or `Qari Fasihuddin Fitrat, Chief of Staff…, said`.
      const near = nameWithin(Math.max(lo, j - 4), j - 1);
      if (near?.person && near.last === j - 1) return fromMention(near);
      for (let k = j - 1; k >= Math.max(lo, j - 16); k--) {
        if ((tokens[k] as Token).text !== ',') continue;
        // `Vann R. Newkirk II, a writer for The Atlantic, said`: the name before the apposition.
        const before = nameWithin(Math.max(lo, k - 6), k - 1);
        if (before && before.last === k - 1) return fromMention(before);
        // `The train's conductor, who asked not to be named, said`: an unnamed source.
        let m = k - 1;
        while (m >= lo && k - 1 - m < 10 && inPhrase(tokens[m] as Token)) m--;
        return fromRole(m + 1, k - 1);
      }
      return null;
    }
    let k = j;
    while (k >= lo && j - k < 10 && inPhrase(tokens[k] as Token)) k--;
    return fromPhrase(k + 1, j);
  };

  /** `Said Dorothy Poynter, who grew up with Ali, "…"`: a verb that opens its sentence, then the speaker. */
  const invertedSubject = (v: number, lo: number, hi: number): Credit | null => {
    if (v !== lo) return null;
    const credit = objectFrom(v + 1, hi);
    return credit?.speaker ? credit : null;
  };

  /**
   * `Trump gestured …, then leaned in and boomed:` — a verb after `and`, `then` or a comma shares
   * the subject that opens the sentence.
   */
  const sharedSubject = (v: number, lo: number): Credit | null => {
    const prev = tokens[v - 1];
    if (
      !prev ||
      !(prev.text === ',' || prev.key === 'and' || prev.key === 'then' || prev.key === 'but')
    )
      return null;
    return leadingSubject(lo, v);
  };

  /**
   * `One official said Reid quieted the chatter, telling his colleagues`: the participle's
   * subject is the nearest clause's, a name right before a verb in the past tense.
   */
  const clauseBefore = (v: number, lo: number): Credit | null => {
    if ((tokens[v - 1] as Token | undefined)?.text !== ',') return null;
    for (let j = v - 2; j > lo && v - j < 16; j--) {
      const t = tokens[j] as Token;
      if (t.quoted || !t.word || t.capital || !(/ed$/.test(t.key) || isVerbAt(j))) continue;
      const m = people.mentionAtToken(j - 1) ?? mentionEndingAt(j - 1);
      if (m?.person && !m.possessive) return fromMention(m);
    }
    return null;
  };
  const mentionEndingAt = (j: number): Mention | null => {
    for (let k = j; k >= Math.max(0, j - 4); k--) {
      const m = people.mentionAtToken(k);
      if (m) return m.last === j ? m : null;
    }
    return null;
  };

  /** The name, pronoun or role that opens the clause at token `lo` (before `hi`), if it is someone. */
  const leadingSubject = (lo: number, hi: number): Credit | null => {
    let k = lo;
    // `In a press release earlier this month, the committee said…`: an opening phrase first.
    if (
      tokens[k]?.capital &&
      /^(?:in|on|at|after|before|during|asked|speaking|since|for|with|despite|like|unlike|as|while|when|although|though|but|and|yet|still|now|then|later|earlier|also)$/.test(
        tokens[k]?.key ?? '',
      )
    ) {
      let c = k;
      while (c < hi && c - k < 24 && (tokens[c] as Token).text !== ',') c++;
      if (c < hi && (tokens[c] as Token).text === ',') k = c + 1;
    }
    // `But Podliska's most explosive claim is…`: a conjunction that opens the sentence.
    if (
      k === lo &&
      /^(?:but|and|yet|so|still)$/.test(tokens[k]?.key ?? '') &&
      tokens[k + 1]?.text !== ','
    )
      k++;
    if (k >= hi) return null;
    const first = tokens[k] as Token;
    if (first.quoted) return null;
    if (PRONOUNS.has(first.key)) return fromPronoun(first);
    // `Trump gestured…`: a name that opens the clause is its subject, even a lone surname.
    // `Afghan officials`, `Gowdy spokesman Jamal Ware`: a name before a role is a modifier.
    const opening = people.mentionAtToken(k);
    const after = tokens[(opening?.last ?? k) + 1];
    const modifier = after?.word && !after.capital && ROLE_HEADS.has(after.key);
    if (opening && !opening.place && !opening.possessive && !modifier) return fromMention(opening);
    let j = k;
    while (j < hi && j - k < 10 && inPhrase(tokens[j] as Token) && !(tokens[j] as Token).possessive)
      j++;
    if (j < hi && (tokens[j] as Token).possessive && inPhrase(tokens[j] as Token)) {
      // `Planned Parenthood's president Cecile Richards`: the possessor is not the subject.
      j++;
      // `Podliska's most explosive claim is…`: after a possessor, a paper's word is a noun
      // (but `Podliska's lawyers claim`: after a plural it is their verb).
      const paper = (at: number) => {
        const t = tokens[at] as Token;
        const prev = tokens[at - 1] as Token;
        return (
          t.word &&
          !t.quoted &&
          DOCUMENTS.has(t.key) &&
          (prev.possessive || !prev.key.endsWith('s'))
        );
      };
      while (j < hi && j - k < 14 && (inPhrase(tokens[j] as Token) || paper(j))) j++;
    }
    if (j === k) return null;
    const credit = fromPhrase(k, j - 1) ?? headedPhrase(k, j - 1);
    // `The first sleeper train between Zurich and Ljubljana`: a place in the subject is not it.
    return credit?.speaker && credit.via !== 'word' ? credit : null;
  };

  /**
   * `his campaign sent out a fundraising email`: with no part of speech to stop at, a subject
   * read to the phrase's limit runs into its verb; the phrase up to the last word that heads a
   * speaking group, institution or paper is the subject.
   */
  const headedPhrase = (from: number, to: number): Credit | null => {
    for (let k = to - 1; k > from; k--) {
      const key = (tokens[k] as Token).key;
      if (GROUP_HEADS.has(key) || INSTITUTION_HEADS[key] || DOCUMENTS.has(key))
        return fromPhrase(from, k);
    }
    return null;
  };

  /** The phrase after `from` (`said Tomas Brekke, who…`, `according to Lindqvist’s deputy, Aleksi Virtanen`). */
  const objectFrom = (from: number, hi: number): Credit | null => {
    // `said on Twitter`: a place or a medium, not a speaker.
    if (PREPOSITIONS.has(tokens[from]?.key ?? '')) return null;
    let j = from;
    while (j < hi && j - from < 10) {
      // A name is taken whole, with its bracketed expansion: `the Vox Populi (Voice of the People) column`.
      const m = people.mentionAtToken(j);
      if (m && m.last > j && m.last < hi) j = m.last + 1;
      else if (inPhrase(tokens[j] as Token)) j++;
      else break;
    }
    const credit = fromPhrase(from, j - 1);
    if (credit?.speaker) return credit;
    // A role, then the name in apposition.
    const next = people.mentionAtToken(j + 1);
    if (
      (tokens[j] as Token | undefined)?.text === ',' &&
      next &&
      !next.possessive &&
      !next.organisation
    ) {
      const named = fromMention(next);
      return { ...named, role: named.role ?? credit?.role ?? null };
    }
    return credit;
  };

  /**
   * Across a sentence break (`"…." Israel said.`) only an attribution that ends there counts:
   * `Rep. Steve Israel said Clinton called…` reports something else.
   */
  const endsClause = (
    shape: AttributionShape,
    verb: Token,
    verbText: string,
    credit: Credit | null,
  ): Attribution | null => {
    const at = tokenAt(tokens, verb.start);
    const mention = credit ? tokenAt(tokens, credit.mentionStart) : at;
    const after = tokens[Math.max(at, mention) + 1];
    // `Wallace then asked, "With troops?"`: a verb that opens the next quotation is its own.
    if (after && /^[,:]$/.test(after.text) && tokens[Math.max(at, mention) + 2]?.quoted)
      return null;
    const ends =
      !after ||
      /^[.,;!?]$/.test(after.text) ||
      PREPOSITIONS.has(after.key) ||
      /^(?:today|yesterday|tonight|recently|later|afterward|afterwards|then|matter-of-factly)$/.test(
        after.key,
      );
    return ends ? foundAt(shape, verb, verbText, credit) : null;
  };

  const foundAt = (
    shape: AttributionShape,
    verb: Token,
    verbText: string,
    credit: Credit | null,
  ): Attribution | null =>
    credit ? { shape, verb: verbText, verbStart: verb.start, ...credit } : null;

  return {
    /**
     * Speakers a quotation at `offset` might be by when nothing attributes it: who spoke last
     * (within the last two paragraphs' reach, as `recent` holds them), then the people named as
     * subjects in its sentence and the two before, nearest first.
     */
    nearbySpeakers(offset: number, recent: readonly string[]): string[] {
      const out: string[] = [...recent.slice(0, 2)];
      const here = sentences.indexAt(offset);
      for (let s = here; s >= Math.max(0, here - 2) && out.length < 4; s--) {
        const m = firstPersonIn(s, s === here ? offset : sentences.bounds(s).end);
        if (m?.person && !out.includes(m.person.name)) out.push(m.person.name);
      }
      return out;
    },

    /**
     * Does a sentence between two quotations open with someone other than `speaker`
     * (`With septuagenarian Donald Trump, there's not much chance…`)? Then the second is not
     * simply the first speaker going on.
     */
    someoneElseBetween(from: number, to: number, speaker: string): boolean {
      for (let s = from + 1; s < to; s++) {
        const { start, end } = sentences.bounds(s);
        const credit = leadingSubject(tokenAt(tokens, start), tokenAt(tokens, end));
        if (credit?.speaker && credit.speaker !== speaker) return true;
      }
      return false;
    },

    /** Tell the attributor who the last quotation was credited to (the likeliest `he`/`she`). */
    noteSpeaker(name: string | null) {
      if (name) lastSpeaker = name;
    },

    /** `"…," X said.` / `"…," said X.` / `"…," according to X.` right after the closing mark. */
    after(close: number, end: number, tailOnly = false): Attribution | null {
      const found = tailOnly ? endsClause : foundAt;
      const hi = tokenAt(tokens, end);
      let i = tokenAt(tokens, close + 1);
      while (i < hi && /^[,—–-]$/.test((tokens[i] as Token).text)) i++;
      if (i >= hi) return null;
      const first = tokens[i] as Token;
      if (isAccordingTo(tokens, i))
        return found('according-to', first, 'according to', objectFrom(i + 2, hi));
      // `"…," as a Homeland Security memo put it.`
      if (first.key === 'as')
        for (let j = i + 2; j < hi && j - i <= 8; j++)
          if (isVerbAt(j))
            return found(
              'after-quote',
              tokens[j] as Token,
              (tokens[j] as Token).text,
              subjectOf(j, i + 1),
            );
      if (isVerb(first)) return found('after-quote', first, first.text, objectFrom(i + 1, hi));
      // `"…," Toomey fumed on Tuesday.`: right after the quotation, a name then any past-tense
      // verb is an attribution, whether or not the verb is in the lexicon.
      const named = people.mentionAtToken(i);
      const next = named ? tokens[named.last + 1] : undefined;
      if (
        named &&
        !named.place &&
        !named.possessive &&
        next?.word &&
        !next.capital &&
        /^\p{Ll}{3,}ed$/u.test(next.text)
      )
        return found('after-quote', next, next.text, fromMention(named));
      for (let j = i; j < hi && j - i <= 40; j++) {
        const t = tokens[j] as Token;
        // `"This will be a challenge" for Clinton, said Kunin.`: after a comma, a verb followed
        // by a name is inverted.
        if (isVerbAt(j) && j > i && (tokens[j - 1] as Token).text === ',' && INVERTS.has(t.key)) {
          const object = objectFrom(j + 1, hi);
          if (object?.speaker) return found('after-quote', t, t.text, object);
        }
        if (isVerbAt(j)) return found('after-quote', t, t.text, subjectOf(j, i));
        // `"…," Warren, who has not endorsed a candidate, told reporters`: a clause between
        // commas (or brackets) is passed over whole, even with a quotation in it.
        if (t.text === ',' || t.text === '(') {
          const close = clauseEnd(j, hi);
          if (close > j) {
            if (isVerb(tokens[close + 1])) j = close;
            else if (close > j + 1 || t.text === '(') j = close;
            continue;
          }
        }
        if (j - i > 16) return null;
        if (t.quoted || (t.word && PHRASE_STOPS.has(t.key))) return null;
        if (!t.word && t.text !== ',' && t.text !== "'" && t.text !== '’') return null;
      }
      return null;
    },

    /** `X said: "…"`, `X told reporters that "…"`, `According to X, "…"`: the last one before the mark. */
    before(from: number, open: number): Attribution | null {
      const lo = tokenAt(tokens, from);
      const hi = tokenAt(tokens, open);
      for (let j = hi - 1; j >= lo; j--) {
        const t = tokens[j] as Token;
        if (t.quoted) continue;
        if (t.key === 'to' && isAccordingTo(tokens, j - 1)) {
          const credit = objectFrom(j + 1, hi);
          if (credit)
            return foundAt('according-to', tokens[j - 1] as Token, 'according to', credit);
        } else if (isVerbAt(j) && !isPassive(tokens, j)) {
          const credit = subjectOf(j, lo) ?? invertedSubject(j, lo, hi) ?? sharedSubject(j, lo);
          if (credit) return foundAt('before-quote', t, t.text, credit);
        }
      }
      return null;
    },

    /**
     * `Kaine has adopted the stance…: "…"`, `Trump … then leaned in and boomed: "…"`: a
     * quotation introduced by a colon, or one inside a sentence whose subject is someone, is
     * credited to the sentence's subject.
     */
    subjectOfSentence(from: number, open: number): Attribution | null {
      const lo = tokenAt(tokens, from);
      const hi = tokenAt(tokens, open);
      const credit = leadingSubject(lo, hi);
      if (!credit) return null;
      return { shape: 'sentence-subject', verb: null, verbStart: null, ...credit };
    },

    /** `X wrote in a statement.` then the quotation: a sentence before it with no quotation of its own. */
    introducedBy(sentence: number): Attribution | null {
      if (sentence === 0) return null;
      const { start, end } = sentences.bounds(sentence - 1);
      const lo = tokenAt(tokens, start);
      const hi = tokenAt(tokens, end);
      // A sentence that ends in a colon introduces what follows even when it quotes something
      // itself; otherwise a sentence with its own quotation has been credited already.
      const colon = (tokens[hi - 1] as Token | undefined)?.text === ':';
      if (!colon) for (let j = lo; j < hi; j++) if ((tokens[j] as Token).quoted) return null;
      for (let j = hi - 1; j >= lo; j--) {
        const t = tokens[j] as Token;
        if (!isVerbAt(j)) continue;
        const credit = subjectOf(j, lo) ?? sharedSubject(j, lo);
        if (credit) return foundAt('previous-sentence', t, t.text, credit);
      }
      if (colon) {
        const credit = leadingSubject(lo, hi);
        if (credit) return { shape: 'previous-sentence', verb: null, verbStart: null, ...credit };
      }
      return null;
    },
  };
}
