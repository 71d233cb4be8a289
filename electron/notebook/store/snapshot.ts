import { open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  RECORD_COLLECTIONS,
  type RecordCollection,
  SCHEMA_VERSION,
  type StoreData,
} from '../../../shared/model.ts';
import { commitTempFile } from '../durable-json-file.ts';

/**
 * The snapshot: `notebook.json`, an ordinary JSON document (lowdb reads it, a person can open
 * it, a backup is a copy of it) laid out one record per line:
 *
 *     {"schemaVersion":3,
 *     "meta":{…},
 *     "quarantine":[…],
 *     "documents":[
 *     {…record…},
 *     {…record…}
 *     ],
 *     …tags, annotations, notes…
 *     "store":{"generation":4,"sequence":1234,"seal":"crc32:…"}}
 *
 * so it can be read a line at a time, between turns of the event loop (no single parse of the
 * whole notebook stalls the process), and rewritten by streaming (compaction never holds two
 * copies). The seal is a CRC-32 of every line before the last: a file this app wrote and nobody
 * changed is trusted as validated; anything else is read as any JSON and validated record by
 * record.
 */

export const SNAPSHOT_VERSION_LINE = (version: number) => `{"schemaVersion":${version},`;

/** Where the snapshot stands in the journal: what it already includes. */
export interface SnapshotHeader {
  /** Journals of this generation and later are not in the snapshot; earlier ones are. */
  generation: number;
  /** The last journal entry the snapshot includes (0 for none). */
  sequence: number;
}

export interface SnapshotParts {
  schemaVersion: number;
  meta: unknown;
  quarantine: unknown[];
  /** Each collection's records as JSON lines (no trailing comma). */
  lines: Record<RecordCollection, Iterable<string>>;
}

/**
 * Writes a snapshot piece by piece into a temp file, in large chunks, keeping a running CRC of
 * what it wrote; `commit` seals, syncs and renames it over the target. Compaction streams the
 * old snapshot through one of these, so the notebook is never one string or two copies.
 */
export class SnapshotWriter {
  private pending: string[] = [];
  private size = 0;
  private crc = 0;
  private previous: string | null = null;
  private readonly tmp: string;
  private readonly path: string;
  private readonly handle: Awaited<ReturnType<typeof open>>;

  private constructor(path: string, handle: Awaited<ReturnType<typeof open>>, tmp: string) {
    this.path = path;
    this.handle = handle;
    this.tmp = tmp;
  }

  static async create(path: string, schemaVersion: number): Promise<SnapshotWriter> {
    const tmp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
    );
    const writer = new SnapshotWriter(path, await open(tmp, 'w'), tmp);
    writer.put(`${SNAPSHOT_VERSION_LINE(schemaVersion)}\n`);
    return writer;
  }

  private put(text: string): void {
    this.crc = crc32(text, this.crc);
    this.pending.push(text);
    this.size += text.length;
  }

  meta(value: unknown): void {
    this.put(`"meta":${JSON.stringify(value)},\n`);
  }
  quarantine(value: unknown): void {
    this.put(`"quarantine":${JSON.stringify(value)},\n`);
  }
  startCollection(collection: RecordCollection): void {
    this.put(`"${collection}":[\n`);
    this.previous = null;
  }
  /** One record's JSON; the comma after it is written once the next one comes. */
  record(line: string): void {
    if (this.previous !== null) this.put(`${this.previous},\n`);
    this.previous = line;
  }
  endCollection(): void {
    if (this.previous !== null) this.put(`${this.previous}\n`);
    this.previous = null;
    this.put('],\n');
  }

  /** Write what has gathered when it is about a megabyte (or `force`). */
  async drain(force = false): Promise<void> {
    if (this.pending.length === 0 || (!force && this.size < 1 << 20)) return;
    const text = this.pending.join('');
    this.pending = [];
    this.size = 0;
    await this.handle.write(text);
  }

  async commit(header: SnapshotHeader): Promise<void> {
    const seal = `crc32:${(this.crc >>> 0).toString(16).padStart(8, '0')}`;
    this.pending.push(`"store":${JSON.stringify({ ...header, seal })}}\n`);
    await this.drain(true);
    await this.handle.sync();
    await this.handle.close();
    await commitTempFile(this.tmp, this.path);
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => {});
    await unlink(this.tmp).catch(() => {});
  }
}

