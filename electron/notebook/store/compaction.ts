import { type RecordCollection, SCHEMA_VERSION } from '../../../shared/model.ts';
import { storePathIn } from '../data-dir.ts';
import type { JournalOp } from './changes.ts';
import { listJournals, readJournal } from './journal.ts';
import { readSnapshotHeader, readSnapshotLines, SnapshotWriter } from './snapshot.ts';

export interface CompactionResult {
  generation: number;
  sequence: number;
  /** Journal entries folded in. */
  entries: number;
}

/** Per collection, what the journal did to it, in the shape a single pass over the snapshot needs. */
class CollectionChanges {
  /**
   * Ids in journal order: the record's final line (null when it ends deleted), whether it was
   * put again after a deletion (a replay appends it then), and whether this pass wrote it.
   */
  readonly changes = new Map<string, { line: string | null; appended: boolean; done: boolean }>();
  /** Set when the journal reordered this collection: it is then rebuilt in memory. */
  ops: JournalOp[] = [];
  reordered = false;

  put(id: string, line: string): void {
    const current = this.changes.get(id);
    if (current && current.line === null) {
      // Deleted, then put again: a replay appends it at the end, so does this.
      this.changes.delete(id);
      this.changes.set(id, { line, appended: true, done: false });
    } else if (current) current.line = line;
    else this.changes.set(id, { line, appended: false, done: false });
  }

  del(id: string): void {
    const current = this.changes.get(id);
    if (current) {
      this.changes.delete(id);
      this.changes.set(id, { line: null, appended: current.appended, done: false });
    } else this.changes.set(id, { line: null, appended: false, done: false });
  }
}

/** A record's id from its line: the common case without parsing (`{"id":"…"`), else parsed. */
function idOf(line: string): string {
  const m = /^\{"id":"([^"\\]*)"/.exec(line);
  if (m) return m[1]!;
  return String((JSON.parse(line) as { id: unknown }).id);
}

/**
 * Fold every journal older than `upTo` into a new snapshot, streaming: the old snapshot is read
 * a chunk at a time and each record line is copied through, replaced or left out as the journal
 * says; records the journal added follow each list. Memory stays at the journal's size, not the
 * notebook's. Runs in a worker thread in the app (compact-worker.ts), so the main thread never
 * serialises the notebook. Writes nothing but the new snapshot (temp file, fsync, rename);
 * deleting the folded journals is the caller's step, after this resolves.
 */
export async function compactNotebook(dataDir: string, upTo: number): Promise<CompactionResult> {
  const path = storePathIn(dataDir);
  const header = await readSnapshotHeader(path);
  if (!header) throw new Error(`${path} is not a snapshot this version wrote; nothing compacted.`);
  const byCollection = new Map<RecordCollection, CollectionChanges>();
  const changesOf = (c: RecordCollection) => {
    const entry = byCollection.get(c) ?? new CollectionChanges();
    byCollection.set(c, entry);
    return entry;
  };
  let meta: { value: unknown } | null = null;
  let quarantine: { value: unknown } | null = null;
  let sequence = header.sequence;
  let entries = 0;
  for (const journal of await listJournals(dataDir)) {
    if (journal.generation < header.generation || journal.generation >= upTo) continue;
    for (const entry of (await readJournal(journal.path)).entries) {
      if (entry.seq <= sequence) continue; // already in the snapshot (a crash between steps)
      sequence = entry.seq;
      entries++;
      for (const op of entry.ops) {
        if ('put' in op) {
          const c = changesOf(op.put);
          c.ops.push(op);
          c.put(op.record.id, JSON.stringify(op.record));
        } else if ('del' in op) {
          const c = changesOf(op.del);
          c.ops.push(op);
          c.del(op.id);
        } else if ('order' in op) {
          const c = changesOf(op.order);
          c.ops.push(op);
          c.reordered = true;
        } else if ('meta' in op) meta = { value: op.meta };
        else quarantine = { value: op.quarantine };
      }
    }
  }

  const out = await SnapshotWriter.create(path, SCHEMA_VERSION);
  /** A reordered collection's lines by id, rebuilt in journal order at its end. */
  let rebuilt: Map<string, string> | null = null;
  try {
    const read = await readSnapshotLines(path, {
      meta: (value) => out.meta(meta ? meta.value : value),
      quarantine: (value) => out.quarantine(quarantine ? quarantine.value : value),
      startCollection(collection) {
        out.startCollection(collection);
        rebuilt = byCollection.get(collection)?.reordered ? new Map() : null;
      },
      record(collection, line) {
        const id = idOf(line);
        if (rebuilt) {
          rebuilt.set(id, line);
          return;
        }
        const change = byCollection.get(collection)?.changes.get(id);
        if (!change) out.record(line);
        else if (change.line !== null && !change.appended) {
          out.record(change.line);
          change.done = true;
        }
        // Otherwise deleted, or deleted and put again (written at the end): dropped here.
      },
      endCollection(collection) {
        const changes = byCollection.get(collection);
        if (rebuilt && changes) {
          for (const line of replayLines(rebuilt, changes.ops)) out.record(line);
        } else if (changes) {
          // New records, and records put again after a deletion, in the order a replay gives.
          for (const change of changes.changes.values())
            if (change.line !== null && !change.done) out.record(change.line);
        }
        rebuilt = null;
        out.endCollection();
      },
      afterChunk: () => out.drain(),
    });
    if (read.layout !== 'lines' || !read.sealed)
      throw new Error(
        `${path} was changed outside Marginalia while the notebook was open; it was not compacted.`,
      );
    await out.commit({ generation: upTo, sequence });
  } catch (error) {
    await out.abandon();
    throw error;
  }
  return { generation: upTo, sequence, entries };
}

/** A reordered collection: the snapshot's lines with the journal's ops replayed over them. */
function replayLines(lines: Map<string, string>, ops: readonly JournalOp[]): Iterable<string> {
  let state = lines;
  for (const op of ops) {
    if ('put' in op) state.set(op.record.id, JSON.stringify(op.record));
    else if ('del' in op) state.delete(op.id);
    else if ('order' in op) {
      const ordered = new Map<string, string>();
      for (const id of op.ids) {
        const line = state.get(id);
        if (line !== undefined) ordered.set(id, line);
      }
      for (const [id, line] of state) if (!ordered.has(id)) ordered.set(id, line);
      state = ordered;
    }
  }
  return state.values();
}
