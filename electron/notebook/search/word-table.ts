/**
 * Words of plain-ASCII text found without making strings: a word is a run of letters and digits,
 * read lower-cased from the text's character codes and looked up in an open-addressing table
 * keyed by its FNV-1a hash and compared character by character. Only a word never seen before
 * becomes a string. This is what lets the first build of a large index keep to about a second.
 */

const isWordCode = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** FNV-1a over the lower-cased character codes of text[start, end). */
export function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lower(text.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}

export class WordTable {
  private table = new Int32Array(1 << 16);
  private count = 0;
  private readonly hashes: number[] = [];
  private readonly terms: readonly string[];

  /** `terms` is the index's vocabulary (term id → word), read when comparing. */
  constructor(terms: readonly string[]) {
    this.terms = terms;
  }

  /** Register term `id` (its word is `terms[id]`). */
  insert(id: number, hash = hashRange(this.terms[id]!, 0, this.terms[id]!.length)): void {
    this.hashes[id] = hash;
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    this.place(id, hash);
    this.count++;
  }

  /** The id of the word text[start, end) (lower-cased), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    const length = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = this.table[at]!;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] !== hash) continue;
      const term = this.terms[id]!;
      if (term.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (term.charCodeAt(k) !== lower(text.charCodeAt(start + k))) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  /**
   * The word ids of a text, in order, into `out` (grown as needed); returns [out, count].
   * Runs of ASCII letters and digits are read in place; a run holding anything else (accents,
   * other scripts, apostrophes) goes through `slow` (the ordinary tokenizer), so the words are
   * always the ones `tokenize` gives. New words are created through `add`.
   */
  scan(
    text: string,
    add: (word: string, hash: number) => number,
    slow: (chunk: string) => number[],
    out: Int32Array,
  ): [Int32Array, number] {
    const n = text.length;
    let count = 0;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c < 128 && !isWordCode(c) && c !== 39) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      let plain = true;
      // A chunk ends at an ASCII character that is neither a letter, a digit nor an apostrophe.
      while (i < n) {
        c = text.charCodeAt(i);
        if (c < 128 && !isWordCode(c) && c !== 39) break;
        if (c >= 128 || c === 39) plain = false;
        else h = Math.imul(h ^ lower(c), 0x01000193);
        i++;
      }
      if (count + 64 > out.length) {
        const grown = new Int32Array(out.length * 2 + 64);
        grown.set(out);
        out = grown;
      }
      if (plain) {
        const hash = h >>> 0;
        let id = this.find(text, start, i, hash);
        if (id < 0) id = add(text.slice(start, i).toLowerCase(), hash);
        out[count++] = id;
      } else {
        for (const id of slow(text.slice(start, i))) {
          if (count >= out.length) {
            const grown = new Int32Array(out.length * 2);
            grown.set(out);
            out = grown;
          }
          out[count++] = id;
        }
      }
    }
    return [out, count];
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
