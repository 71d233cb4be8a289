import Fuse from 'fuse.js';
import type { SearchQuery } from '../../../shared/search/query.ts';
import { tokenize } from '../../../shared/search/text.ts';
import { WordTable } from './word-table.ts';

/** The fields an item is searched in, each with its weight in ranking. */
export const FIELDS = ['title', 'quote', 'tags', 'body'] as const;
export type FieldName = (typeof FIELDS)[number];
const WEIGHTS: Record<FieldName, number> = { title: 1.6, quote: 1.3, tags: 1.3, body: 1 };

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
 * — those sharing trigrams with it, or one deletion away from it — and the words it accepts
 * (within an edit budget) lead straight to the items holding them through posting lists.
 * Ranking adds, per query word, its best match's similarity × rarity (idf) × the weight of the
 * field it was found in, favours items that match every word, and then the best few by whether
 * the words stand next to each other as typed.
 *
 * Updates are incremental: an item gets a new slot and its old one is marked dead. Dead postings
 * are skipped by searches and filtered out later, a slice at a time (`compactStep`), so no
 * change ever costs a rebuild.
 */
export class SearchIndex<Meta = unknown> {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * Per term: its postings, each `slot * 16 + field bits`, slots ascending. A bulk build leaves
   * them as views into one typed array; a term that gains a posting later gets its own array.
   */
  private readonly postings: (number[] | Int32Array)[] = [];
  /** Fast lookup of words straight from text, for bulk builds. */
  private readonly words = new WordTable(this.terms);
  /** Per term: how many live items hold it (posting lists also hold dead slots for a while). */
  private readonly liveDf: number[] = [];
  private readonly byTrigram = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  /** Single-letter deletions of each word → the words: typos that trigrams miss in short words. */
  private readonly byDeletion = new Map<string, number[]>();
  private readonly slots: (IndexItem<Meta> | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private deadPostings = 0;
  private livePostings = 0;
  private compactCursor = 0;
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
    const code = slot * 16;
    const { termIds, postings, liveDf } = this;
    let added = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const text = item.fields[FIELDS[f]!];
      if (!text) continue;
      const bit = 1 << f;
      const words = tokenize(text);
      for (let k = 0; k < words.length; k++) {
        const word = words[k]!;
        let id = termIds.get(word);
        if (id === undefined) id = this.addTerm(word);
        let list = postings[id]!;
        const last = list.length - 1;
        if (last >= 0 && list[last]! >= code) list[last] = list[last]! | bit;
        else {
          if (!Array.isArray(list)) postings[id] = list = Array.from(list);
          list.push(code | bit);
          liveDf[id]!++;
          added++;
        }
      }
    }
    this.livePostings += added;
  }

  /**
   * Index many items at once, as `set` for each would, in steps (a `yield` every `chunk` items)
   * so the caller can spread a large first build over several turns of the event loop. Words are
   * read without allocating (WordTable) and postings are counted, then written into one typed
   * array, instead of growing a small array per word.
   */
  *load(items: readonly IndexItem<Meta>[], chunk = 5000): Generator<void, void> {
    // One item per id, the last given winning, as with `set`.
    const unique = new Map(items.map((item) => [item.id, item]));
    if (unique.size < items.length) items = [...unique.values()];
    if (this.slots.length > 0) {
      for (const [i, item] of items.entries()) {
        this.set(item);
        if ((i + 1) % chunk === 0) yield;
      }
      return;
    }
    // Pass 1: each item's distinct (term, field bits), and how many items hold each term.
    let chars = 0;
    for (const item of items) for (const f of FIELDS) chars += item.fields[f]?.length ?? 0;
    // About one distinct word per six characters: sized once, grown only if prose is unusual.
    let pairs = new Int32Array(Math.max(1 << 16, Math.ceil(chars / 3)));
    let used = 0;
    const ends = new Int32Array(items.length);
    let lastSlot = new Int32Array(1 << 16).fill(-1);
    let pairAt = new Int32Array(1 << 16);
    let df = new Int32Array(1 << 16);
    const add = (word: string, hash: number) => this.addTerm(word, hash);
    const slow = (chunk: string) =>
      tokenize(chunk).map((word) => this.termIds.get(word) ?? this.addTerm(word));
    let ids: Int32Array = new Int32Array(4096);
    for (let slot = 0; slot < items.length; slot++) {
      const item = items[slot]!;
      this.slots.push(item);
      this.slotOf.set(item.id, slot);
      for (let f = 0; f < FIELDS.length; f++) {
        const text = item.fields[FIELDS[f]!];
        if (!text) continue;
        const bit = 1 << f;
        const buffer = this.words.scan(text, add, slow, ids);
        const count = this.words.scanned;
        ids = buffer;
        if (this.terms.length > lastSlot.length) {
          const size = Math.max(this.terms.length, lastSlot.length * 2);
          const grown = new Int32Array(size).fill(-1);
          grown.set(lastSlot);
          lastSlot = grown;
          const at = new Int32Array(size);
          at.set(pairAt);
          pairAt = at;
          const counts = new Int32Array(size);
          counts.set(df);
          df = counts;
        }
        if ((used + count) * 2 > pairs.length) {
          const grown = new Int32Array(Math.max(pairs.length * 2, (used + count) * 2));
          grown.set(pairs);
          pairs = grown;
        }
        for (let k = 0; k < count; k++) {
          const id = buffer[k]!;
          if (lastSlot[id] === slot) {
            pairs[pairAt[id]! * 2 + 1]! |= bit;
            continue;
          }
          lastSlot[id] = slot;
          pairAt[id] = used;
          pairs[used * 2] = id;
          pairs[used * 2 + 1] = bit;
          used++;
          df[id]!++;
        }
      }
      ends[slot] = used;
      if ((slot + 1) % chunk === 0) yield;
    }
    // Pass 2: one array for every posting, each term's run in slot order.
    const terms = this.terms.length;
    const offsets = new Int32Array(terms + 1);
    for (let id = 0; id < terms; id++) offsets[id + 1] = offsets[id]! + (df[id] ?? 0);
    const all = new Int32Array(used);
    const cursor = offsets.slice(0, terms);
    let from = 0;
    for (let s = 0; s < items.length; s++) {
      const code = s * 16;
      for (let p = from; p < ends[s]!; p++) {
        const id = pairs[p * 2]!;
        all[cursor[id]!++] = code | pairs[p * 2 + 1]!;
      }
      from = ends[s]!;
    }
    for (let id = 0; id < terms; id++) {
      this.postings[id] = all.subarray(offsets[id]!, offsets[id + 1]!);
      this.liveDf[id] = df[id] ?? 0;
    }
    this.livePostings = used;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const item = this.slots[slot]!;
    this.slotOf.delete(id);
    this.slots[slot] = null;
    // Its words, found again from its text: cheaper than keeping every item's term list.
    const held = new Set<number>();
    for (const field of FIELDS) {
      const text = item.fields[field];
      if (text) for (const word of tokenize(text)) held.add(this.termIds.get(word)!);
    }
    for (const term of held) this.liveDf[term]!--;
    this.livePostings -= held.size;
    this.deadPostings += held.size;
  }

  /** Dead postings outnumber live ones: time to call `compactStep` until it says done. */
  get needsCompaction(): boolean {
    return this.deadPostings > 10_000 && this.deadPostings > this.livePostings;
  }

  /**
   * Filter dead slots out of the next `lists` posting lists; true when every list has been
   * through. Small steps, so compaction can run between other work.
   */
  compactStep(lists = 5000): boolean {
    const end = Math.min(this.postings.length, this.compactCursor + lists);
    for (let id = this.compactCursor; id < end; id++) {
      const list = this.postings[id]!;
      let to = 0;
      for (let k = 0; k < list.length; k++) {
        const posting = list[k]!;
        if (this.slots[posting >>> 4] !== null) list[to++] = posting;
      }
      this.deadPostings -= list.length - to;
      if (Array.isArray(list)) list.length = to;
      else this.postings[id] = list.subarray(0, to);
    }
    this.compactCursor = end;
    if (end < this.postings.length) return false;
    this.compactCursor = 0;
    this.deadPostings = Math.max(0, this.deadPostings);
    return true;
  }

  search(
    query: SearchQuery,
    options: { limit: number; filter?: (item: IndexItem<Meta>) => boolean },
  ): IndexSearchResult<Meta> {
    this.ensureScratch();
    const { scores, best, matched } = this;
    const touched: number[] = [];
    let changed: number[] = [];
    try {
      return this.rank(query, options, touched, (list) => {
        changed = list;
      });
    } finally {
      // The scratch arrays are shared by every search: leave them clean whatever happened.
      for (const slot of touched) {
        scores[slot] = 0;
        matched[slot] = 0;
        best[slot] = 0;
      }
      for (const slot of changed) best[slot] = 0;
    }
  }

  private rank(
    query: SearchQuery,
    options: { limit: number; filter?: (item: IndexItem<Meta>) => boolean },
    touched: number[],
    tracking: (changed: number[]) => void,
  ): IndexSearchResult<Meta> {
    const n = this.slots.length;
    const live = Math.max(1, this.slotOf.size);
    const { scores, best, matched, slots } = this;
    const matchedTerms = new Map<string, number>();
    // Fuzzy words, then the words of phrases (exact: a phrase is what was typed); together they
    // rank the items, and at most 31 of them fit the per-item bit mask.
    const fuzzyWords = query.words.slice(0, 31);
    const phraseWords = [...new Set(query.phrases.flat())].filter((w) => !fuzzyWords.includes(w));
    const words = [...fuzzyWords, ...phraseWords].slice(0, 31);
    /** Per query word, the vocabulary words it matched: for the proximity check below. */
    const wordTerms: Set<string>[] = [];

    words.forEach((word, w) => {
      const exactOnly = w >= fuzzyWords.length;
      // Only the word really last in the query is being typed (not the 31st of a longer one).
      const prefix = !exactOnly && query.lastIsPrefix && w === query.words.length - 1;
      const candidates = exactOnly ? this.exactTerm(word) : this.matchTerm(word, prefix);
      const terms = new Set<string>();
      wordTerms.push(terms);
      const changed: number[] = [];
      tracking(changed);
      for (const { id, similarity } of candidates) {
        const term = this.terms[id]!;
        matchedTerms.set(term, Math.max(matchedTerms.get(term) ?? 0, similarity));
        terms.add(term);
        const list = this.postings[id]!;
        const weight = similarity * Math.log(1 + live / Math.max(1, this.liveDf[id]!));
        for (let k = 0; k < list.length; k++) {
          const posting = list[k]!;
          const slot = posting >>> 4;
          if (slots[slot] === null) continue;
          const value = weight * MASK_WEIGHT[posting & 15]!;
          if (best[slot] === 0) changed.push(slot);
          if (value > best[slot]!) best[slot] = value;
        }
      }
      for (const slot of changed) {
        if (matched[slot] === 0) touched.push(slot);
        scores[slot] = scores[slot]! + best[slot]!;
        matched[slot] = matched[slot]! | (1 << w);
        best[slot] = 0;
      }
      changed.length = 0;
    });

    // Candidates: what matched a word; with no words (filters alone), everything.
    let candidates: number[];
    if (words.length > 0) candidates = touched;
    else {
      candidates = [];
      for (let slot = 0; slot < n; slot++) if (slots[slot]) candidates.push(slot);
    }

    const excluded = new Set<number>();
    for (const word of query.excluded) {
      const id = this.termIds.get(word);
      if (id !== undefined) for (const posting of this.postings[id]!) excluded.add(posting >>> 4);
    }
    // Phrases are checked word by word in the text, which is dear: first, cheaply, which items
    // hold all of a phrase's words at all. A one-word phrase needs nothing more.
    const required = [...new Set(query.phrases.flat())];
    const holding = required.length > 0 ? this.countHolding(required) : null;
    const checkPhrases = query.phrases.some((p) => p.length > 1);
    const unwanted = query.excludedPhrases.map((phrase) => {
      const distinct = [...new Set(phrase)];
      return { phrase, size: distinct.length, counts: this.countHolding(distinct) };
    });

    // Keep more than asked for: the best of them are re-ranked by proximity below.
    const keep = Math.max(options.limit, RERANK);
    const heap = new TopK(keep);
    const toCheck: { slot: number; score: number }[] = [];
    let total = 0;
    const wordCount = words.length;
    const fuzzyCount = fuzzyWords.length;
    const fuzzyMask = fuzzyCount >= 31 ? 0x7fffffff : (1 << fuzzyCount) - 1;
    for (const slot of candidates) {
      const item = slots[slot];
      const raw = scores[slot]!;
      const mask = matched[slot]!;
      if (!item || excluded.has(slot)) continue;
      if (holding && holding[slot] !== required.length) continue;
      if (options.filter && !options.filter(item)) continue;
      let score = raw;
      if (fuzzyCount > 0) {
        // Items that match every word come first; half the words is the least that counts. (A
        // phrase's words rank but do not count here: the phrase itself is checked.)
        const coverage = popcount(mask & fuzzyMask) / fuzzyCount;
        if (coverage < 0.5) continue;
        score *= coverage * coverage;
      }
      if (wordCount === 0) score = 1;
      if (checkPhrases || unwanted.some((u) => u.counts[slot] === u.size)) {
        toCheck.push({ slot, score });
        continue;
      }
      total++;
      heap.push(slot, score);
    }
    // The dear check, best first, and only while an item could still make the list; what is
    // left unchecked counts as a match in the total (which is then an upper bound).
    toCheck.sort((a, b) => b.score - a.score);
    let checked = 0;
    for (const { slot, score } of toCheck) {
      if ((heap.full && score <= heap.weakest) || checked >= MAX_PHRASE_CHECKS) {
        total += toCheck.length - checked;
        break;
      }
      checked++;
      const item = slots[slot]!;
      if (checkPhrases && !this.hasPhrases(item, query.phrases, 'all')) continue;
      if (unwanted.length > 0 && this.hasPhrases(item, query.excludedPhrases, 'any')) continue;
      total++;
      heap.push(slot, score);
    }

    let ranked = heap.sorted();
    if (fuzzyCount > 1) {
      // Words typed together that stand together in the text are what was meant.
      const head = ranked.slice(0, RERANK).map(({ slot, score }) => ({
        slot,
        score:
          score * (1 + PROXIMITY_BONUS * adjacency(slots[slot]!, wordTerms.slice(0, fuzzyCount))),
      }));
      head.sort((a, b) => b.score - a.score || a.slot - b.slot);
      ranked = [...head, ...ranked.slice(RERANK)];
    }
    const hits = ranked
      .slice(0, options.limit)
      .map(({ slot, score }) => ({ item: slots[slot]!, score }));
    // The closest matches first: what results mark (capped, a prefix can match hundreds).
    const terms = [...matchedTerms]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_MARKED_TERMS)
      .map(([term]) => term);
    return { hits, total, matchedTerms: terms };
  }

  /** Per slot, how many of `words` (exactly) its live item holds. */
  private countHolding(words: readonly string[]): Int32Array {
    const counts = new Int32Array(this.slots.length);
    for (const word of words) {
      const id = this.termIds.get(word);
      if (id === undefined) continue;
      for (const posting of this.postings[id]!) counts[posting >>> 4]!++;
    }
    return counts;
  }

  /** Vocabulary words matching a query word: itself, words it starts, and near misses. */
  private matchTerm(word: string, prefix: boolean): { id: number; similarity: number }[] {
    const found = new Map<number, number>();
    const id = this.termIds.get(word);
    // A word no live item holds any more (an edit took it out) is not a known word.
    const exact = id !== undefined && this.liveDf[id]! > 0 ? id : undefined;
    if (exact !== undefined) found.set(exact, 1);
    if (prefix && word.length >= 2) {
      const bucket = this.byPrefix.get(word.slice(0, 3)) ?? [];
      let count = 0;
      for (const id of bucket) {
        const term = this.terms[id]!;
        if (id === exact || !term.startsWith(word)) continue;
        found.set(id, Math.max(found.get(id) ?? 0, 0.7 + 0.25 * (word.length / term.length)));
        if (++count >= MAX_PREFIX_TERMS) break;
      }
    }
    // Typos are looked for when the word is not known, or long enough that a known word may
    // still be a slip for another; a short known word stands for itself.
    // Past fuse.js's 32-letter pattern limit a "word" is an identifier or a hash: exact only.
    if (word.length > MAX_FUZZY_LENGTH)
      return [...found].map(([i, s]) => ({ id: i, similarity: s }));
    if (word.length >= 5 || (word.length >= 3 && exact === undefined)) {
      for (const { id, similarity } of this.fuzzy(word)) {
        if (similarity > (found.get(id) ?? 0)) found.set(id, similarity);
      }
    }
    return [...found].map(([id, similarity]) => ({ id, similarity }));
  }

  /** Near misses (by trigram overlap and by single deletions), scored by fuse.js. */
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
    candidates.sort((a, b) => b.shared - a.shared);
    const pool = new Set(candidates.slice(0, MAX_FUZZY_CANDIDATES).map((c) => c.id));
    // Short words with a typo share few trigrams (waerk / weark share one): words one deletion
    // away from the query, or the query one deletion away from them, catch those.
    // Two letters left out of the query too, for two slips in one word (brisclosh/buisclohh).
    const once = deletions(word);
    const twice = word.length >= 6 && word.length <= 14 ? once.flatMap(deletions) : [];
    for (const variant of new Set([word, ...once, ...twice])) {
      for (const id of this.byDeletion.get(variant) ?? []) pool.add(id);
      const same = this.termIds.get(variant);
      if (same !== undefined) pool.add(same);
    }
    pool.delete(this.termIds.get(word) ?? -1);
    if (pool.size === 0) return [];
    const ids = [...pool];
    const fuse = new Fuse(
      ids.map((id) => this.terms[id]!),
      { includeScore: true, threshold: 0.45, ignoreLocation: true, isCaseSensitive: true },
    );
    // fuse.js judges how alike they are; an edit budget by length keeps short words from
    // matching every other short word (herat is not fitrat).
    const budget = word.length <= 4 ? 1 : word.length <= 7 ? 2 : 3;
    const found: { id: number; similarity: number }[] = [];
    for (const r of fuse.search(word)) {
      const distance = editDistance(word, r.item, budget);
      if (distance > budget) continue;
      // One slip is likelier than two: a closer word keeps more of fuse.js's score.
      const similarity = 0.8 * (1 - (r.score ?? 1)) * (distance <= 1 ? 1 : 0.8);
      if (similarity > 0.3) found.push({ id: ids[r.refIndex]!, similarity });
    }
    return found;
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

  private addTerm(word: string, hash?: number): number {
    const id = this.terms.length;
    this.terms.push(word);
    this.termIds.set(word, id);
    this.words.insert(id, hash);
    this.postings.push([]);
    this.liveDf.push(0);
    const index = (map: Map<string, number[]>, key: string) => {
      const list = map.get(key);
      if (list === undefined) map.set(key, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    };
    for (const gram of trigrams(word)) index(this.byTrigram, gram);
    // Prefix buckets by the first one, two and three letters.
    for (let len = 1; len <= Math.min(3, word.length); len++)
      index(this.byPrefix, word.slice(0, len));
    if (word.length >= 3 && word.length <= 12)
      for (const d of deletions(word)) index(this.byDeletion, d);
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
}

/** Phrase checks read an item's text: at most this many per search. */
const MAX_PHRASE_CHECKS = 3000;
/** Matched words given back for marking results. */
const MAX_MARKED_TERMS = 40;
const MAX_FUZZY_LENGTH = 32;

/** Re-ranked by proximity: the best this many by word scores. */
const RERANK = 100;
const PROXIMITY_BONUS = 0.8;

/** The word with each one letter left out. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * How many neighbouring pairs of query words (in the order typed) stand next to each other in
 * one of the item's fields, as a share of the pairs: 1 when the whole query reads as written.
 */
function adjacency(item: IndexItem<unknown>, wordTerms: readonly Set<string>[]): number {
  const pairs = wordTerms.length - 1;
  if (pairs <= 0) return 0;
  const found = new Set<number>();
  for (const field of FIELDS) {
    const text = item.fields[field];
    if (!text) continue;
    const tokens = tokenize(text);
    for (let i = 0; i + 1 < tokens.length; i++) {
      for (let p = 0; p < pairs; p++) {
        if (!found.has(p) && wordTerms[p]!.has(tokens[i]!) && wordTerms[p + 1]!.has(tokens[i + 1]!))
          found.add(p);
      }
    }
  }
  return found.size / pairs;
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

  get full(): boolean {
    return this.slots.length >= this.k;
  }

  /** The lowest score kept (meaningful when full). */
  get weakest(): number {
    return this.scores[0] ?? Number.NEGATIVE_INFINITY;
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
