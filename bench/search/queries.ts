import { tokenize } from '../../shared/search/text.ts';
import type { Note } from './generate.ts';
import { mulberry32, type Random, shuffle } from './random.ts';

/**
 * Known-item queries, as someone looking for a note they remember: a distinctive word of it, or
 * a short phrase around one, typed with a typo or two; and 3-letter prefixes of such words, as
 * the first keystrokes of a search.
 */

export interface TypoQuery {
  /** What is typed (no trailing space: the last word also matches as a prefix, as when typing). */
  text: string;
  /** The words as they are in the note, before the typos. */
  source: string;
  targetId: string;
  kind: 'word' | 'phrase';
  field: Field;
  typos: string[];
  /** Notes holding every source word exactly (1 = only the target): how identifying it is. */
  exactMatches: number;
}

export interface PrefixQuery {
  text: string;
  targetId: string;
}

type Field = 'title' | 'quote' | 'body';
const FIELDS: Field[] = ['title', 'quote', 'body'];

interface Word {
  /** As written in the note, punctuation trimmed. */
  surface: string;
  /** As the index sees it. */
  term: string;
}

/** Document frequency of every word, and which notes hold it, over title, quote, body and tags. */
export class CorpusStats {
  readonly notes: readonly Note[];
  private readonly docs = new Map<string, number[]>();
  private readonly termSets = new Map<number, Set<string>>();

  constructor(notes: readonly Note[]) {
    this.notes = notes;
    for (let i = 0; i < notes.length; i++) {
      for (const term of termsOf(notes[i]!)) {
        const list = this.docs.get(term);
        if (list) list.push(i);
        else this.docs.set(term, [i]);
      }
    }
  }

  df(term: string): number {
    return this.docs.get(term)?.length ?? 0;
  }

  /** How many notes hold all these terms. */
  cooccurrence(terms: readonly string[]): number {
    const unique = [...new Set(terms)];
    const rarest = unique.reduce((a, b) => (this.df(a) <= this.df(b) ? a : b));
    let count = 0;
    for (const i of this.docs.get(rarest) ?? []) {
      const set = this.termsOf(i);
      if (unique.every((t) => set.has(t))) count++;
    }
    return count;
  }

  private termsOf(i: number): Set<string> {
    let set = this.termSets.get(i);
    if (!set) {
      set = termsOf(this.notes[i]!);
      this.termSets.set(i, set);
    }
    return set;
  }
}

const termsOf = (note: Note) =>
  new Set(tokenize(`${note.title} ${note.quote} ${note.body} ${note.tags.join(' ')}`));

export function fieldWords(text: string): Word[] {
  const words: Word[] = [];
  for (const raw of text.split(/\s+/)) {
    const surface = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const term = tokenize(surface).join('');
    if (term !== '') words.push({ surface, term });
  }
  return words;
}

/** Long enough to take a typo and still be a word, and not a number. */
const typoable = (term: string) => [...term].length >= 4 && !/^\d+$/.test(term);