/** Write a whole snapshot durably (temp file, fsync, rename, fsync of the folder). */
export async function writeSnapshot(
  path: string,
  parts: SnapshotParts,
  header: SnapshotHeader,
): Promise<void> {
  const out = await SnapshotWriter.create(path, parts.schemaVersion);
  try {
    out.meta(parts.meta);
    out.quarantine(parts.quarantine);
    for (const collection of RECORD_COLLECTIONS) {
      out.startCollection(collection);
      for (const line of parts.lines[collection]) {
        out.record(line);
        await out.drain();
      }
      out.endCollection();
    }
    await out.commit(header);
  } catch (error) {
    await out.abandon();
    throw error;
  }
}

/** Each record of a list as its JSON line. */
export function* recordLines(list: readonly unknown[]): Iterable<string> {
  for (const record of list) yield JSON.stringify(record);
}

/** A notebook in memory as the parts of its snapshot. */
export function snapshotParts(data: StoreData): SnapshotParts {
  return {
    schemaVersion: SCHEMA_VERSION,
    meta: data.meta,
    quarantine: data.quarantine,
    lines: Object.fromEntries(RECORD_COLLECTIONS.map((c) => [c, recordLines(data[c])])) as Record<
      RecordCollection,
      Iterable<string>
    >,
  };
}

/** What reading a snapshot line by line calls, in file order. */
export interface SnapshotVisitor {
  meta?(value: unknown): void;
  quarantine?(value: unknown): void;
  startCollection?(collection: RecordCollection): void;
  /** A record's line, as written (parse it, or copy it through). */
  record(collection: RecordCollection, line: string): void;
  endCollection?(collection: RecordCollection): void;
  /** After each chunk of the file (about a megabyte): a place to write out or yield. */
  afterChunk?(): Promise<void>;
}

export type SnapshotRead =
  | { layout: 'lines'; schemaVersion: number; header: SnapshotHeader; sealed: boolean }
  /** Not in the line layout (an older version, hand-edited): read it as any JSON instead. */
  | { layout: 'other' };

class NotLineLayout extends Error {}

/**
 * Text is decoded in pieces of about this many bytes, cut at line ends. Decoding a megabyte at
 * once made each piece a string too large for V8's ordinary heap: measured on a 100k-item
 * notebook (71 MB), decoding, splitting and parsing took 1.7 s in 1 MB pieces and 0.32 s in
 * 64 KB ones (the large strings, and the lines sliced from them, are costly to allocate and
 * collect; a two-byte string of 48K characters stays under the 128 KB limit).
 */
const DECODE_PIECE = 48 << 10;

/** How much of the file is read at a time. */
const READ_CHUNK = 1 << 20;

/** Hand each line of `bytes[0, whole)` (which ends at a line end) to `onLine`; the last line. */
function forEachLine(bytes: Buffer, whole: number, onLine: (line: string) => void): string {
  let last = '';
  for (let from = 0; from < whole; ) {
    let to = Math.min(whole, from + DECODE_PIECE);
    if (to < whole) {
      const lineEnd = bytes.lastIndexOf(0x0a, to - 1);
      // A line longer than a piece (a long document's text) is decoded whole.
      to = (lineEnd >= from ? lineEnd : bytes.indexOf(0x0a, to)) + 1;
    }
    const lines = bytes.toString('utf8', from, to).split('\n');
    lines.pop(); // after the last line end
    for (const line of lines) onLine(line);
    last = lines.at(-1)!;
    from = to;
  }
  return last;
}

/**
 * Read a snapshot line by line, a megabyte per read (a turn of the event loop between reads),
 * handing each record's line to the visitor. Says whether the file is in the line layout and,
 * if so, whether its seal holds. Throws only on errors reading the file (ENOENT included).
 */
