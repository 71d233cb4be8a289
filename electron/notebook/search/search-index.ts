import Fuse from 'fuse.js';
import type { SearchQuery } from '../../../shared/search/query.ts';
import { tokenize } from '../../../shared/search/text.ts';

/** The fields an item is searched in, each with its weight in ranking. */
export const FIELDS = ['title', 'quote', 'tags', 'body'] as const;
export type FieldName = (typeof FIELDS)[number];
const WEIGHTS: Record<FieldName, number> = { title: 3, quote: 2, tags: 2, body: 1 };

export interface IndexItem<Meta = unknown> {
  id: string;
  fields: Partial<Record<FieldName, string>>;
  /** Carried along for filters and results; never searched. */
  meta: Meta;
}

export interface IndexHit<Meta = unknown> {
  item: IndexItem<Meta>;
  score: number;
}

export interface IndexSearchResult<Meta = unknown> {
  hits: IndexHit<Meta>[];
  /** How many items matched in all (the hits are the best `limit` of them). */
  total: number;
  /** Vocabulary words the query matched (typos resolved), for marking matches in results. */
  matchedTerms: string[];
}

// Field bit masks → the best weight among the fields a term occurs in.
const MASK_WEIGHT = Array.from({ length: 1 << FIELDS.length }, (_, mask) =>
  Math.max(0, ...FIELDS.map((f, i) => (mask & (1 << i) ? WEIGHTS[f] : 0))),
);

const MAX_PREFIX_TERMS = 300;
const MAX_FUZZY_CANDIDATES = 200;

