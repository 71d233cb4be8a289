import Fuse from 'fuse.js';
import type { SearchQuery } from '../../../shared/search/query.ts';
import { tokenize } from '../../../shared/search/text.ts';
import { KeyLists, type KeyListsData } from './key-lists.ts';
import { WordTable } from './word-table.ts';

/** What a lazily attached slot holds until its item is made. */
const UNRESOLVED: IndexItem<never> = Object.freeze({
  id: '',
  fields: {},
  meta: undefined as never,
});

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

/**
 * Strings as one text and where each ends: no string per entry until one is asked for (a cache
 * file's 100,000 item ids are compared in place as it loads).
 */
export class StringList {
  readonly text: string;
  readonly ends: Int32Array;

  constructor(text: string, ends: Int32Array) {
    if (ends.length > 0 && ends[ends.length - 1] !== text.length)
      throw new Error('string list: ends do not match the text');
    for (let i = 0; i < ends.length; i++)
      if (ends[i]! < (i > 0 ? ends[i - 1]! : 0)) throw new Error('string list: ends go back');
    if (ends.length === 0 && text.length > 0) throw new Error('string list: text without ends');
    this.text = text;
    this.ends = ends;
  }

  static of(strings: readonly string[]): StringList {
    const ends = new Int32Array(strings.length);
    let at = 0;
    for (let i = 0; i < strings.length; i++) {
      at += strings[i]!.length;
      ends[i] = at;
    }
    return new StringList(strings.join(''), ends);
  }

  get length(): number {
    return this.ends.length;
  }

  get(i: number): string | undefined {
    if (i < 0 || i >= this.ends.length) return undefined;
    return this.text.slice(i > 0 ? this.ends[i - 1] : 0, this.ends[i]);
  }

  /** Whether string i is `head` followed by `tail` (without making it). */
  is(i: number, head: string, tail: string): boolean {
    if (i < 0 || i >= this.ends.length) return false;
    const start = i > 0 ? this.ends[i - 1]! : 0;
    return (
      this.ends[i]! - start === head.length + tail.length &&
      this.text.startsWith(head, start) &&
      this.text.startsWith(tail, start + head.length)
    );
  }
}

/** What an index is made of, without its items: what a cache file holds. */
export interface IndexData {
  /** The vocabulary, by term id. */
  terms: StringList;
  /** Term t's postings are `postings[offsets[t]]` up to `postings[offsets[t + 1]]`. */
  offsets: Int32Array;
  /** Per posting `slot * 16 + field bits`, slots ascending within a term. */
  postings: Int32Array;
  /** The item id of each slot. */
  ids: StringList;
  /** The typo and prefix lookup lists (made from the terms when not given). */
  lists?: KeyListsData | undefined;
}

