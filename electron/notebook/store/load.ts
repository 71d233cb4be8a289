import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import {
  type Quarantined,
  RECORD_COLLECTIONS,
  type RecordCollection,
  SCHEMA_VERSION,
  type StoreData,
} from '../../../shared/model.ts';
import { RECORD_SCHEMAS, type ReadRecords, readRecords } from '../store-records.ts';
import { type JournalEntry, ReplayState } from './changes.ts';
import { type JournalRead, listJournals, readJournal } from './journal.ts';
import {
  readSnapshotLines,
  type SnapshotHeader,
  snapshotParts,
  writeSnapshot,
} from './snapshot.ts';

/** A snapshot as read: trusted (its seal holds), or validated record by record. */
export type SnapshotLoad =
  | { kind: 'missing' }
  | { kind: 'damaged'; reason: string }
  | {
      kind: 'read';
      data: StoreData;
      header: SnapshotHeader;
      /** Read from a file this version wrote and nobody changed: no validation was needed. */
      sealed: boolean;
      quarantined: Quarantined[];
      migratedFrom: number | null;
    };

const parseStore = (raw: unknown): ReadRecords => readRecords(raw, new Date().toISOString());

/**
 * Read `notebook.json`. The line layout is read a line at a time (the event loop turns between
 * megabytes); a sealed file of this version is taken as it is, anything else (an older version,
 * a hand-edited file) is validated record by record with the store's schemas, as before.
 */
export async function loadSnapshot(path: string): Promise<SnapshotLoad> {
  const lists: Record<RecordCollection, unknown[]> = {
    documents: [],
    annotations: [],
    tags: [],
    notes: [],
    collections: [],
    rounds: [],
  };
  let meta: unknown;
  let quarantine: unknown = [];
  let read: Awaited<ReturnType<typeof readSnapshotLines>>;
  try {
    read = await readSnapshotLines(path, {
      meta: (value) => {
        meta = value;
      },
      quarantine: (value) => {
        quarantine = value;
      },
      record: (collection, line) => lists[collection].push(JSON.parse(line)),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let raw: unknown;
  let header: SnapshotHeader = { generation: 0, sequence: 0 };
  if (read.layout === 'lines') {
    raw = { schemaVersion: read.schemaVersion, meta, quarantine, ...lists };
    header = read.header;
    if (read.sealed && read.schemaVersion === SCHEMA_VERSION)
      return {
        kind: 'read',
        data: raw as StoreData,
        header,
        sealed: true,
        quarantined: [],
        migratedFrom: null,
      };
  } else {
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      if (error instanceof SyntaxError)
        return { kind: 'damaged', reason: 'it is not valid JSON (truncated or damaged)' };
      throw error;
    }
  }
  const parsed = parseStore(raw);
  if (!parsed.ok) return { kind: 'damaged', reason: parsed.reason };
  return {
    kind: 'read',
    data: parsed.data,
    header,
    sealed: false,
    quarantined: parsed.quarantined,
    migratedFrom: parsed.migratedFrom,
  };
}

export interface JournalReplay {
  /** The last entry applied (the snapshot's when none). */
  sequence: number;
  /** The newest journal file and how many whole bytes it holds (where appends go on). */
  last: { generation: number; bytes: number } | null;
  entries: number;
  /** Torn ends and damaged lines, per file, for the caller to keep aside and report. */
  problems: { path: string; read: JournalRead }[];
  /** Records the journal put, to validate. */
  put: Map<RecordCollection, Set<string>>;
}

/**
 * Apply the journals that follow the snapshot to its data (in place), oldest first, skipping
 * entries the snapshot already holds (a crash between writing a snapshot and deleting the
 * journals it folded in).
 */
export async function replayJournals(
  dataDir: string,
  data: StoreData,
  header: SnapshotHeader,
): Promise<JournalReplay> {
  const journals = (await listJournals(dataDir)).filter((j) => j.generation >= header.generation);
  const replay: JournalReplay = {
    sequence: header.sequence,
    last: null,
    entries: 0,
    problems: [],
    put: new Map(),
  };
  if (journals.length === 0) return replay;
  const state = new ReplayState(data);
  for (const journal of journals) {
    const read = await readJournal(journal.path);
    if (read.torn || read.bad.length > 0) replay.problems.push({ path: journal.path, read });
    replay.last = { generation: journal.generation, bytes: read.wholeBytes };
    for (const entry of read.entries) {
      if (entry.seq <= replay.sequence) continue;
      replay.sequence = entry.seq;
      replay.entries++;
      state.apply(entry.ops);
      notePuts(replay.put, entry);
    }
  }
  if (replay.entries > 0) {
    for (const collection of RECORD_COLLECTIONS)
      (data[collection] as unknown[]) = [...state.lists[collection].values()];
    data.meta = state.meta as StoreData['meta'];
    data.quarantine = state.quarantine as Quarantined[];
  }
  return replay;
}

function notePuts(put: Map<RecordCollection, Set<string>>, entry: JournalEntry): void {
  for (const op of entry.ops) {
    if (!('put' in op)) continue;
    const ids = put.get(op.put) ?? new Set<string>();
    put.set(op.put, ids);
    ids.add(op.record.id);
  }
}

/**
 * Whether the records a replay put are all valid (a journal is written by this app, but a disk
 * or a person can damage it). When not, the caller validates the whole notebook the slow way,
 * which sets the bad ones aside into the quarantine with their reasons.
 */
export function replayedRecordsValid(data: StoreData, put: JournalReplay['put']): boolean {
  for (const [collection, ids] of put) {
    for (const record of data[collection] as { id: string }[])
      if (ids.has(record.id) && !RECORD_SCHEMAS[collection].safeParse(record).success) return false;
  }
  const documents = new Set(data.documents.map((d) => d.id));
  const annotations = put.get('annotations');
  if (annotations)
    for (const a of data.annotations)
      if (annotations.has(a.id) && !documents.has(a.documentId)) return false;
  return true;
}

/** Validate a whole notebook record by record (the slow path), as a freshly read file is. */
export function revalidate(data: StoreData): ReadRecords {
  return parseStore(data);
}

/**
 * lowdb's adapter for the snapshot: lowdb holds the notebook in memory (`Low.data`) and writes
 * it whole through this when the store rewrites it at once (a new notebook, a migration, a
 * repair). Everyday saving goes to the journal, and compaction rewrites the file off the main
 * thread, both beside lowdb rather than through it: lowdb's `write` is whole-file by design.
 */
export class SnapshotAdapter implements Adapter<StoreData> {
  readonly path: string;
  /** Where the snapshot written next stands in the journal. */
  header: SnapshotHeader;
  constructor(path: string, header: SnapshotHeader) {
    this.path = path;
    this.header = header;
  }
  async read(): Promise<StoreData | null> {
    const load = await loadSnapshot(this.path);
    return load.kind === 'read' ? load.data : null;
  }
  async write(data: StoreData): Promise<void> {
    await writeSnapshot(this.path, snapshotParts(data), this.header);
  }
}
