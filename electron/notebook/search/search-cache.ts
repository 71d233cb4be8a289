import { readFileSync } from 'node:fs';
import { type FileHandle, open, readdir, rename, unlink } from 'node:fs/promises';
import { endianness } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { markdownToPlain } from '../../../shared/search/excerpt.ts';
import { tokenize } from '../../../shared/search/text.ts';
import { KEYS, type KeyListsData } from './key-lists.ts';
import { digestOf, NotebookItem } from './notebook-items.ts';
import { FIELDS, type IndexData, StringList } from './search-index.ts';

/**
 * The search index saved beside the notebook, so that opening a large notebook does not read
 * every word of it again. It is only ever a cache: the store's data is the truth, and the service
 * checks every entity against the digest the file recorded for it (re-indexing what differs).
 * A missing, damaged, truncated or outdated file is simply not used.
 *
 * The layout is little-endian and binary, so that loading it is mostly taking typed-array views
 * of the file: a header (magic, format, code fingerprint, payload length, CRC-32 of the payload),
 * then the payload: a table of sections (each a type and a length), then the sections — the
 * vocabulary and the item ids (each one text and where every string ends), the postings and
 * where each word's begin, each item's digest, and the typo and prefix lookup lists. Items are in
 * the data's order, so opening finds each entity at the next slot.
 */

export const CACHE_FILE = 'search-index.cache';
const MAGIC = 'MRGSRCH\n';
/** Bump when the file's layout changes. (What the index makes of text is in the fingerprint.) */
const FORMAT = 1;
const HEADER_BYTES = 32;
const CRC_STEP = 4 << 20;

export interface CacheContents extends IndexData {
  /** Per slot, the digest of the entity's parts it was indexed from (two 32-bit halves). */
  digests: Int32Array;
  lists: KeyListsData;
}

// The payload is a list of sections, each an array of 32-bit integers or a text (Latin-1 when
// every character fits, else UTF-16), in this order:
const LIST_KINDS = ['trigram', 'prefix', 'deletion'] as const;
const LIST_ARRAYS = ['table', 'bucketH1', 'bucketH2', 'starts', 'ids'] as const;
const INTS = 0;
const LATIN1 = 1;
const UTF16 = 2;
type Section = Int32Array | string;

function sectionsOf(data: CacheContents): Section[] {
  return [
    data.terms.text,
    data.terms.ends,
    data.offsets,
    data.postings,
    data.ids.text,
    data.ids.ends,
    data.digests,
    ...LIST_KINDS.flatMap((kind) => LIST_ARRAYS.map((array) => data.lists[kind][array])),
  ];
}
const SECTIONS = 7 + LIST_KINDS.length * LIST_ARRAYS.length;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the Latin-1 range is the test.
const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * The file for an index's data, its lookup lists and its items' digests, made in steps (yields
 * between sections and while checksumming).
 */
export function* encodeCache(
  data: CacheContents,
  fingerprint = codeFingerprint(),
): Generator<void, Buffer> {
  const sections = sectionsOf(data);
  const table = new Int32Array(1 + sections.length * 2);
  table[0] = sections.length;
  const sizes = sections.map((section, i) => {
    const type = typeof section !== 'string' ? INTS : BEYOND_LATIN1.test(section) ? UTF16 : LATIN1;
    table[1 + i * 2] = type;
    table[2 + i * 2] = section.length;
    return padded(section.length * (type === INTS ? 4 : type === UTF16 ? 2 : 1));
  });
  const payload = table.byteLength + sizes.reduce((sum, size) => sum + size, 0);
  if (payload > 0x7fff_ffff) throw new Error('search cache: too large to save');
  const buffer = Buffer.alloc(HEADER_BYTES + payload);
  buffer.set(bytes(table), HEADER_BYTES);
  let at = HEADER_BYTES + table.byteLength;
  for (const [i, section] of sections.entries()) {
    if (typeof section !== 'string') buffer.set(bytes(section), at);
    else buffer.write(section, at, table[1 + i * 2] === UTF16 ? 'utf16le' : 'latin1');
    at += sizes[i]!;
    yield;
  }
  buffer.write(MAGIC, 0, 'latin1');
  buffer.writeUInt32LE(FORMAT, 8);
  buffer.writeInt32LE(fingerprint, 12);
  buffer.writeUInt32LE(payload, 16);
  let crc = 0;
  for (let from = HEADER_BYTES; from < buffer.length; from += CRC_STEP) {
    crc = crc32(buffer.subarray(from, Math.min(buffer.length, from + CRC_STEP)), crc);
    yield;
  }
  buffer.writeUInt32LE(crc, 20);
  return buffer;
}

