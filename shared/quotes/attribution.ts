import { type Credit, createContext } from './context.ts';
import { clauseEnd, isAccordingTo, isPassive, isVerb, isVerbAt } from './grammar.ts';
import { createInstitutions } from './institutions.ts';
import { PHRASE_STOPS, PREPOSITIONS } from './lexicon.ts';
import { createPairs } from './pairs.ts';
import type { Mention, People } from './people.ts';
import { createPronouns } from './pronouns.ts';
import { createRoles } from './roles.ts';
import type { Sentences } from './sentences.ts';
import { createSubjects } from './subjects.ts';
import { type Token, tokenAt } from './tokens.ts';
import type { AttributionShape } from './types.ts';

/** Who a quotation is credited to, and the words that say so. */
export interface Attribution extends Credit {
  shape: AttributionShape;
  verb: string | null;
  verbStart: number | null;
}

/** Verbs that news prose puts before their speaker (`said Kunin`); `told` takes its listener. */
const INVERTS = new Set(
  'said says added adds wrote writes asked asks continued noted notes explained recalled replied countered argued insisted declared'.split(
    ' ',
  ),
);

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
  // The readers call each other (a paper's author is a sentence's subject, a subject may be a
  // pronoun, a pronoun may mean an earlier verb's subject): the context links them, and each
  // link is looked up when called, once every reader below exists.
  const context = createContext(text, tokens, people, sentences, {
    fromMention: (m) => fromMention(m),
    subjectOf: (v, lo) => subjects.subjectOf(v, lo),
    leadingSubject: (lo, hi) => subjects.leadingSubject(lo, hi),
  });
  const pairs = createPairs(context);
  const institutions = createInstitutions(context);
  const pronouns = createPronouns(context, pairs);
  const roles = createRoles(context, pairs, institutions);
  const subjects = createSubjects(context, { pairs, institutions, pronouns, roles });
  const { subjectOf, leadingSubject, objectFrom, invertedSubject, sharedSubject } = subjects;

  // A name credits its person, jointly with whoever they are named with as one subject; an
  // organisation's, under the fullest name the text gives it.
  const fromMention = (m: Mention): Credit => {
    const pair = m.person ? pairs.pairOf(m) : null;
    return pair ? pairs.jointCredit(pair, m) : fromOneMention(m);
  };
  const fromOneMention = (m: Mention): Credit => ({
    speaker: m.person?.name ?? (m.organisation ? institutions.fullestOrganisation(m.text) : m.text),
    role: m.person?.role ?? null,
    mention: m.text,
    mentionStart: m.start,
    introducedAt: m.person && m.person.introducedAt !== m.start ? m.person.introducedAt : null,
    via: m.person ? 'person' : m.organisation ? 'organisation' : 'word',
  });

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
      // `said later`, `said flatly`, `said matter-of-factly`: an adverb ends it too.
      /^(?:today|yesterday|tonight|later|afterward|afterwards|then)$/.test(after.key) ||
      /ly$/.test(after.key);
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
        const m = context.firstPersonIn(s, s === here ? offset : sentences.bounds(s).end);
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
      pronouns.noteSpeaker(name);
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
          if (isVerbAt(tokens, j))
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
      // Not across a sentence break: `"…a joke." Nobody agreed.` reports no one's words.
      if (
        !tailOnly &&
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
        if (
          isVerbAt(tokens, j) &&
          j > i &&
          (tokens[j - 1] as Token).text === ',' &&
          INVERTS.has(t.key)
        ) {
          const object = objectFrom(j + 1, hi);
          if (object?.speaker) return found('after-quote', t, t.text, object);
        }
        if (isVerbAt(tokens, j)) return found('after-quote', t, t.text, subjectOf(j, i));
        // `"…," Warren, who has not endorsed a candidate, told reporters`: a clause between
        // commas (or brackets) is passed over whole, even with a quotation in it.
        if (t.text === ',' || t.text === '(') {
          const close = clauseEnd(tokens, j, hi);
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
        } else if (isVerbAt(tokens, j) && !isPassive(tokens, j)) {
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
        if (!isVerbAt(tokens, j)) continue;
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