/** The note's rarest typoable words (up to 3), with where they are. */
function distinctiveWords(note: Note, stats: CorpusStats, random: Random) {
  const found = new Map<string, { field: Field; at: number; words: Word[]; df: number }>();
  for (const field of FIELDS) {
    const words = fieldWords(note[field]);
    words.forEach((w, at) => {
      if (!typoable(w.term) || found.has(w.term)) return;
      found.set(w.term, { field, at, words, df: stats.df(w.term) });
    });
  }
  const list = shuffle([...found.values()], random).sort((a, b) => a.df - b.df);
  return list.slice(0, 3);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One typo: substitution, deletion, insertion or adjacent transposition. */
export function typo(word: string, random: Random): { word: string; kind: string } {
  const chars = [...word];
  for (;;) {
    const kind = random.pick(['substitution', 'deletion', 'insertion', 'transposition'] as const);
    const next = [...chars];
    if (kind === 'substitution') {
      const at = random.int(0, next.length - 1);
      next[at] = random.pick([...LETTERS].filter((c) => c !== next[at]!.toLowerCase()));
    } else if (kind === 'deletion') {
      next.splice(random.int(0, next.length - 1), 1);
    } else if (kind === 'insertion') {
      next.splice(random.int(0, next.length), 0, random.pick([...LETTERS]));
    } else {
      const at = random.int(0, next.length - 2);
      [next[at], next[at + 1]] = [next[at + 1]!, next[at]!];
    }
    const result = next.join('');
    if (tokenize(result).join('') !== tokenize(word).join('')) return { word: result, kind };
  }
}

export function makeTypoQueries(
  notes: readonly Note[],
  stats: CorpusStats,
  count: number,
  seed: number,
): TypoQuery[] {
  const random = mulberry32(seed);
  const queries: TypoQuery[] = [];
  while (queries.length < count) {
    const note = notes[random.int(0, notes.length - 1)]!;
    const candidates = distinctiveWords(note, stats, random);
    if (candidates.length === 0) continue;
    // One word if it is rare enough to find the note by itself, else a phrase of 2–3 words
    // around one of the note's rarest words: of those, the one that names the note best (held
    // by the fewest other notes), as someone remembering a note would pick; 3 words if 2 are
    // still shared by more than 3 notes.
    const single = candidates.filter((c) => c.df <= 3);
    const roll = random.next();
    let length = roll < 0.4 ? 1 : roll < 0.75 ? 2 : 3;
    if (length === 1 && single.length === 0) length = random.int(2, 3);
    let best = { phrase: [] as Word[], field: 'body' as Field, matches: Number.POSITIVE_INFINITY };
    if (length === 1) {
      const anchor = random.pick(single);
      best = { phrase: [anchor.words[anchor.at]!], field: anchor.field, matches: anchor.df };
    }
    for (let n = length; n <= 3 && length > 1 && best.matches > 3; n++) {
      const windows: { phrase: Word[]; field: Field }[] = [];
      for (const { words, at, field } of candidates) {
        for (let start = Math.max(0, at - n + 1); start <= at; start++) {
          if (start + n <= words.length)
            windows.push({ phrase: words.slice(start, start + n), field });
        }
      }
      for (const window of shuffle(windows, random)) {
        const matches = stats.cooccurrence(window.phrase.map((w) => w.term));
        if (matches < best.matches) best = { ...window, matches };
      }
    }
    const { phrase, field } = best;
    if (phrase.length === 0) continue;

    // One or two typos, in words of ≥ 4 letters; a word takes two only if it has ≥ 7.
    const typed = phrase.map((w) => w.surface);
    const eligible = phrase.flatMap((w, i) => (typoable(w.term) ? [i] : []));
    const typoCount = random.chance(0.5) ? 1 : 2;
    const typos: string[] = [];
    const first = random.pick(eligible);
    const applyTypo = (i: number) => {
      // A second typo in a word must not undo the first.
      let next = typo(typed[i]!, random);
      while (tokenize(next.word).join('') === phrase[i]!.term) next = typo(typed[i]!, random);
      typos.push(`${next.kind} ${typed[i]}→${next.word}`);
      typed[i] = next.word;
    };
    applyTypo(first);
    if (typoCount === 2) {
      const others = eligible.filter((i) => i !== first);
      if (others.length > 0) applyTypo(random.pick(others));
      else if ([...phrase[first]!.term].length >= 7) applyTypo(first);
    }

    queries.push({
      text: typed.join(' '),
      source: phrase.map((w) => w.surface).join(' '),
      targetId: note.id,
      kind: phrase.length === 1 ? 'word' : 'phrase',
      field,
      typos,
      exactMatches: best.matches,
    });
  }
  return queries;
}

export function makePrefixQueries(
  notes: readonly Note[],
  stats: CorpusStats,
  count: number,
  seed: number,
): PrefixQuery[] {
  const random = mulberry32(seed);
  const queries: PrefixQuery[] = [];
  while (queries.length < count) {
    const note = notes[random.int(0, notes.length - 1)]!;
    const candidates = distinctiveWords(note, stats, random);
    if (candidates.length === 0) continue;
    const anchor = random.pick(candidates);
    const word = anchor.words[anchor.at]!.surface;
    queries.push({ text: [...word].slice(0, 3).join(''), targetId: note.id });
  }
  return queries;
}