/**
 * What a cache file holds, or null when it is not one this code can trust: another format or
 * fingerprint, a wrong length or checksum (truncated, damaged), sections that do not add up.
 * Steps (yields) while checking the checksum, so a large file does not hold up the event loop.
 * The arrays are views of the file's bytes, not copies. Their contents (every posting's slot,
 * every word id) are checked by `SearchIndex.restore`.
 */
export function* decodeCache(
  buffer: Buffer,
  fingerprint = codeFingerprint(),
): Generator<void, CacheContents | null> {
  if (endianness() !== 'LE' || buffer.length < HEADER_BYTES + 4) return null;
  if (buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  if (buffer.readUInt32LE(8) !== FORMAT || buffer.readInt32LE(12) !== fingerprint) return null;
  const payload = buffer.readUInt32LE(16);
  if (buffer.length !== HEADER_BYTES + payload) return null;
  let crc = 0;
  for (let at = HEADER_BYTES; at < buffer.length; at += CRC_STEP) {
    crc = crc32(buffer.subarray(at, Math.min(buffer.length, at + CRC_STEP)), crc);
    yield;
  }
  if (crc !== buffer.readUInt32LE(20)) return null;
  // Typed arrays need 4-byte alignment; a file read into a shared pool may not have it.
  const body =
    (buffer.byteOffset + HEADER_BYTES) % 4 === 0
      ? buffer.subarray(HEADER_BYTES)
      : Buffer.from(buffer.subarray(HEADER_BYTES));
  const ints = (start: number, count: number) =>
    new Int32Array(body.buffer, body.byteOffset + start, count);
  if (body.readInt32LE(0) !== SECTIONS || body.length < 4 + SECTIONS * 8) return null;
  const table = ints(4, SECTIONS * 2);
  let at = 4 + SECTIONS * 8;
  const sections: Section[] = [];
  for (let i = 0; i < SECTIONS; i++) {
    const type = table[i * 2]!;
    const length = table[i * 2 + 1]!;
    const size = length * (type === INTS ? 4 : type === UTF16 ? 2 : 1);
    if (length < 0 || type < INTS || type > UTF16 || at + padded(size) > body.length) return null;
    sections.push(
      type === INTS
        ? ints(at, length)
        : body.toString(type === UTF16 ? 'utf16le' : 'latin1', at, at + size),
    );
    at += padded(size);
  }
  if (at !== body.length) return null;
  const text = (i: number) => sections[i] as string;
  const array = (i: number) => sections[i] as Int32Array;
  const kinds = [0, 4].map((i) => typeof sections[i]);
  const arrays = [1, 2, 3, 5, 6].map((i) => sections[i] instanceof Int32Array);
  for (let i = 7; i < SECTIONS; i++) arrays.push(sections[i] instanceof Int32Array);
  if (kinds.some((k) => k !== 'string') || arrays.some((ok) => !ok)) return null;
  let terms: StringList;
  let ids: StringList;
  try {
    terms = new StringList(text(0), array(1));
    ids = new StringList(text(4), array(5));
  } catch {
    return null;
  }
  const lists = Object.fromEntries(
    LIST_KINDS.map((kind, k) => [
      kind,
      Object.fromEntries(LIST_ARRAYS.map((name, a) => [name, array(7 + k * 5 + a)])),
    ]),
  ) as unknown as KeyListsData;
  return {
    terms,
    offsets: array(2),
    postings: array(3),
    ids,
    digests: array(6),
    lists,
  };
}

/**
 * The cache file's bytes, or null when there is none or it cannot be read. Read whole, in one
 * request to the thread pool (`readFile` reads in pieces, each waiting for a turn of a busy event
 * loop).
 */
export async function readCacheFile(path: string): Promise<Buffer | null> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const { size } = await file.stat();
    const buffer = Buffer.allocUnsafeSlow(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await file.read(buffer, read, size - read, read);
      if (bytesRead === 0) return null;
      read += bytesRead;
    }
    return buffer;
  } catch {
    return null;
  } finally {
    await file?.close().catch(() => {});
  }
}