function trigrams(term: string): string[] {
  const padded = `$${term}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

/**
 * An inverted index for fuzzy search at scale, with fuse.js as the fuzzy matcher.
 *
 * Exhaustive fuse.js compares the query with every item's whole text: seconds per keystroke at
 * 50,000 notes. Here fuse.js compares each query word only with a few hundred *vocabulary* words
 * — those sharing enough trigrams with it — and the words it accepts lead straight to the items
 * that contain them through posting lists. Ranking adds, per query word, its best match's
 * similarity × rarity (idf) × the weight of the field it was found in, then favours items that
 * match every word.
 *
 * Updates are incremental: an item gets a new slot and its old one is marked dead (skipped by
 * searches, compacted away when dead slots pile up), so a change costs only its own words.
 */
export class SearchIndex<Meta = unknown> {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per term: the slots holding it (ascending), and in which fields (bit mask). */
  private postings: number[][] = [];
  private postingFields: number[][] = [];
  private readonly byTrigram = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private slots: (IndexItem<Meta> | null)[] = [];
  /** Per slot, the distinct terms it holds: what a removal takes out of the live counts. */
  private slotTerms: (Int32Array | null)[] = [];
  /** Per term, how many live items hold it (posting lists also keep dead slots until compaction). */
  private liveDf: number[] = [];
  private readonly slotOf = new Map<string, number>();
  private dead = 0;
  private totalPostings = 0;
  // Scratch space for searches, grown with the slots.
  private scores = new Float64Array(0);
  private best = new Float64Array(0);
  private matched = new Uint32Array(0);

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get(id: string): IndexItem<Meta> | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : (this.slots[slot] ?? undefined);
  }

  /** Add an item, or replace the one with the same id. */
  set(item: IndexItem<Meta>): void {
    this.remove(item.id);
    const slot = this.slots.length;
    this.slots.push(item);
    this.slotOf.set(item.id, slot);
    const held: number[] = [];
    for (let f = 0; f < FIELDS.length; f++) {
      const text = item.fields[FIELDS[f]!];
      if (!text) continue;
      const bit = 1 << f;
      for (const word of tokenize(text)) {
        const id = this.termId(word);
        const list = this.postings[id]!;
        const last = list.length - 1;
        if (last >= 0 && list[last] === slot) this.postingFields[id]![last]! |= bit;
        else {
          list.push(slot);
          this.postingFields[id]!.push(bit);
          this.totalPostings++;
          this.liveDf[id]!++;
          held.push(id);
        }
      }
    }
    this.slotTerms.push(Int32Array.from(held));
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.slots[slot] = null;
    for (const term of this.slotTerms[slot] ?? []) this.liveDf[term]!--;
    this.slotTerms[slot] = null;
    this.dead++;
    // Dead slots cost memory and time in every search that meets them: compact when they are
    // as many as the live ones (rare: it takes as many edits as there are items).
    if (this.dead > 1000 && this.dead > this.slotOf.size) this.compact();
  }

  search(
    query: SearchQuery,
    options: { limit: number; filter?: (item: IndexItem<Meta>) => boolean },
  ): IndexSearchResult<Meta> {
    this.ensureScratch();
    const n = this.slots.length;
    const live = Math.max(1, this.slotOf.size);
    const { scores, best, matched } = this;
    const touched: number[] = [];
    const matchedTerms = new Set<string>();
    // Fuzzy words, then the words of phrases (exact: a phrase is what was typed); together they
    // rank the items, and at most 31 of them fit the per-item bit mask.
    const fuzzyWords = query.words.slice(0, 31);
    const phraseWords = [...new Set(query.phrases.flat())].filter((w) => !fuzzyWords.includes(w));
    const words = [...fuzzyWords, ...phraseWords].slice(0, 31);

    words.forEach((word, w) => {
      const exactOnly = w >= fuzzyWords.length;
      const prefix = !exactOnly && query.lastIsPrefix && w === fuzzyWords.length - 1;
      const candidates = exactOnly ? this.exactTerm(word) : this.matchTerm(word, prefix);
      const changed: number[] = [];
      for (const { id, similarity } of candidates) {
        matchedTerms.add(this.terms[id]!);
        const list = this.postings[id]!;
        const fields = this.postingFields[id]!;
        const idf = Math.log(1 + live / Math.max(1, this.liveDf[id]!));
        const weight = similarity * idf;
        for (let k = 0; k < list.length; k++) {
          const slot = list[k]!;
          if (this.slots[slot] === null) continue;
          const value = weight * MASK_WEIGHT[fields[k]!]!;
          if (best[slot] === 0) changed.push(slot);
          if (value > best[slot]!) best[slot] = value;
        }
      }
      for (const slot of changed) {
        if (matched[slot] === 0) touched.push(slot);
        scores[slot] = scores[slot]! + best[slot]!;
        matched[slot]! |= 1 << w;
        best[slot] = 0;
      }
    });

    // Candidates: what matched a word; with no words (filters alone), everything.
    let candidates: number[];
    if (words.length > 0) candidates = touched;
    else {
      candidates = [];
      for (let slot = 0; slot < n; slot++) if (this.slots[slot]) candidates.push(slot);
    }

    const excluded = new Set<number>();
    for (const word of query.excluded) {
      const id = this.termIds.get(word);
      if (id !== undefined) for (const slot of this.postings[id]!) excluded.add(slot);
    }

    const heap = new TopK(options.limit);
    let total = 0;
    const wordCount = words.length;
    const fuzzyCount = fuzzyWords.length;
    const fuzzyMask = fuzzyCount >= 31 ? 0x7fffffff : (1 << fuzzyCount) - 1;
    for (const slot of candidates) {
      const item = this.slots[slot];
      const raw = scores[slot]!;
      const mask = matched[slot]!;
      scores[slot] = 0;
      matched[slot] = 0;
      if (!item || excluded.has(slot)) continue;
      if (query.phrases.length > 0 && !this.hasPhrases(item, query.phrases, 'all')) continue;
      if (query.excludedPhrases.length > 0 && this.hasPhrases(item, query.excludedPhrases, 'any'))
        continue;
      if (options.filter && !options.filter(item)) continue;
      let score = raw;
      if (fuzzyCount > 0) {
        // Items that match every word come first; half the words is the least that counts. (A
        // phrase's words rank but do not count here: the phrase itself is checked above.)
        const coverage = popcount(mask & fuzzyMask) / fuzzyCount;
        if (coverage < 0.5) continue;
        score *= coverage * coverage;
      }
      if (wordCount === 0) score = 1;
      total++;
      heap.push(slot, score);
    }
    // Leave the scratch arrays clean even for slots that were skipped above.
    for (const slot of touched) {
      scores[slot] = 0;
      matched[slot] = 0;
    }

    const hits = heap.sorted().map(({ slot, score }) => ({ item: this.slots[slot]!, score }));
    return { hits, total, matchedTerms: [...matchedTerms] };
  }

  /** Vocabulary words matching a query word: itself, words it starts, and near misses. */
  private matchTerm(word: string, prefix: boolean): { id: number; similarity: number }[] {
    const found = new Map<number, number>();
    const exact = this.termIds.get(word);
    if (exact !== undefined) found.set(exact, 1);
    if (prefix && word.length >= 2) {
      const bucket = this.byPrefix.get(word.slice(0, 3)) ?? [];
      let count = 0;
      for (const id of bucket) {
        const term = this.terms[id]!;
        if (id === exact || !term.startsWith(word)) continue;
        found.set(id, Math.max(found.get(id) ?? 0, 0.8 + 0.15 * (word.length / term.length)));
        if (++count >= MAX_PREFIX_TERMS) break;
      }
    }
    if (word.length >= 4 || (word.length === 3 && exact === undefined)) {
      for (const { id, similarity } of this.fuzzy(word)) {
        if (similarity > (found.get(id) ?? 0)) found.set(id, similarity);
      }
    }
    return [...found].map(([id, similarity]) => ({ id, similarity }));
  }

  /** Near misses by trigram overlap, scored by fuse.js. */
  private fuzzy(word: string): { id: number; similarity: number }[] {
    const grams = trigrams(word);
    const overlap = new Map<number, number>();
    for (const gram of grams) {
      for (const id of this.byTrigram.get(gram) ?? []) overlap.set(id, (overlap.get(id) ?? 0) + 1);
    }
    const needed = Math.max(1, Math.ceil(grams.length * 0.34));
    const candidates: { id: number; shared: number }[] = [];
    for (const [id, shared] of overlap) {
      if (shared < needed) continue;
      const term = this.terms[id]!;
      if (Math.abs(term.length - word.length) > 2 || term === word) continue;
      candidates.push({ id, shared });
    }
    if (candidates.length === 0) return [];
    candidates.sort((a, b) => b.shared - a.shared);
    const pool = candidates.slice(0, MAX_FUZZY_CANDIDATES);
    const fuse = new Fuse(
      pool.map((c) => this.terms[c.id]!),
      { includeScore: true, threshold: 0.4, ignoreLocation: true, isCaseSensitive: true },
    );
    // fuse.js judges how alike they are; an edit budget by length keeps short words from
    // matching every other short word (herat is not fitrat).
    const budget = word.length <= 4 ? 1 : word.length <= 7 ? 2 : 3;
    return fuse
      .search(word)
      .filter((r) => editDistance(word, r.item, budget) <= budget)
      .map((r) => ({ id: pool[r.refIndex]!.id, similarity: 0.75 * (1 - (r.score ?? 1)) }))
      .filter((r) => r.similarity > 0.3);
  }

  private exactTerm(word: string): { id: number; similarity: number }[] {
    const id = this.termIds.get(word);
    return id === undefined ? [] : [{ id, similarity: 1 }];
  }

  private hasPhrases(item: IndexItem<Meta>, phrases: string[][], need: 'all' | 'any'): boolean {
    const words = ` ${FIELDS.map((f) => item.fields[f] ?? '')
      .map((text) => tokenize(text).join(' '))
      .join(' \u0000 ')} `;
    const has = (phrase: string[]) => words.includes(` ${phrase.join(' ')} `);
    return need === 'all' ? phrases.every(has) : phrases.some(has);
  }

  private termId(word: string): number {
    let id = this.termIds.get(word);
    if (id !== undefined) return id;
    id = this.terms.length;
    this.terms.push(word);
    this.termIds.set(word, id);
    this.postings.push([]);
    this.postingFields.push([]);
    this.liveDf.push(0);
    for (const gram of new Set(trigrams(word))) {
      const list = this.byTrigram.get(gram);
      if (list) list.push(id);
      else this.byTrigram.set(gram, [id]);
    }
    const key = word.slice(0, 3);
    const bucket = this.byPrefix.get(key);
    if (bucket) bucket.push(id);
    else this.byPrefix.set(key, [id]);
    // Shorter prefixes ("po" while typing "pol") share the buckets of their 3-letter extensions.
    for (let len = 1; len < Math.min(3, word.length + 1); len++) {
      if (word.length === len) continue;
      const short = word.slice(0, len);
      const list = this.byPrefix.get(short);
      if (list) list.push(id);
      else this.byPrefix.set(short, [id]);
    }
    return id;
  }

  private ensureScratch(): void {
    const n = this.slots.length;
    if (this.scores.length >= n) return;
    const size = Math.max(n, this.scores.length * 2, 1024);
    this.scores = new Float64Array(size);
    this.best = new Float64Array(size);
    this.matched = new Uint32Array(size);
  }

  /** Drop dead slots: renumber the live ones and rewrite the posting lists. */
  private compact(): void {
    const renumber = new Int32Array(this.slots.length).fill(-1);
    const slots: (IndexItem<Meta> | null)[] = [];
    const slotTerms: (Int32Array | null)[] = [];
    this.slots.forEach((item, slot) => {
      if (!item) return;
      renumber[slot] = slots.length;
      this.slotOf.set(item.id, slots.length);
      slots.push(item);
      slotTerms.push(this.slotTerms[slot] ?? null);
    });
    this.slotTerms = slotTerms;
    this.totalPostings = 0;
    for (let id = 0; id < this.postings.length; id++) {
      const list = this.postings[id]!;
      const fields = this.postingFields[id]!;
      const nextList: number[] = [];
      const nextFields: number[] = [];
      for (let k = 0; k < list.length; k++) {
        const to = renumber[list[k]!]!;
        if (to < 0) continue;
        nextList.push(to);
        nextFields.push(fields[k]!);
      }
      this.postings[id] = nextList;
      this.postingFields[id] = nextFields;
      this.totalPostings += nextList.length;
    }
    this.slots = slots;
    this.dead = 0;
  }
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early
 * once it exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, prev2[j - 2]! + 1);
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

function popcount(mask: number): number {
  let m = mask - ((mask >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return (((m + (m >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The best `k` of a stream of scored slots (a min-heap: the weakest kept is on top). */
class TopK {
  private readonly slots: number[] = [];
  private readonly scores: number[] = [];
  private readonly k: number;
  constructor(k: number) {
    this.k = k;
  }

  push(slot: number, score: number): void {
    if (this.slots.length < this.k) {
      this.slots.push(slot);
      this.scores.push(score);
      this.up(this.slots.length - 1);
    } else if (score > this.scores[0]!) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.down(0);
    }
  }

  sorted(): { slot: number; score: number }[] {
    return this.slots
      .map((slot, i) => ({ slot, score: this.scores[i]! }))
      .sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.slots.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.scores[l]! < this.scores[m]!) m = l;
      if (r < n && this.scores[r]! < this.scores[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    [this.slots[a], this.slots[b]] = [this.slots[b]!, this.slots[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}
