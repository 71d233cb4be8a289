/**
 * The vocabulary's lookup lists for typo and prefix matching — trigram → words, first letters →
 * words, word with one letter left out → words — without a string per key. A key is known by two
 * 32-bit hashes of its characters (a 64-bit name: two different keys of one vocabulary sharing it
 * is not a practical concern), and the lists are one typed array, so building them for tens of
 * thousands of words is a few passes over integers instead of hundreds of thousands of strings
 * and map entries. Words added after a build go to a small overflow map.
 *
 * Each key's list holds word ids ascending, each once, as the index's string-keyed maps did.
 */

let h1 = 0;
let h2 = 0;

function begin(): void {
  h1 = 0x811c9dc5 | 0;
  h2 = 0x1b873593;
}

function push(c: number): void {
  h1 = Math.imul(h1 ^ c, 0x01000193);
  let x = Math.imul(h2 ^ c, 0x5bd1e995);
  x ^= x >>> 13;
  h2 = x;
}

function end(length: number): void {
  h1 = Math.imul(h1 ^ length, 0x01000193);
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x2c1b3c6d) ^ length;
}

/** Hash a key given as a string (the two halves land in h1, h2). */
function hashString(key: string): void {
  begin();
  for (let i = 0; i < key.length; i++) push(key.charCodeAt(i));
  end(key.length);
}

const DOLLAR = 36;

/** What a word is filed under, as `emit(h1, h2)` calls for each of its keys. */
export const KEYS = {
  /** Trigrams of `$word$`. */
  trigram(word: string, emit: (a: number, b: number) => void): void {
    const n = word.length;
    const at = (i: number) => (i === 0 || i === n + 1 ? DOLLAR : word.charCodeAt(i - 1));
    for (let i = 0; i + 3 <= n + 2; i++) {
      begin();
      push(at(i));
      push(at(i + 1));
      push(at(i + 2));
      end(3);
      emit(h1, h2);
    }
  },
  /** The first one, two and three letters. */
  prefix(word: string, emit: (a: number, b: number) => void): void {
    begin();
    for (let len = 1; len <= Math.min(3, word.length); len++) {
      push(word.charCodeAt(len - 1));
      const a = h1;
      const b = h2;
      end(len);
      emit(h1, h2);
      h1 = a;
      h2 = b;
    }
  },
  /** Each one-letter deletion, for words of 3 to 12 letters. */
  deletion(word: string, emit: (a: number, b: number) => void): void {
    const n = word.length;
    if (n < 3 || n > 12) return;
    for (let skip = 0; skip < n; skip++) {
      begin();
      for (let i = 0; i < n; i++) if (i !== skip) push(word.charCodeAt(i));
      end(n - 1);
      emit(h1, h2);
    }
  },
};

export type KeyKind = keyof typeof KEYS;

/** One kind's lists as arrays, as a cache file keeps them. */
export interface KeyListData {
  table: Int32Array;
  bucketH1: Int32Array;
  bucketH2: Int32Array;
  starts: Int32Array;
  ids: Int32Array;
}

export interface KeyListsData {
  trigram: KeyListData;
  prefix: KeyListData;
  deletion: KeyListData;
}

/** Every kind's lists for a vocabulary, built in steps. */
export function* buildKeyLists(terms: readonly string[]): Generator<void, KeyListsData> {
  const built = (kind: KeyKind) => new KeyLists(kind);
  const trigram = built('trigram');
  const prefix = built('prefix');
  const deletion = built('deletion');
  yield* trigram.build(terms);
  yield* prefix.build(terms);
  yield* deletion.build(terms);
  return { trigram: trigram.data(), prefix: prefix.data(), deletion: deletion.data() };
}

export class KeyLists {
  private readonly kind: KeyKind;
  /** Open addressing: slot → bucket + 1 (0 empty), by h1. */
  private table: Int32Array = new Int32Array(1);
  private bucketH1: Int32Array = new Int32Array(0);
  private bucketH2: Int32Array = new Int32Array(0);
  private starts: Int32Array = new Int32Array(1);
  private ids: Int32Array = new Int32Array(0);
  /** Words added after the build: h1 → [h2, ids] pairs. */
  private readonly extra = new Map<number, [number, number[]][]>();

  constructor(kind: KeyKind) {
    this.kind = kind;
  }

  /** File word `id` under its keys (after a build: in the overflow). */
  add(word: string, id: number): void {
    KEYS[this.kind](word, (a, b) => {
      let entries = this.extra.get(a);
      if (!entries) {
        entries = [];
        this.extra.set(a, entries);
      }
      let entry = entries.find((e) => e[0] === b);
      if (!entry) {
        entry = [b, []];
        entries.push(entry);
      }
      const list = entry[1];
      if (list[list.length - 1] !== id) list.push(id);
    });
  }