export interface IndexSnapshot<Meta = unknown> extends IndexData {
  /** The item in each slot. */
  items: readonly IndexItem<Meta>[];
  /** The terms, as strings. */
  words: readonly string[];
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
 *
 * An index can be saved (`snapshot`: arrays and strings, no objects per word) and taken back
 * (`restore`) without reading any text again; its items are then given back slot by slot, and
 * may be made only when a search needs them (`attachLazily`).
 */
export class SearchIndex<Meta = unknown> {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * Per term, its postings, each `slot * 16 + field bits`, slots ascending: `listOwn[t]` (or, if
   * it has none, the one array of a bulk build or restore, `bulkAll`) from `listStart[t]` up to
   * `listEnd[t]`. A term that gains a posting after a bulk build gets an array of its own, with
   * room to grow (copied at typed-array speed: a common word has tens of thousands).
   */
  private readonly listOwn: (Int32Array | undefined)[] = [];
  private readonly listStart: number[] = [];
  private readonly listEnd: number[] = [];
  private bulkAll: Int32Array = new Int32Array(0);
  /** Fast lookup of words straight from text, during a bulk build only. */
  private words: WordTable | null = null;
  /** Per term: how many live items hold it (posting lists also hold dead slots for a while). */
  private readonly liveDf: number[] = [];
  private readonly byTrigram = new KeyLists('trigram');
  /** Words by their first one, two and three letters. */
  private readonly byPrefix = new KeyLists('prefix');
  /** Single-letter deletions of each word → the words: typos that trigrams miss in short words. */
  private readonly byDeletion = new KeyLists('deletion');
  /** While a bulk build or restore adds words: the lookup lists are built once at its end. */
  private bulk = false;
  private readonly slots: (IndexItem<Meta> | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Live items (an item in its slot, or a restored slot waiting for one). */
  private live = 0;
  /** Counts additions and removals (for `snapshot` in steps). */
  private version = 0;
  /**
   * The ids of the slots a restore made, in slot order: they join `slotOf` only when an id is
   * first looked up (or `indexIds` runs), as the first search after opening needs none of them.
   */
  private restoredIds = new StringList('', new Int32Array(0));
  private idsIndexed = 0;
  /** Per restored slot, 1 while it waits for its item (`attachAt`) or its removal (`dropWaiting`). */
  private waiting = new Uint8Array(0);
  /**
   * What restored slots were given instead of their items (`attachLazily`), and what makes the
   * items when one is needed: a search reads a few items, not every one it counts.
   */
  private raw: unknown[] = [];
  private resolver: ((slot: number, raw: unknown) => IndexItem<Meta>) | null = null;
  /**
   * Per slot, the terms its item was indexed with (`term * 16 + field bits`, as postings are
   * `slot * 16 + field bits`), so removing an item never needs its text
   * (which may have changed in place since). Slots of a bulk build or a restore share one array
   * (`forwardEnds[slot]` ends a slot's run, the previous slot's end starts it); slots set later
   * have their own, until they die.
   */
  private forward: Int32Array = new Int32Array(0);
  private forwardEnds: Int32Array = new Int32Array(0);
  private readonly forwardOf = new Map<number, Int32Array>();
  /** False after a restore until `buildForward` has made the restored slots' runs. */
  private forwardBuilt = true;
  private deadPostings = 0;
  private livePostings = 0;
  private compactCursor = 0;
  // Scratch space for searches, grown with the slots.
  private scores = new Float64Array(0);
  private best = new Float64Array(0);
  private matched = new Uint32Array(0);
  /** Slots a search has scored (`touchedCount` of them), and those a word has (`changed`). */
  private touched = new Int32Array(0);
  private touchedCount = 0;
  private changed = new Int32Array(0);
  private changedCount = 0;

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.slotFor(id) !== undefined;
  }

  get(id: string): IndexItem<Meta> | undefined {
    const slot = this.slotFor(id);
    return slot === undefined ? undefined : (this.itemAt(slot) ?? undefined);
  }

  /** Add an item, or replace the one with the same id. */
  set(item: IndexItem<Meta>): void {
    this.remove(item.id);
    this.add(item);
  }

  /** Add an item whose id the index does not hold (unchecked: `set` when unsure). */
  add(item: IndexItem<Meta>): void {
    const slot = this.slots.length;
    this.slots.push(item);
    this.slotOf.set(item.id, slot);
    this.live++;
    this.version++;
    const code = slot * 16;
    const { termIds, listOwn, listStart, listEnd, liveDf } = this;
    const held: number[] = [];
    for (let f = 0; f < FIELDS.length; f++) {
      const text = item.fields[FIELDS[f]!];
      if (!text) continue;
      const bit = 1 << f;
      const words = tokenize(text);
      for (let k = 0; k < words.length; k++) {
        const word = words[k]!;
        let id = termIds.get(word);
        if (id === undefined) id = this.addTerm(word);
        let list = listOwn[id];
        const start = listStart[id]!;
        let end = listEnd[id]!;
        if (end > start && (list ?? this.bulkAll)[end - 1]! >= code) {
          (list ?? this.bulkAll)[end - 1]! |= bit;
          continue;
        }
        if (list === undefined || end === list.length) {
          const grown = new Int32Array(Math.max(4, (end - start) * 2));
          grown.set((list ?? this.bulkAll).subarray(start, end));
          list = grown;
          listOwn[id] = grown;
          listStart[id] = 0;
          end -= start;
        }
        list[end] = code | bit;
        listEnd[id] = end + 1;
        liveDf[id]!++;
        held.push(id);
      }
    }
    const forward = new Int32Array(held.length);
    for (let k = 0; k < held.length; k++)
      forward[k] = held[k]! * 16 + (listOwn[held[k]!]![listEnd[held[k]!]! - 1]! & 15);
    this.forwardOf.set(slot, forward);
    this.livePostings += held.length;
  }