export async function readSnapshotLines(
  path: string,
  visitor: SnapshotVisitor,
): Promise<SnapshotRead> {
  // Bytes, not text: the seal is a CRC of the bytes (one native call per megabyte), and each
  // megabyte of whole lines is decoded and split in pieces. One buffer is read into again and
  // again; only a line cut by a chunk's end is copied (70 MB of fresh buffers and copies at
  // 100k items otherwise).
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(READ_CHUNK);
  /** The start of a line the previous chunks ended inside (copied: the buffer is reused). */
  let carry: Buffer[] = [];
  let lineNo = 0;
  let crc = 0;
  let schemaVersion = 0;
  let collection: RecordCollection | null = null;
  let end: { header: SnapshotHeader; seal: string } | null = null;

  const onLine = (line: string) => {
    lineNo++;
    if (end !== null) throw new NotLineLayout();
    if (lineNo === 1) {
      const m = /^\{"schemaVersion":(\d+),$/.exec(line);
      if (!m) throw new NotLineLayout();
      schemaVersion = Number(m[1]);
    } else if (collection !== null) {
      if (line === '],') {
        visitor.endCollection?.(collection);
        collection = null;
      } else visitor.record(collection, line.endsWith(',') ? line.slice(0, -1) : line);
    } else if (line.startsWith('"meta":') && line.endsWith(',')) {
      visitor.meta?.(JSON.parse(line.slice(7, -1)));
    } else if (line.startsWith('"quarantine":') && line.endsWith(',')) {
      visitor.quarantine?.(JSON.parse(line.slice(13, -1)));
    } else if (line.startsWith('"store":') && line.endsWith('}')) {
      const value = JSON.parse(line.slice(8, -1)) as Partial<SnapshotHeader & { seal: string }>;
      if (!Number.isSafeInteger(value.generation) || !Number.isSafeInteger(value.sequence))
        throw new NotLineLayout();
      end = {
        header: { generation: value.generation!, sequence: value.sequence! },
        seal: String(value.seal),
      };
      return;
    } else {
      const m = /^"(\w+)":\[$/.exec(line);
      if (!m || !(RECORD_COLLECTIONS as readonly string[]).includes(m[1]!))
        throw new NotLineLayout();
      collection = m[1] as RecordCollection;
      visitor.startCollection?.(collection);
    }
  };

  /** Whole lines: each to `onLine`, and their bytes into the seal's CRC. */
  const take = (bytes: Buffer) => {
    const last = forEachLine(bytes, bytes.length, onLine);
    // The closing "store" line (ASCII) is not sealed: it holds the seal.
    const sealedBytes = end === null ? bytes.length : bytes.length - (last.length + 1);
    crc = crc32(bytes.subarray(0, sealedBytes), crc);
  };

  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      let from = 0;
      if (carry.length > 0) {
        const lineEnd = chunk.indexOf(0x0a);
        if (lineEnd < 0) {
          carry.push(Buffer.from(chunk)); // a line longer than a chunk (a book's text)
          continue;
        }
        take(Buffer.concat([...carry, chunk.subarray(0, lineEnd + 1)]));
        carry = [];
        from = lineEnd + 1;
      }
      const whole = Math.max(from, chunk.lastIndexOf(0x0a) + 1);
      if (whole > from) take(chunk.subarray(from, whole));
      if (whole < bytesRead) carry = [Buffer.from(chunk.subarray(whole))];
      await visitor.afterChunk?.();
    }
  } catch (error) {
    if (error instanceof NotLineLayout || error instanceof SyntaxError) return { layout: 'other' };
    throw error;
  } finally {
    await handle.close();
  }
  const last = end as { header: SnapshotHeader; seal: string } | null;
  if (carry.length > 0 || last === null) return { layout: 'other' };
  const seal = `crc32:${(crc >>> 0).toString(16).padStart(8, '0')}`;
  return { layout: 'lines', schemaVersion, header: last.header, sealed: seal === last.seal };
}

/**
 * The snapshot's place in the journal, read from its last line without reading the rest; null
 * when the file is not in the line layout (or missing).
 */
export async function readSnapshotHeader(path: string): Promise<SnapshotHeader | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const m = /\n"store":(\{[^\n]*\})\}\n$/.exec(buffer.toString('utf8'));
    if (!m) return null;
    const value = JSON.parse(m[1]!) as Partial<SnapshotHeader>;
    return Number.isSafeInteger(value.generation) && Number.isSafeInteger(value.sequence)
      ? { generation: value.generation!, sequence: value.sequence! }
      : null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
