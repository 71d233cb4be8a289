import type { Mention, People } from './people.ts';
import type { Sentences } from './sentences.ts';
import type { Token } from './tokens.ts';

/** Who a reading credits, and how the text names them where it is read. */
export interface Credit {
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

/** How far back, in characters, a look-back for a name may reach within long sentences. */
export const WINDOW = 1500;

/**
 * The readings that call each other across modules: a paper speaks for its sentence's subject,
 * a pronoun may mean the subject of an earlier speech verb, and a subject may be a pair, a paper
 * or a pronoun. Reached through the context, they are resolved when called, so the readers
 * need not be built in any order.
 */
export interface ContextLinks {
  /** The credit a name gives: its person (with whom they are named, if a pair), or its organisation. */
  fromMention(m: Mention): Credit;
  /** The subject of the verb at token `v`, reading back no further than token `lo`. */
  subjectOf(v: number, lo: number): Credit | null;
  /** The name, pronoun or role that opens the clause at token `lo` (before `hi`), if it is someone. */
  leadingSubject(lo: number, hi: number): Credit | null;
}

/**
 * What the readers of one document's attributions share: the document as it was read once, its
 * mentions looked up by where they are, and the links between the readers. Made once per
 * document; nothing in it changes after.
 */
export interface AttributionContext extends ContextLinks {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly people: People;
  readonly sentences: Sentences;
  /** The first mention index at or after `offset`. */
  mentionFrom(offset: number): number;
  /** The first person named, outside quotations, in sentence `index` before `before`. */
  firstPersonIn(index: number, before: number): Mention | null;
  /** The last name written within tokens [from, to], not a possessive (`Lindqvist’s deputy`). */
  nameWithin(from: number, to: number): Mention | null;
}

export function createContext(
  text: string,
  tokens: readonly Token[],
  people: People,
  sentences: Sentences,
  links: ContextLinks,
): AttributionContext {
  const mentions = people.mentions;
  // For each mention, the index of the first mention from it on that names a person (not as a
  // possessive), so a pronoun finds its sentence's subject without walking every name.
  const nextPerson = new Array<number>(mentions.length + 1);
  nextPerson[mentions.length] = mentions.length;
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k] as Mention;
    nextPerson[k] = m.person && !m.possessive ? k : (nextPerson[k + 1] as number);
  }

  // Mentions are in text order: a binary search finds where an offset falls among them.
  const mentionFrom = (offset: number) => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentions[mid] as Mention).start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const firstPersonIn = (index: number, before: number): Mention | null => {
    const { start, end } = sentences.bounds(index);
    const limit = Math.min(end, before);
    const m = mentions[nextPerson[mentionFrom(start)] as number];
    return m && m.start < limit ? m : null;
  };

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

  return {
    text,
    tokens,
    people,
    sentences,
    mentionFrom,
    firstPersonIn,
    nameWithin,
    fromMention: links.fromMention,
    subjectOf: links.subjectOf,
    leadingSubject: links.leadingSubject,
  };
}