  /**
   * Index many items at once, as `set` for each would, in steps (a `yield` every `chunk` items)
   * so the caller can spread a large first build over several turns of the event loop. Words are
   * read without allocating (WordTable) and postings are counted, then written into one typed
   * array, instead of growing a small array per word.
   */
  *load(items: readonly IndexItem<Meta>[], chunk = 5000): Generator<void, void> {
    if (this.slots.length > 0) {
      for (const [i, item] of items.entries()) {
        this.set(item);
        if ((i + 1) % chunk === 0) yield;
      }
      return;
    }
    // One item per id, the last given winning, as with `set`: ids first.
    const { slotOf } = this;
    for (let i = 0; i < items.length; i++) {
      slotOf.set(items[i]!.id, i);
      if ((i + 1) % (chunk * 4) === 0) yield;
    }
    if (slotOf.size < items.length) {
      items = items.filter((item, i) => slotOf.get(item.id) === i);
      for (const [i, item] of items.entries()) slotOf.set(item.id, i);
    }
    // Pass 1: each item's distinct (term, field bits), and how many items hold each term.
    const words = new WordTable(this.terms);
    for (let id = 0; id < this.terms.length; id++) words.insert(id);
    this.words = words;
    this.bulk = true;
    // Sized for a few dozen distinct words an item, grown if there are more.
    let pairs = new Int32Array(Math.max(1 << 16, items.length * 64));
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
      this.live++;
      for (let f = 0; f < FIELDS.length; f++) {
        const text = item.fields[FIELDS[f]!];
        if (!text) continue;
        const bit = 1 << f;
        const buffer = words.scan(text, add, slow, ids);
        const count = words.scanned;
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
    this.words = null;
    yield* this.buildLists();
    // Pass 2: one array for every posting, each term's run in slot order.
    const terms = this.terms.length;
    const offsets = new Int32Array(terms + 1);
    for (let id = 0; id < terms; id++) offsets[id + 1] = offsets[id]! + (df[id] ?? 0);
    const all = new Int32Array(used);
    const forward = new Int32Array(used);
    const cursor = offsets.slice(0, terms);
    let from = 0;
    for (let s = 0; s < items.length; s++) {
      const code = s * 16;
      for (let p = from; p < ends[s]!; p++) {
        const id = pairs[p * 2]!;
        forward[p] = id * 16 + pairs[p * 2 + 1]!;
        all[cursor[id]!++] = code | pairs[p * 2 + 1]!;
      }
      from = ends[s]!;
      if ((s + 1) % (chunk * 4) === 0) yield;
    }
    this.forward = forward;
    this.forwardEnds = ends;
    this.bulkAll = all;
    for (let id = 0; id < terms; id++) {
      this.listOwn[id] = undefined;
      this.listStart[id] = offsets[id]!;
      this.listEnd[id] = offsets[id + 1]!;
      this.liveDf[id] = df[id] ?? 0;
    }
    this.livePostings = used;
  }

  remove(id: string): void {
    const slot = this.slotFor(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.dropSlot(slot);
  }

  /**
   * Remove every restored slot still waiting for its item, in steps: their words are found in one
   * pass over the postings, so the restored items' own term lists are not needed yet.
   */
  *dropWaiting(): Generator<void, number> {
    const restored = this.restoredIds.length;
    const gone = new Uint8Array(restored);
    let count = 0;
    for (let slot = 0; slot < restored; slot++) {
      if (this.waiting[slot] !== 1) continue;
      gone[slot] = 1;
      this.waiting[slot] = 0;
      this.slots[slot] = null;
      this.raw[slot] = undefined;
      if (slot < this.idsIndexed) this.slotOf.delete(this.restoredIds.get(slot)!);
      count++;
    }
    if (count === 0) return 0;
    this.live -= count;
    this.version++;
    let seen = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const list = this.list(t);
      let dead = 0;
      for (let k = 0; k < list.length; k++) if (gone[list[k]! >>> 4] === 1) dead++;
      this.liveDf[t]! -= dead;
      this.livePostings -= dead;
      this.deadPostings += dead;
      seen += list.length;
      if (seen > 500_000) {
        seen = 0;
        yield;
      }
    }
    return count;
  }

  private dropSlot(slot: number): void {
    this.slots[slot] = null;
    if (slot < this.waiting.length) this.waiting[slot] = 0;
    if (slot < this.raw.length) this.raw[slot] = undefined;
    this.live--;
    this.version++;
    const held = this.termsOf(slot);
    for (let k = 0; k < held.length; k++) this.liveDf[held[k]! >>> 4]!--;
    this.forwardOf.delete(slot);
    this.livePostings -= held.length;
    this.deadPostings += held.length;
  }

  /** The live slot of an id. */
  private slotFor(id: string): number | undefined {
    if (this.idsIndexed < this.restoredIds.length) for (const _ of this.indexIds());
    return this.slotOf.get(id);
  }

  /**
   * Put the restored slots' ids into the id lookup, in steps; any lookup by id does it at once
   * if it has not been done. (Only lookups by id need it: searching does not.)
   */
  *indexIds(): Generator<void, void> {
    const ids = this.restoredIds;
    while (this.idsIndexed < ids.length) {
      const slot = this.idsIndexed++;
      if (this.slots[slot] !== null || this.waiting[slot] === 1)
        this.slotOf.set(ids.get(slot)!, slot);
      if (slot % 5000 === 4999) yield;
    }
  }

  /**
   * The restored slots' terms, found from the postings (a cache file does not carry them: only
   * removing an item or saving needs them, not the first search). In steps; anything that needs
   * them first makes them at once.
   */
  *buildForward(): Generator<void, void> {
    if (this.forwardBuilt) return;
    const slots = this.restoredIds.length;
    const terms = this.terms.length;
    // Only additions can come between steps: removing or saving makes them at once, first.
    const ends = new Int32Array(slots);
    let seen = 0;
    // The postings of a restore are checked here, not before the first search: a slot out of
    // range or a posting without a field is passed over by searches, and found here.
    const all = this.slots.length;
    for (let t = 0; t < terms; t++) {
      const list = this.list(t);
      for (let k = 0; k < list.length; k++) {
        const slot = list[k]! >>> 4;
        if (slot >= all || (list[k]! & 15) === 0)
          throw new Error('search index: damaged snapshot (postings)');
        if (slot < slots) ends[slot]!++;
      }
      seen += list.length;
      if (seen > 500_000) {
        seen = 0;
        yield;
        if (this.forwardBuilt) return;
      }
    }
    for (let s = 1; s < slots; s++) ends[s]! += ends[s - 1]!;
    const forward = new Int32Array(slots > 0 ? ends[slots - 1]! : 0);
    const cursor = new Int32Array(slots);
    for (let s = 1; s < slots; s++) cursor[s] = ends[s - 1]!;
    for (let t = 0; t < terms; t++) {
      const list = this.list(t);
      for (let k = 0; k < list.length; k++) {
        const slot = list[k]! >>> 4;
        if (slot < slots) forward[cursor[slot]!++] = t * 16 + (list[k]! & 15);
      }
      seen += list.length;
      if (seen > 500_000) {
        seen = 0;
        yield;
        if (this.forwardBuilt) return;
      }
    }
    this.forward = forward;
    this.forwardEnds = ends;
    this.forwardBuilt = true;
  }

  /** A term's postings (a view of the bulk ones until it gets its own). */
  private list(id: number): Int32Array {
    return (this.listOwn[id] ?? this.bulkAll).subarray(this.listStart[id], this.listEnd[id]);
  }

  /** The distinct terms a slot's item was indexed with, each as `term * 16 + field bits`. */
  private termsOf(slot: number): Int32Array {
    const own = this.forwardOf.get(slot);
    if (own) return own;
    if (!this.forwardBuilt) for (const _ of this.buildForward());
    if (slot >= this.forwardEnds.length) return new Int32Array(0);
    return this.forward.subarray(
      slot > 0 ? this.forwardEnds[slot - 1]! : 0,
      this.forwardEnds[slot],
    );
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
    const end = Math.min(this.terms.length, this.compactCursor + lists);
    for (let id = this.compactCursor; id < end; id++) {
      const list = this.list(id);
      let to = 0;
      for (let k = 0; k < list.length; k++) {
        const posting = list[k]!;
        if (this.slots[posting >>> 4] !== null) list[to++] = posting;
      }
      this.deadPostings -= list.length - to;
      this.listEnd[id] = this.listStart[id]! + to;
    }
    this.compactCursor = end;
    if (end < this.terms.length) return false;
    this.compactCursor = 0;
    this.deadPostings = Math.max(0, this.deadPostings);
    return true;
  }

  /**
   * The live index in a dense form, for saving: live items renumbered (in the order given, or
   * in slot order), words no live item holds left out, dead postings dropped. Restored
   * (`restore`), it answers as this index does. Made from each item's terms, not the postings.
   *
   * In steps: it gives null if the index changed between two of them (call again, or drain it in
   * one go, which nothing can interrupt).
   */
  *snapshot(order?: readonly IndexItem<Meta>[]): Generator<void, IndexSnapshot<Meta> | null> {
    const { slots, liveDf } = this;
    const version = this.version;
    const disagree = () => new Error('search index: live counts disagree');
    const from: number[] = [];
    const items: IndexItem<Meta>[] = [];
    const ids: string[] = [];
    if (this.idsIndexed < this.restoredIds.length || !this.forwardBuilt) {
      yield* this.indexIds();
      yield* this.buildForward();
      if (this.version !== version) return null;
    }
    if (order) {
      const taken = new Uint8Array(slots.length);
      for (let i = 0; i < order.length; i++) {
        const item = order[i]!;
        const id = item.id;
        const slot = this.slotOf.get(id);
        if (slot === undefined || this.itemAt(slot) !== item || taken[slot] === 1)
          throw new Error('search index: the order given is not the live items');
        taken[slot] = 1;
        from.push(slot);
        items.push(item);
        ids.push(id);
        if (i % 10_000 === 9999) {
          yield;
          if (this.version !== version) return null;
        }
      }
    } else {
      for (let s = 0; s < slots.length; s++) {
        const item = this.itemAt(s);
        if (!item) continue;
        from.push(s);
        items.push(item);
        ids.push(item.id);
      }
    }
    if (items.length !== this.live) throw disagree();
    const termTo = new Int32Array(this.terms.length).fill(-1);
    const terms: string[] = [];
    let total = 0;
    for (let t = 0; t < this.terms.length; t++) {
      if (liveDf[t]! <= 0) continue;
      termTo[t] = terms.length;
      terms.push(this.terms[t]!);
      total += liveDf[t]!;
    }
    const offsets = new Int32Array(terms.length + 1);
    for (let t = 0, to = 0; t < this.terms.length; t++)
      if (termTo[t]! >= 0) offsets[to + 1] = offsets[to++]! + liveDf[t]!;
    const postings = new Int32Array(total);
    const cursor = offsets.slice(0, terms.length);
    let f = 0;
    for (let n = 0; n < items.length; n++) {
      const held = this.termsOf(from[n]!);
      for (let k = 0; k < held.length; k++) {
        const entry = held[k]!;
        const term = termTo[entry >>> 4]!;
        if (term < 0 || f >= total || cursor[term]! >= offsets[term + 1]!) throw disagree();
        postings[cursor[term]!++] = n * 16 + (entry & 15);
        f++;
      }
      if (n % 5000 === 4999) {
        yield;
        if (this.version !== version) return null;
      }
    }
    // Every live posting is one (item, word) pair, and each is counted in the word's liveDf.
    if (f !== total) throw disagree();
    return {
      words: terms,
      terms: StringList.of(terms),
      offsets,
      postings,
      ids: StringList.of(ids),
      items,
    };
  }

  /**
   * Take a snapshot's words, postings and lookup lists into this (empty) index, in steps: views
   * of its arrays, not copies. Its items are not part of it: each slot waits for its item
   * (`attachAt`, `attachLazily`), and whatever gets none must be removed (`dropWaiting`) before
   * searching. Throws on a snapshot that does not hold together, leaving the index to be thrown
   * away; what only a full pass over the postings can check is checked by `buildForward`.
   */
  *restore(snapshot: IndexData): Generator<void, void> {
    if (this.terms.length > 0 || this.slots.length > 0)
      throw new Error('search index: restore needs an empty index');
    const { terms, offsets, postings, ids, lists } = snapshot;
    const fail = (what: string) => new Error(`search index: damaged snapshot (${what})`);
    const slots = ids.length;
    if (offsets.length !== terms.length + 1 || offsets[0] !== 0) throw fail('offsets');
    if (offsets[terms.length] !== postings.length) throw fail('offsets');
    for (let s = 0; s < slots; s++) {
      this.slots.push(null);
      this.raw.push(undefined);
    }
    this.waiting = new Uint8Array(slots).fill(1);
    this.restoredIds = ids;
    this.idsIndexed = 0;
    this.live = slots;
    yield;
    for (let t = 0; t < terms.length; t++) if (offsets[t + 1]! < offsets[t]!) throw fail('offsets');
    this.bulk = true;
    for (let t = 0; t < terms.length; t++) {
      const word = terms.get(t)!;
      if (word === '' || this.termIds.has(word)) throw fail('a word twice');
      const id = this.addTerm(word);
      this.liveDf[id] = offsets[t + 1]! - offsets[t]!;
      if ((t + 1) % 2000 === 0) yield;
    }
    this.bulkAll = postings;
    for (let t = 0; t < terms.length; t++) {
      this.listStart[t] = offsets[t]!;
      this.listEnd[t] = offsets[t + 1]!;
    }
    this.forward = new Int32Array(0);
    this.forwardEnds = new Int32Array(0);
    this.forwardBuilt = false;
    this.livePostings = postings.length;
    if (lists) {
      this.bulk = false;
      yield* this.byTrigram.restore(lists.trigram, terms.length);
      yield* this.byPrefix.restore(lists.prefix, terms.length);
      yield* this.byDeletion.restore(lists.deletion, terms.length);
    } else yield* this.buildLists();
  }

  /** The typo and prefix lookup lists for every word, once, at the end of a bulk build. */
  private *buildLists(): Generator<void, void> {
    this.bulk = false;
    yield* this.byTrigram.build(this.terms);
    yield* this.byPrefix.build(this.terms);
    yield* this.byDeletion.build(this.terms);
  }

  /** How many slots the restore made (slots 0 up to this). */
  get restoredSlots(): number {
    return this.restoredIds.length;
  }

  /** The ids of the restored slots. */
  get restoredIdList(): StringList {
    return this.restoredIds;
  }

  /** Whether a restored slot still waits for its item. */
  isWaiting(slot: number): boolean {
    return this.waiting[slot] === 1;
  }

  /** Give a waiting restored slot its item (which must have the slot's id: not checked here). */
  attachAt(slot: number, item: IndexItem<Meta>): void {
    if (this.waiting[slot] !== 1) throw new Error('search index: no such slot waits for an item');
    this.waiting[slot] = 0;
    this.slots[slot] = item;
  }

  /**
   * Give a waiting restored slot a value the resolver (`resolveWith`) makes its item from when
   * the item is first needed: in results, filters, phrase checks and re-ranking, or by id.
   */
  attachLazily(slot: number, raw: unknown): void {
    if (this.waiting[slot] !== 1 || !this.resolver)
      throw new Error('search index: no such slot waits for an item, or nothing resolves it');
    this.waiting[slot] = 0;
    this.raw[slot] = raw;
    this.slots[slot] = UNRESOLVED as IndexItem<Meta>;
  }

  resolveWith(resolver: (slot: number, raw: unknown) => IndexItem<Meta>): void {
    this.resolver = resolver;
  }

  /** The item in a slot (made now if it was attached lazily), or null. */
  itemAt(slot: number): IndexItem<Meta> | null {
    const item = this.slots[slot];
    if (item !== UNRESOLVED) return item ?? null;
    const made = this.resolver!(slot, this.raw[slot]);
    this.slots[slot] = made;
    this.raw[slot] = undefined;
    return made;
  }

  search(
    query: SearchQuery,
    options: { limit: number; filter?: (item: IndexItem<Meta>) => boolean },
  ): IndexSearchResult<Meta> {
    this.ensureScratch();
    const { scores, best, matched, touched, changed } = this;
    this.touchedCount = 0;
    this.changedCount = 0;
    try {
      return this.rank(query, options);
    } finally {
      // The scratch arrays are shared by every search: leave them clean whatever happened.
      // (Indexed loops over typed arrays here and below: a common word touches tens of
      // thousands of slots, and the first search runs before the code is optimized.)
      for (let i = 0; i < this.touchedCount; i++) {
        const slot = touched[i]!;
        scores[slot] = 0;
        matched[slot] = 0;
        best[slot] = 0;
      }
      for (let i = 0; i < this.changedCount; i++) best[changed[i]!] = 0;
    }
  }

  private rank(
    query: SearchQuery,
    options: { limit: number; filter?: (item: IndexItem<Meta>) => boolean },
  ): IndexSearchResult<Meta> {
    const n = this.slots.length;
    const live = Math.max(1, this.live);
    const { scores, best, matched, slots, touched, changed } = this;
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
      let changes = 0;
      for (const { id, similarity } of candidates) {
        const term = this.terms[id]!;
        matchedTerms.set(term, Math.max(matchedTerms.get(term) ?? 0, similarity));
        terms.add(term);
        const list = this.list(id);
        const weight = similarity * Math.log(1 + live / Math.max(1, this.liveDf[id]!));
        for (let k = 0; k < list.length; k++) {
          const posting = list[k]!;
          const slot = posting >>> 4;
          if (slots[slot] === null) continue;
          const value = weight * MASK_WEIGHT[posting & 15]!;
          if (value > best[slot]!) {
            if (best[slot] === 0) changed[changes++] = slot;
            best[slot] = value;
          }
        }
      }
      this.changedCount = changes;
      let count = this.touchedCount;
      for (let i = 0; i < changes; i++) {
        const slot = changed[i]!;
        if (matched[slot] === 0) touched[count++] = slot;
        scores[slot] = scores[slot]! + best[slot]!;
        matched[slot] = matched[slot]! | (1 << w);
        best[slot] = 0;
      }
      this.touchedCount = count;
      this.changedCount = 0;
    });

