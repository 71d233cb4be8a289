/**
 * Words of plain-ASCII text found without making strings: a word is a run of letters and digits,
 * read lower-cased from the text's character codes and looked up in an open-addressing table
 * keyed by its FNV-1a hash and compared character by character. Only a word never seen before
 * becomes a string. This is what keeps the first build of a large index near a second.
 */

const isWordCode = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** FNV-1a (as a signed 32-bit number) over the lower-cased character codes of text[start, end). */
export function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lower(text.charCodeAt(i)), 0x01000193);
  return h;
}

export class WordTable {
  private table = new Int32Array(1 << 16);
  private count = 0;
  private hashes = new Int32Array(1 << 14);
  private readonly terms: readonly string[];
  /** How many ids the last `scan` wrote. */
  scanned = 0;

  /** `terms` is the index's vocabulary (term id → word), read when comparing. */
  constructor(terms: readonly string[]) {
    this.terms = terms;
  }

  /** Register term `id` (its word is `terms[id]`). */
  insert(id: number, hash = hashRange(this.terms[id]!, 0, this.terms[id]!.length)): void {
    if (id >= this.hashes.length) {
      const grown = new Int32Array(Math.max(id + 1, this.hashes.length * 2));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    this.place(id, hash);
    this.count++;
  }

  /**
   * The word ids of a text, in order, into `out` (grown as needed; the array used is returned
   * and `scanned` says how many). Runs of ASCII letters and digits are read in place; a run
   * holding anything else (accents, other scripts, apostrophes) goes through `slow` (the
   * ordinary tokenizer), so the words are always the ones `tokenize` gives. New words are
   * created through `add`.
   */
  scan(
    text: string,
    add: (word: string, hash: number) => number,
    slow: (chunk: string) => number[],
    out: Int32Array,
  ): Int32Array {
    const n = text.length;
    let table = this.table;
    let mask = table.length - 1;
    let hashes = this.hashes;
    const terms = this.terms;
    let count = 0;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c < 128 && !isWordCode(c) && c !== 39) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5 | 0;
      let plain = true;
      // A chunk ends at an ASCII character that is neither a letter, a digit nor an apostrophe.
      while (i < n) {
        c = text.charCodeAt(i);
        if (c < 128) {
          if (c === 39) plain = false;
          else if (!isWordCode(c)) break;
          else h = Math.imul(h ^ lower(c), 0x01000193);
        } else plain = false;
        i++;
      }
      if (count + 64 > out.length) {
        const grown = new Int32Array(out.length * 2 + 64);
        grown.set(out);
        out = grown;
      }
      if (!plain) {
        for (const id of slow(text.slice(start, i))) {
          if (count >= out.length) {
            const grown = new Int32Array(out.length * 2);
            grown.set(out);
            out = grown;
          }
          out[count++] = id;
        }
        continue;
      }
      // Look the word up in place (inlined for speed: this runs for every word of every note).
      const length = i - start;
      let id = -1;
      for (let at = h & mask; ; at = (at + 1) & mask) {
        const entry = table[at]!;
        if (entry === 0) break;
        const candidate = entry - 1;
        if (hashes[candidate] !== h) continue;
        const term = terms[candidate]!;
        if (term.length !== length) continue;
        let k = 0;
        while (k < length && term.charCodeAt(k) === lower(text.charCodeAt(start + k))) k++;
        if (k === length) {
          id = candidate;
          break;
        }
      }
      if (id < 0) {
        id = add(text.slice(start, i).toLowerCase(), h);
        // `add` inserted it, perhaps growing the table: the locals follow.
        table = this.table;
        mask = table.length - 1;
        hashes = this.hashes;
      }
      out[count++] = id;
    }
    this.scanned = count;
    return out;
  }

  private place(id: number, hash: number): void {
    const mask = this.table.length - 1;
    let at = hash & mask;
    while (this.table[at] !== 0) at = (at + 1) & mask;
    this.table[at] = id + 1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (const entry of old) if (entry !== 0) this.place(entry - 1, this.hashes[entry - 1]!);
  }
}
