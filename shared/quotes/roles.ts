import type { AttributionContext, Credit } from './context.ts';
import type { Institutions } from './institutions.ts';
import { DETERMINERS, INSTITUTION_HEADS, PLURAL_PEOPLE, ROLE_HEADS } from './lexicon.ts';
import type { Pairs } from './pairs.ts';
import { type Mention, type Person, personWithRole } from './people.ts';
import type { Token } from './tokens.ts';

/** Determiners that point at one known someone: `his physician`, not `a spokesman`. */
const DEFINITE = new Set(['the', 'his', 'her', 'their', 'its']);
/** What may follow a role's head word and belong to it: `a spokesperson for the agency`. */
const HEAD_OF = new Set(['of', 'for', 'at', 'with', 'from', 'to']);
/** Prepositions after a role word that make it the head of its phrase: `the head of…`. */
const OF_PHRASE = new Set(['of', 'for', 'at']);
/** How far ahead, in characters, a source named after its words may be. */
const LATER = 300;

/**
 * Speakers named by what they are rather than who: `the two lawmakers` (a pair), `the committee`
 * (an institution of that kind), `the board chair` (whoever the text gave that role, or names
 * next), `a council spokesman` (an unnamed source, credited by role alone).
 */
export function createRoles(
  context: AttributionContext,
  { recentPair }: Pairs,
  { recentOrganisation, describedInstitution }: Institutions,
) {
  const { text, tokens, people, sentences, mentionFrom } = context;
  const mentions = people.mentions;

  /** The words of tokens [from, to], for evidence (`the two chairmen`, not `the`). */
  const spanOf = (from: number, to: number) => ({
    ...(tokens[from] as Token),
    text: text.slice((tokens[from] as Token).start, (tokens[to] as Token).end),
  });

  /** A phrase with a role and no name: someone introduced with that role, or an unnamed source. */
  const fromRole = (from: number, to: number): Credit | null => {
    const tail = tokens[to] as Token;
    // `The two lawmakers, however, argue`: the pair named last.
    if (PLURAL_PEOPLE.has(tail.key) && from < to) {
      const pair = recentPair(tail.start, spanOf(from, to));
      if (pair) return pair;
    }
    // `the committee said`, `the panel`: the institution of that kind named last. The phrase
    // may open with other words (`what the bank called`): it starts at its determiner.
    const kinds = INSTITUTION_HEADS.get(tail.key);
    // A role before it is the speaker instead: `a spokesperson for the Finnish energy agency`.
    let det = to - 1;
    while (det > from && !DETERMINERS.has((tokens[det] as Token).key)) det--;
    let institutionFrom = from;
    if (kinds && det > from && DETERMINERS.has((tokens[det] as Token).key)) {
      let roleBefore = false;
      for (let k = from; k < det; k++)
        if (ROLE_HEADS.has((tokens[k] as Token).key)) roleBefore = true;
      if (!roleBefore) institutionFrom = det;
    }
    if (kinds && DETERMINERS.has((tokens[institutionFrom] as Token).key) && !roleOf(from, to)) {
      from = institutionFrom;
      const institution = recentOrganisation(tail.start, kinds, spanOf(from, to));
      if (institution) return institution;
      // `the Democrat convention committee said`: an institution the text describes by its
      // party, chamber or state but never names speaks under that description.
      const described = describedInstitution(from, to);
      if (described) return described;
      // `"It is not," the bank said`, with no bank named: an unnamed institution speaks, not
      // whoever spoke last.
      let first = from;
      while (first < to && DETERMINERS.has((tokens[first] as Token).key)) first++;
      return {
        speaker: null,
        role: text.slice((tokens[first] as Token).start, tail.end),
        mention: text.slice((tokens[from] as Token).start, tail.end),
        mentionStart: (tokens[from] as Token).start,
        introducedAt: null,
        via: 'role',
      };
    }
    let head: Token | null = null;
    for (let k = from; k <= to; k++)
      if (ROLE_HEADS.has((tokens[k] as Token).key)) head = tokens[k] as Token;
    if (!head) return null;
    let first = from;
    while (first < to && DETERMINERS.has((tokens[first] as Token).key)) first++;
    // The role ends at its head (`Afghan officials`, not `Afghan officials on Sunday staunchly
    // rejected`) unless a phrase of whom it is follows (`a spokesperson for the agency`).
    const headAt = tokens.indexOf(head, first);
    const last = HEAD_OF.has(tokens[headAt + 1]?.key ?? '') ? to : headAt;
    const phrase = text.slice((tokens[first] as Token).start, (tokens[last] as Token).end);
    const known = personWithRole(people, head.key, head.start);
    // Someone named only after the words is a weak reading (an opponent or an interviewer may
    // be introduced next too): offered, never asserted.
    const next = known || !DEFINITE.has((tokens[from] as Token).key) ? null : namedNext(head);
    const person = known ?? next;
    return {
      ...(next ? { doubt: 0.7 } : {}),
      speaker: person?.name ?? null,
      role: person?.role ?? phrase,
      mention: text.slice((tokens[from] as Token).start, (tokens[last] as Token).end),
      mentionStart: (tokens[from] as Token).start,
      introducedAt: person?.introducedAt ?? null,
      via: 'role',
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
    for (let k = mentionFrom(head.end); k < mentions.length; k++) {
      const m = mentions[k] as Mention;
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

  return { fromRole };
}

export type Roles = ReturnType<typeof createRoles>;