    // Candidates: what matched a word; with no words (filters alone), everything.
    let candidates: ArrayLike<number>;
    if (words.length > 0) candidates = touched.subarray(0, this.touchedCount);
    else {
      const all: number[] = [];
      for (let slot = 0; slot < n; slot++) if (slots[slot]) all.push(slot);
      candidates = all;
    }

    const excluded = new Set<number>();
    for (const word of query.excluded) {
      const id = this.termIds.get(word);
      if (id !== undefined) for (const posting of this.list(id)) excluded.add(posting >>> 4);
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
    // (Tested once, not per candidate: a common word has tens of thousands.)
    const anyExcluded = excluded.size > 0;
    const anyUnwanted = unwanted.length > 0;
    for (let c = 0; c < candidates.length; c++) {
      const slot = candidates[c]!;
      const item = slots[slot];
      const raw = scores[slot]!;
      const mask = matched[slot]!;
      if (!item || (anyExcluded && excluded.has(slot))) continue;
      if (holding && holding[slot] !== required.length) continue;
      if (options.filter && !options.filter(this.itemAt(slot)!)) continue;
      let score = raw;
      if (fuzzyCount > 0) {
        // Items that match every word come first; half the words is the least that counts. (A
        // phrase's words rank but do not count here: the phrase itself is checked.)
        const coverage = popcount(mask & fuzzyMask) / fuzzyCount;
        if (coverage < 0.5) continue;
        score *= coverage * coverage;
      }
      if (wordCount === 0) score = 1;
      if (checkPhrases || (anyUnwanted && unwanted.some((u) => u.counts[slot] === u.size))) {
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
      const item = this.itemAt(slot)!;
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
          score *
          (1 + PROXIMITY_BONUS * adjacency(this.itemAt(slot)!, wordTerms.slice(0, fuzzyCount))),
      }));
      head.sort((a, b) => b.score - a.score || a.slot - b.slot);
      ranked = [...head, ...ranked.slice(RERANK)];
    }
    const hits = ranked
      .slice(0, options.limit)
      .map(({ slot, score }) => ({ item: this.itemAt(slot)!, score }));
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
      for (const posting of this.list(id)) counts[posting >>> 4]!++;
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
      const bucket = this.byPrefix.get(word.slice(0, 3));
      let count = 0;
      for (let k = 0; k < bucket.length; k++) {
        const id = bucket[k]!;
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
      const ids = this.byTrigram.get(gram);
      for (let k = 0; k < ids.length; k++) overlap.set(ids[k]!, (overlap.get(ids[k]!) ?? 0) + 1);
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
      const ids = this.byDeletion.get(variant);
      for (let k = 0; k < ids.length; k++) pool.add(ids[k]!);
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
    this.words?.insert(id, hash);
    this.listOwn.push(undefined);
    this.listStart.push(0);
    this.listEnd.push(0);
    this.liveDf.push(0);
    if (!this.bulk) {
      this.byTrigram.add(word, id);
      this.byPrefix.add(word, id);
      this.byDeletion.add(word, id);
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
    this.touched = new Int32Array(size);
    this.changed = new Int32Array(size);
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