export function readCacheFileSync(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

let written = 0;

/**
 * Replace the cache file durably: a temp file beside it, flushed to disk, renamed over it, and
 * the folder flushed, so a crash leaves either the old file or the new one, never half of one.
 * Temp files an interrupted write left behind are removed first.
 */
export async function writeCacheFile(path: string, buffer: Buffer): Promise<void> {
  const dir = dirname(path);
  const name = basename(path);
  const leftover = new RegExp(`^\\.${name.replace(/\./g, '\\.')}\\.(\\d+)\\.\\d+\\.tmp$`);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter(
        (n) => leftover.exec(n)?.[1] !== undefined && leftover.exec(n)?.[1] !== `${process.pid}`,
      )
      .map((n) => unlink(join(dir, n)).catch(() => {})),
  );
  const temp = join(dir, `.${name}.${process.pid}.${++written}.tmp`);
  const file = await open(temp, 'w');
  try {
    try {
      await file.writeFile(buffer);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  if (process.platform !== 'win32') {
    const folder = await open(dir, 'r').catch(() => null);
    await folder
      ?.sync()
      .catch(() => {})
      .finally(() => folder.close());
  }
}

let fingerprint: number | undefined;

/**
 * What this code makes of text, as one number: the file format, the fields, how sample entities
 * are split into words, folded, turned into items and digested, and how words are filed for typo
 * and prefix lookups. A cache written by code that indexes differently (a new tokenizer, another
 * field, other lookup keys) does not match and is not used.
 */
export function codeFingerprint(): number {
  if (fingerprint !== undefined) return fingerprint;
  const at = '2025-01-01T00:00:00.000Z';
  const quote = new NotebookItem(
    'quote',
    {
      id: 'a',
      documentId: 'd',
      target: {
        documentId: 'd',
        position: { start: 0, end: 1 },
        quote: { exact: 'Hérat’s «convoy» — Łódź, naïve CAFÉ 20-yers', prefix: '', suffix: '' },
      },
      color: 'yellow',
      tagIds: ['t'],
      comment: "It's ΣΟΦΟΣ, Straße; Kābul/Zürich",
      createdAt: at,
      updatedAt: at,
    } as never,
    { tags: new Map([['t', { id: 't', name: 'actors/afghan', description: '' } as never]]) },
  );
  const note = new NotebookItem(
    'note',
    {
      id: 'n',
      title: '# Title',
      body: '> **Bold** [link](https://x.org) _em_ `code` user_id 2*3*4\n- list ![img](a.png)',
      tagIds: [],
      annotationIds: [],
      documentId: null,
      createdAt: at,
      updatedAt: at,
    } as never,
    { tags: new Map() },
  );
  const seen = [quote, note].map((item) => [
    item.id,
    item.digest0,
    item.digest1,
    item.meta,
    FIELDS.map((f) => [f, item.fields[f] ?? null, tokenize(item.fields[f] ?? '')]),
  ]);
  const keys = Object.entries(KEYS).map(([kind, file]) => {
    const filed: number[] = [kind.length];
    for (const word of ['herat', 'convoy', 'a', 'σοφοσ']) file(word, (a, b) => filed.push(a, b));
    return filed;
  });
  const probe = JSON.stringify([FORMAT, FIELDS, seen, keys, markdownToPlain('*a* _b_ [c](d)')]);
  fingerprint = digestOf([probe]);
  return fingerprint;
}

const padded = (n: number) => (n + 3) & ~3;
const bytes = (array: Int32Array) =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