  /**
   * File words 0 up to `terms.length` (replacing what was filed), in steps: a yield every few
   * thousand words.
   */
  *build(terms: readonly string[]): Generator<void, void> {
    let pairH1 = new Int32Array(Math.max(1024, terms.length * 4));
    let pairH2 = new Int32Array(pairH1.length);
    let pairId = new Int32Array(pairH1.length);
    let count = 0;
    let id = 0;
    const emit = (a: number, b: number) => {
      if (count === pairH1.length) {
        const grow = (old: Int32Array) => {
          const grown = new Int32Array(old.length * 2);
          grown.set(old);
          return grown;
        };
        pairH1 = grow(pairH1);
        pairH2 = grow(pairH2);
        pairId = grow(pairId);
      }
      pairH1[count] = a;
      pairH2[count] = b;
      pairId[count++] = id;
    };
    const keys = KEYS[this.kind];
    for (id = 0; id < terms.length; id++) {
      keys(terms[id]!, emit);
      if (id % 5000 === 4999) yield;
    }
    // Each pair's bucket, found through a table sized for every pair being a key of its own.
    let size = 2;
    while (size < count * 2) size *= 2;
    let table = new Int32Array(size);
    let mask = size - 1;
    const bucketOf = new Int32Array(count);
    const firstH1: number[] = [];
    const firstH2: number[] = [];
    for (let p = 0; p < count; p++) {
      const a = pairH1[p]!;
      const b = pairH2[p]!;
      let at = a & mask;
      for (;;) {
        const entry = table[at]!;
        if (entry === 0) {
          firstH1.push(a);
          firstH2.push(b);
          table[at] = firstH1.length;
          bucketOf[p] = firstH1.length - 1;
          break;
        }
        if (firstH1[entry - 1] === a && firstH2[entry - 1] === b) {
          bucketOf[p] = entry - 1;
          break;
        }
        at = (at + 1) & mask;
      }
      if (p % 100_000 === 99_999) yield;
    }
    const buckets = firstH1.length;
    // Lists in one array, words ascending (pairs come word by word), each word once.
    const starts = new Int32Array(buckets + 1);
    for (let p = 0; p < count; p++) starts[bucketOf[p]! + 1]!++;
    for (let k = 0; k < buckets; k++) starts[k + 1]! += starts[k]!;
    const cursor = starts.slice(0, buckets);
    const ids = new Int32Array(count);
    const ends = starts.slice(0, buckets);
    for (let p = 0; p < count; p++) {
      const k = bucketOf[p]!;
      const word = pairId[p]!;
      if (ends[k]! > starts[k]! && ids[ends[k]! - 1] === word) continue;
      ids[cursor[k]!++] = word;
      ends[k] = cursor[k]!;
    }
    // Close the gaps duplicates left.
    let to = 0;
    const compact = new Int32Array(buckets + 1);
    for (let k = 0; k < buckets; k++) {
      compact[k] = to;
      for (let i = starts[k]!; i < ends[k]!; i++) ids[to++] = ids[i]!;
    }
    compact[buckets] = to;
    // The final table, sized for the buckets.
    size = 2;
    while (size < buckets * 2) size *= 2;
    table = new Int32Array(size);
    mask = size - 1;
    for (let k = 0; k < buckets; k++) {
      let at = firstH1[k]! & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = k + 1;
    }
    this.table = table;
    this.bucketH1 = Int32Array.from(firstH1);
    this.bucketH2 = Int32Array.from(firstH2);
    this.starts = compact;
    this.ids = ids.slice(0, to);
    this.extra.clear();
  }

  /** The lists as arrays (of a build: words added since are not in them). */
  data(): KeyListData {
    const { table, bucketH1, bucketH2, starts, ids } = this;
    return { table, bucketH1, bucketH2, starts, ids };
  }

  /** Take lists a build made for words 0 up to `words` (checked: a file may be damaged). */
  *restore(data: KeyListData, words: number): Generator<void, void> {
    const { table, bucketH1, bucketH2, starts, ids } = data;
    const buckets = bucketH1.length;
    const fail = () => new Error(`search index: damaged ${this.kind} lists`);
    if (table.length === 0 || (table.length & (table.length - 1)) !== 0) throw fail();
    if (bucketH2.length !== buckets || starts.length !== buckets + 1) throw fail();
    if (starts[0] !== 0 || starts[buckets] !== ids.length) throw fail();
    // A wrong table entry or start only makes a lookup miss; a word id out of range would be
    // read as a word.
    for (let k = 0; k < ids.length; k++) if (ids[k]! < 0 || ids[k]! >= words) throw fail();
    yield;
    this.table = table;
    this.bucketH1 = bucketH1;
    this.bucketH2 = bucketH2;
    this.starts = starts;
    this.ids = ids;
    this.extra.clear();
  }

  /** The words filed under `key`, ascending. */
  get(key: string): ArrayLike<number> {
    hashString(key);
    const a = h1;
    const b = h2;
    let base: Int32Array | null = null;
    const mask = this.table.length - 1;
    // (At most once round the table, whatever a damaged file put in it.)
    for (let at = a & mask, probes = 0; probes <= mask; at = (at + 1) & mask, probes++) {
      const entry = this.table[at]!;
      if (entry === 0) break;
      const k = entry - 1;
      if (this.bucketH1[k] === a && this.bucketH2[k] === b) {
        base = this.ids.subarray(this.starts[k]!, this.starts[k + 1]!);
        break;
      }
    }
    const more = this.extra.get(a)?.find((e) => e[0] === b)?.[1];
    if (!more) return base ?? EMPTY;
    if (!base || base.length === 0) return more;
    return [...base, ...more];
  }
}

const EMPTY = new Int32Array(0);
