import type { AttributionContext, Credit } from './context.ts';
import { inPhrase, isVerbAt, paperBefore } from './grammar.ts';
import type { Institutions } from './institutions.ts';
import {
  DOCUMENT_VERBS,
  DOCUMENTS,
  INSTITUTION_HEADS,
  PLURAL_PEOPLE,
  PREPOSITIONS,
  PRONOUNS,
  ROLE_HEADS,
  SKIPPABLE_BEFORE_VERB,
} from './lexicon.ts';
import type { Pairs } from './pairs.ts';
import type { Mention } from './people.ts';
import type { Pronouns } from './pronouns.ts';
import type { Roles } from './roles.ts';
import type { Token } from './tokens.ts';

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

/**
 * Who the noun phrases around a verb name: the subject before it (`Rep. Jim McDermott (D-Wash.)
 * said`), the object after it (`said Tomas Brekke, who…`), the subject that opens a clause, and
 * what a phrase credits once found (a name, a pronoun, a pair, a paper's author, a role).
 */
export function createSubjects(
  context: AttributionContext,
  readers: { pairs: Pairs; institutions: Institutions; pronouns: Pronouns; roles: Roles },
) {
  const { text, tokens, people, nameWithin, fromMention } = context;
  const { recentPair } = readers.pairs;
  const { recentOrganisation, institutionBefore, authorOf } = readers.institutions;
  const { fromPronoun } = readers.pronouns;
  const { fromRole } = readers.roles;

  /** Credit from a noun phrase [from, to]: a pronoun, a name, or a role. */
  const fromPhrase = (from: number, to: number): Credit | null => {
    if (from > to) return null;
    const last = tokens[to] as Token;
    // `a Homeland Security memo`, `Podliska's lawsuit`, `the suit`: a paper speaks for its author.
    if (DOCUMENTS.has(last.key)) return authorOf(from, to);
    // `the two write`, `the committee chairmen wrote`, `they said`: a pair named before.
    if (PLURAL_PEOPLE.has(last.key) && (from < to || last.key === 'they')) {
      const pair = recentPair(last.start, {
        text: text.slice((tokens[from] as Token).start, last.end),
        start: (tokens[from] as Token).start,
      });
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
          mention: text.slice(possessor.start, last.end),
          mentionStart: possessor.start,
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

  /**
   * `Afghan officials on Sunday rejected…, stating that…`: an unnamed source that opens the
   * sentence, read up to its role word (they speak, though no one is named).
   */
  const openingRole = (lo: number, hi: number): Credit | null => {
    for (let k = lo; k < hi && k - lo < 6; k++) {
      const t = tokens[k] as Token;
      if (!inPhrase(t)) return null;
      if (ROLE_HEADS.has(t.key)) return fromRole(lo, k);
    }
    return null;
  };

  /** The subject of the verb at `v`, reading back no further than token `lo`. */
  const subjectOf = (v: number, lo: number): Credit | null => {
    // `He went on to endorse Ayotte, calling her "a rising star"`: a participle's subject is
    // the clause's, not the name just before it.
    if ((tokens[v] as Token).key.endsWith('ing'))
      return clauseBefore(v, lo) ?? leadingSubject(lo, v) ?? openingRole(lo, v);
    // `A Government Accountability Office report released last year found`: the paper.
    const paper = DOCUMENT_VERBS.has((tokens[v] as Token).key) ? paperBefore(tokens, v) : -1;
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
      if (t.quoted || !t.word || t.capital || !(/ed$/.test(t.key) || isVerbAt(tokens, j))) continue;
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
      if (GROUP_HEADS.has(key) || INSTITUTION_HEADS.has(key) || DOCUMENTS.has(key))
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

  return { subjectOf, leadingSubject, objectFrom, invertedSubject, sharedSubject };
}
