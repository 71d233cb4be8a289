import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Low } from 'lowdb';
import {
  emptyStore,
  type Quarantined,
  type RecordCollection,
  type StoreData,
} from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import {
  backupStore,
  keepCopy,
  listBackups,
  removeLeftoverBackupCopies,
  stamp,
} from './backups.ts';
import { STORE_FILE, storePathIn } from './data-dir.ts';
import { ChangeTracker, type Touch } from './store/changes.ts';
import { compactOffThread } from './store/compact-thread.ts';
import {
  deleteJournalsBefore,
  JournalFile,
  listJournals,
  truncateJournal,
} from './store/journal.ts';
import {
  type JournalReplay,
  loadSnapshot,
  replayedRecordsValid,
  replayJournals,
  revalidate,
  SnapshotAdapter,
} from './store/load.ts';
import { replacerFor } from './store/preserialized.ts';
import { readSnapshotHeader } from './store/snapshot.ts';
import { JournalVerifier } from './store/verify.ts';
import { acquireStoreLock } from './store-lock.ts';

export type { Touch } from './store/changes.ts';

export interface StoreRecovery {
  message: string;
  /** Where the unreadable file (or torn journal end) was moved; it is never deleted. */
  keptAs: string;
  restoredFrom: string | null;
}

export interface StoreOptions {
  /** Group-commit delay: changes inside it go to disk in one append (default: next turn). */
  writeDelayMs?: number;
  /** Minimum time between rolling backups while the app runs. */
  backupIntervalMs?: number;
  /**
   * Fold the journal into the snapshot once it holds this many bytes (default: 4 MB or half the
   * snapshot's size, whichever is more), off the main thread.
   */
  compactAfterBytes?: number;
  /**
   * Script of the compaction worker (`compact-worker.js` in a build; by default the `.ts` source
   * when this runs from source). With null, and for notebooks under a megabyte, compaction runs
   * on this thread.
   */
  compactionWorker?: URL | string | null;
  /**
   * Check after every change that replaying its journal entry gives the notebook in memory
   * (tests turn it on: a change a service forgot to report fails there, not in a user's data).
   */
  verifyJournal?: boolean;
  /** A write failed; the changes stay in memory and the write is retried with backoff. */
  onWriteError?: (error: unknown) => void;
  /** Writing works again after failures. */
  onWriteRecovered?: () => void;
  /** A backup (or a compaction) could not be done (the store itself is unaffected). */
  onBackupError?: (error: unknown) => void;
  /** A compaction started or ended (progress for people; the crash test aims kills with it). */
  onCompaction?: (phase: 'start' | 'end') => void;
}

export interface Store {
  readonly dataDir: string;
  readonly path: string;
  readonly recovery: StoreRecovery | null;
  /** Records set aside into the quarantine as this store was opened. */
  readonly quarantined: readonly Quarantined[];
  /** The live data. Read it freely; change it only inside `change`. */
  readonly data: StoreData;
  /** Counts changes: equal revisions mean nothing changed in between. */
  readonly revision: number;
  /**
   * Apply a change in memory now and journal it (appended and fsynced in the background; a
   * burst goes to disk in one append). Lists may be changed freely (push, filter, map to new
   * objects: found by comparing identities); a field set on an existing record must be reported
   * with `touch(collection, record)`.
   */
  change<T>(mutator: (data: StoreData, touch: Touch) => T): T;
  /** Resolve once every change so far is on disk (a failure is reported and retried). */
  flush(): Promise<void>;
  /**
   * Fold the journal into the snapshot now (off the main thread where a worker is given), so
   * `notebook.json` alone is the whole notebook (a copy of it is then a complete backup).
   * Rejects when that could not be done; the journal still holds everything.
   */
  compact(): Promise<void>;
  /**
   * Refuse further changes, write what is pending, compact, back up and release the lock.
   * Rejects, keeping the lock, when the changes could not be written; `force` closes anyway
   * (losing them).
   */
  close(options?: { force?: boolean }): Promise<void>;
}

/** The default: compact once the journal reaches 4 MB or half the snapshot's size. */
const COMPACT_AFTER_BYTES = 4 << 20;
/** A notebook this small folds in a few milliseconds: not worth starting a thread for. */
const IN_THREAD_BYTES = 1 << 20;

/**
 * The compaction worker's script when this module runs from its TypeScript source (tests, the
 * command line); a build passes the built `compact-worker.js` itself.
 */
function sourceWorker(): URL | null {
  if (!import.meta.url.endsWith('.ts')) return null;
  // Built from parts so no bundler mistakes it for an asset to copy.
  return new URL(['.', 'store', 'compact-worker.ts'].join('/'), import.meta.url);
}

/** Names of the copies to keep of a file before it is rewritten migrated or repaired. */
function keptCopyNames(load: { migratedFrom: number | null; quarantined: readonly unknown[] }) {
  return [
    ...(load.migratedFrom !== null ? [`pre-migration-v${load.migratedFrom}`] : []),
    ...(load.quarantined.length > 0 ? ['pre-quarantine'] : []),
  ];
}

/**
 * Load the newest backup that reads cleanly, after a damaged file was moved aside (or when the
 * file is missing), and say so. Nothing is ever silently reset to empty.
 */
async function restoreNewest(
  dataDir: string,
  damaged: { reason: string; keptAs: string } | 'missing',
): Promise<{ data: StoreData; recovery: StoreRecovery }> {
  const what =
    damaged === 'missing'
      ? 'The notebook file was missing'
      : `The notebook file could not be read because ${damaged.reason}. It was kept as ${basename(damaged.keptAs)} and`;
  for (const backup of await listBackups(dataDir)) {
    const load = await loadSnapshot(backup).catch(() => null);
    if (load?.kind === 'read') {
      // A backup that needed migrating or repair is kept as it was, like the store would be.
      for (const name of keptCopyNames(load)) await keepCopy(backup, dataDir, name);
      return {
        data: load.data,
        recovery: {
          message: `${what}${damaged === 'missing' ? ';' : ''} the notebook was restored from the backup ${basename(backup)}.`,
          keptAs: damaged === 'missing' ? '' : damaged.keptAs,
          restoredFrom: backup,
        },
      };
    }
  }
  // The user had a notebook: do not greet them with the sample article again.
  const data = emptyStore();
  data.meta.seeded = true;
  return {
    data,
    recovery: {
      message: `${what}${damaged === 'missing' ? ',' : ''} no readable backup was found, so Marginalia started with an empty notebook.`,
      keptAs: damaged === 'missing' ? '' : damaged.keptAs,
      restoredFrom: null,
    },
  };
}

/**
 * A snapshot write interrupted by a crash or power cut leaves its temp file (the snapshot itself
 * is intact: the rename never happened). Holding the lock, this process is the only writer, so
 * any left are removed; each can be as large as the notebook.
 */
async function removeLeftoverTempFiles(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const temp = new RegExp(`^\\.${STORE_FILE.replace('.', '\\.')}\\..+\\.tmp$`);
  await Promise.all(
    names.filter((n) => temp.test(n)).map((n) => unlink(join(dataDir, n)).catch(() => {})),
  );
}

/**
 * Keep a journal's torn end (a write a crash cut short, never acknowledged) and damaged lines
 * in a file beside the notebook, then cut the journal back to its whole lines.
 */
async function setAsideJournalProblems(
  dataDir: string,
  problems: JournalReplay['problems'],
): Promise<string> {
  const keptAs = join(dataDir, `journal-set-aside-${stamp(new Date())}.txt`);
  const parts: string[] = [];
  for (const { path, read } of problems) {
    for (const bad of read.bad) parts.push(`${path} line ${bad.line}:\n${bad.text}\n`);
    if (read.torn) parts.push(`${path} torn end:\n${read.torn.toString('utf8')}\n`);
  }
  await writeFile(keptAs, parts.join('\n'));
  for (const { path, read } of problems)
    if (read.torn) await truncateJournal(path, read.wholeBytes);
  return keptAs;
}

interface Opened {
  data: StoreData;
  recovery: StoreRecovery | null;
  quarantined: Quarantined[];
  generation: number;
  sequence: number;
  /** Bytes already in the current generation's journal file. */
  journalBytes: number;
  /** Journals still to fold into the snapshot. */
  pending: boolean;
}

/**
 * Read the snapshot and replay the journal, repairing what needs it so that, when this returns,
 * the files on disk hold exactly the data returned: a notebook that was migrated, repaired,
 * restored from a backup or had a torn journal is written out as a new snapshot at once.
 */
async function openFiles(dataDir: string, path: string): Promise<Opened> {
  let data: StoreData;
  let recovery: StoreRecovery | null = null;
  let quarantined: Quarantined[] = [];
  let rewrite = false;
  let header = { generation: 0, sequence: 0 };
  const load = await loadSnapshot(path);
  if (load.kind === 'missing') {
    // No file, but backups: the file was lost (deleted, a sync tool), not a new notebook.
    if ((await listBackups(dataDir)).length > 0)
      ({ data, recovery } = await restoreNewest(dataDir, 'missing'));
    else data = emptyStore();
    rewrite = true;
  } else if (load.kind === 'damaged') {
    const keptAs = join(dataDir, `${basename(path, '.json')}.corrupt-${stamp(new Date())}.json`);
    await rename(path, keptAs);
    ({ data, recovery } = await restoreNewest(dataDir, { reason: load.reason, keptAs }));
    rewrite = true;
  } else {
    data = load.data;
    header = load.header;
    quarantined = load.quarantined;
    // The file as it was is kept before it is rewritten in a newer shape or without the
    // records set aside.
    const kept = keptCopyNames(load);
    for (const name of kept) await keepCopy(path, dataDir, name);
    rewrite = kept.length > 0 || !load.sealed;
  }

  // The journal only follows the snapshot it was written after; after a restore from a backup
  // it belongs to the lost file, and is left where it is (the set-aside file names it).
  const replay =
    load.kind === 'read'
      ? await replayJournals(dataDir, data, header)
      : { sequence: 0, last: null, entries: 0, problems: [], put: new Map() };
  if (replay.problems.length > 0) {
    const keptAs = await setAsideJournalProblems(dataDir, replay.problems);
    recovery = {
      message: `The notebook's journal ended in a change that was only half written (a crash or power cut while saving), or had damaged lines. Every change that was saved is kept; what was cut short was set aside as ${basename(keptAs)}.`,
      keptAs,
      restoredFrom: null,
    };
  }
  if (replay.entries > 0 && !replayedRecordsValid(data, replay.put)) {
    const checked = revalidate(data);
    if (checked.ok) {
      data = checked.data;
      quarantined = [...quarantined, ...checked.quarantined];
      if (checked.quarantined.length > 0) await keepCopy(path, dataDir, 'pre-quarantine');
    }
    rewrite = true;
  }

  const journals = await listJournals(dataDir);
  const newest = journals.at(-1)?.generation ?? 0;
  if (rewrite) {
    // One rewrite on this thread (a migration, a repair): then disk and memory agree again.
    const generation = Math.max(header.generation, newest) + 1;
    const db = new Low<StoreData>(
      new SnapshotAdapter(path, { generation, sequence: replay.sequence }),
      data,
    );
    await db.write();
    await deleteJournalsBefore(dataDir, generation);
    return {
      data,
      recovery,
      quarantined,
      generation,
      sequence: replay.sequence,
      journalBytes: 0,
      pending: false,
    };
  }
  // Journals from before the snapshot were folded in by a compaction a crash interrupted.
  await deleteJournalsBefore(dataDir, header.generation);
  const last = replay.last;
  return {
    data,
    recovery,
    quarantined,
    generation: last ? last.generation : header.generation,
    sequence: replay.sequence,
    journalBytes: last ? last.bytes : 0,
    pending: replay.entries > 0 || (last?.bytes ?? 0) > 0,
  };
}

/**
 * Open (or create) the notebook store in `dataDir`: lock it, read the snapshot and replay the
 * journal, recover from backups if it is damaged, and hand back the data in memory whose every
 * change is journaled durably. Throws a NotebookError when the store belongs to a newer version
 * or another process, without touching the file.
 */
export async function openStore(dataDir: string, options: StoreOptions = {}): Promise<Store> {
  const {
    writeDelayMs = 0,
    backupIntervalMs = 10 * 60_000,
    compactionWorker = sourceWorker(),
    onWriteError,
  } = options;
  await mkdir(dataDir, { recursive: true });
  const release = await acquireStoreLock(dataDir);
  const path = storePathIn(dataDir);
  await removeLeftoverTempFiles(dataDir);
  await removeLeftoverBackupCopies(dataDir);

  let opened: Opened;
  try {
    opened = await openFiles(dataDir, path);
  } catch (error) {
    await release();
    throw error instanceof NotebookError
      ? error
      : new NotebookError('internal', `Could not open the notebook at ${path}: ${String(error)}`);
  }
  const { recovery, quarantined } = opened;
  // lowdb holds the notebook in memory; its adapter writes the snapshot when it is rewritten whole.
  const db = new Low<StoreData>(
    new SnapshotAdapter(path, { generation: opened.generation, sequence: opened.sequence }),
    opened.data,
  );
  let sequence = opened.sequence;
  let journal = new JournalFile(dataDir, opened.generation, opened.journalBytes);
  let snapshotBytes = 0;
  const tracker = new ChangeTracker(db.data);
  const verifier =
    (options.verifyJournal ?? process.env.MARGINALIA_VERIFY_JOURNAL === '1')
      ? new JournalVerifier(db.data)
      : null;

  /** Backups one after another: the start-up one runs while the notebook is in use. */
  let backups: Promise<void> = Promise.resolve();
  const backUp = (): Promise<void> => {
    backups = backups.then(async () => {
      try {
        await backupStore(path, dataDir);
      } catch (error) {
        options.onBackupError?.(error); // a missing backup must never stop the notebook itself
      }
    });
    return backups;
  };
  let lastBackup = Date.now();
  let changedSinceBackup = false;

  /** Lines not yet on disk, in order. */
  let queue: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = 0;
  let lastError: unknown = null;
  let writing: Promise<void> = Promise.resolve();
  let compacting: Promise<void> | null = null;

  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(writeNow, delay);
  };

  /** Append everything queued in one write and fsync (group commit). */
  function writeNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    writing = writing.then(async () => {
      if (queue.length === 0) return;
      const batch = queue;
      queue = [];
      try {
        await journal.append(batch.join(''));
        changedSinceBackup = true;
        if (lastError !== null) {
          lastError = null;
          retryDelay = 0;
          options.onWriteRecovered?.();
        }
      } catch (error) {
        // Keep the changes in memory and try again, backing off up to half a minute.
        queue = batch.concat(queue);
        lastError = error;
        retryDelay = Math.min(Math.max(retryDelay * 2, 1000), 30_000);
        if (!closing) schedule(retryDelay);
        onWriteError?.(error);
        return;
      }
      if (!closing) maybeCompact();
    });
    return writing;
  }

  /**
   * Start a new journal generation and fold the older ones into the snapshot, off the main
   * thread; then back up when one is due. One compaction at a time.
   */
  function compact(): Promise<void> {
    if (compacting) return compacting;
    const run = async () => {
      await writeNow();
      if (journal.bytes === 0 && queue.length === 0 && !opened.pending) return;
      const upTo = journal.generation + 1;
      const folding = journal.bytes;
      journal = new JournalFile(dataDir, upTo, 0);
      await writing; // every line of the older generation is on disk
      options.onCompaction?.('start');
      try {
        // After a crash the journals to fold are of unknown size: take the thread then too.
        const big = opened.pending || snapshotBytes + folding > IN_THREAD_BYTES;
        await compactOffThread(big ? compactionWorker : null, dataDir, upTo);
        snapshotBytes = (await stat(path).catch(() => ({ size: snapshotBytes }))).size;
        await deleteJournalsBefore(dataDir, upTo);
        opened.pending = false;
      } catch (error) {
        // The journal still holds everything: nothing is lost, only the fold is postponed.
        options.onBackupError?.(error);
        throw error;
      } finally {
        options.onCompaction?.('end');
      }
      if (changedSinceBackup && Date.now() - lastBackup >= backupIntervalMs) {
        await backUp();
        lastBackup = Date.now();
        changedSinceBackup = false;
      }
    };
    compacting = run().finally(() => {
      compacting = null;
    });
    return compacting;
  }

  function maybeCompact(): void {
    if (compacting) return;
    const due =
      // Given, exactly that; by default 4 MB or half the snapshot, so folding stays amortised.
      journal.bytes >=
        (options.compactAfterBytes ?? Math.max(COMPACT_AFTER_BYTES, snapshotBytes / 2)) ||
      (changedSinceBackup && Date.now() - lastBackup >= backupIntervalMs);
    if (due) void compact().catch(() => {}); // reported through onBackupError
  }

  // One backup at each start, of the whole notebook (fold in a journal a crash left first),
  // taken while the notebook is already in use: comparing 71 MB with the newest backup, or
  // copying it, held the open back 0.2-0.4 s at 100k items. The copy reads the snapshot through
  // its own handle, so a compaction renaming a new one meanwhile cannot tear it. Closing waits
  // for it: a copy still running after the lock is released was left half made.
  const startupBackup: Promise<void> = opened.pending
    ? compact()
        .then(backUp)
        .catch(() => {}) // reported; the journal keeps everything until the next try
    : backUp();
  snapshotBytes = (await stat(path).catch(() => ({ size: 0 }))).size;

  let closing = false;
  let released = false;
  let revision = 0;
  const touched = new Map<RecordCollection, Set<{ id: string }>>();
  const touch: Touch = (collection, ...records) => {
    const set = touched.get(collection) ?? new Set();
    touched.set(collection, set);
    for (const r of records) set.add(r);
  };
  return {
    dataDir,
    path,
    recovery,
    quarantined,
    get data() {
      return db.data;
    },
    get revision() {
      return revision;
    },
    change(mutator) {
      if (closing)
        throw new NotebookError('internal', 'The notebook is closing; the change was not made.');
      revision++;
      touched.clear();
      let result: ReturnType<typeof mutator>;
      try {
        result = mutator(db.data, touch);
      } finally {
        // Whatever the mutator did before it threw is journaled too: memory is the truth.
        const ops = tracker.diff(db.data, touched);
        touched.clear();
        if (ops.length > 0) {
          const line = `${JSON.stringify({ seq: ++sequence, ops }, replacerFor(ops))}\n`;
          queue.push(line);
          verifier?.check(line, db.data);
          if (!timer) schedule(writeDelayMs);
        }
      }
      return result;
    },
    async flush() {
      await writeNow();
    },
    compact,
    async close({ force = false } = {}) {
      if (released) return;
      // Refuse changes from here on: whatever was acknowledged is in the final write below.
      closing = true;
      await startupBackup;
      await compacting?.catch(() => {}); // a failed fold was reported; the journal has it all
      await writeNow();
      if (queue.length > 0 && !force) {
        const reason = lastError instanceof Error ? lastError.message : String(lastError);
        throw new NotebookError(
          'internal',
          `The latest changes could not be saved to ${path}: ${reason}`,
        );
      }
      if (timer) clearTimeout(timer);
      if (queue.length === 0) {
        // The snapshot then holds everything, and the newest backup is the last clean state.
        // Should folding fail, the journal still holds every change for the next start.
        const folded = await compact().then(
          () => true,
          () => false,
        );
        if (folded && (changedSinceBackup || opened.pending)) await backUp();
      }
      released = true;
      await release();
    },
  };
}

/**
 * Open the store to read only, without the lock: the command line lists, searches and exports
 * while the app may hold the store, and sees every change the app has acknowledged (snapshot
 * plus journal). Nothing is written, so a damaged file is reported, not recovered (the app
 * does that), and a missing one is an error, not a new notebook.
 */
export async function openStoreReadOnly(dataDir: string): Promise<Store> {
  const path = storePathIn(dataDir);
  let data: StoreData | null = null;
  // A compaction that lands while this reads makes the journals read stale: read again.
  for (let attempt = 0; attempt < 5 && data === null; attempt++) {
    const load = await loadSnapshot(path);
    if (load.kind === 'missing')
      throw new NotebookError('not-found', `There is no notebook in ${dataDir} yet.`);
    if (load.kind === 'damaged')
      throw new NotebookError(
        'internal',
        `The notebook at ${path} cannot be read because ${load.reason}. Open Marginalia to recover it from a backup.`,
      );
    await replayJournals(dataDir, load.data, load.header);
    const after = await readSnapshotHeader(path);
    if (after === null || after.generation === load.header.generation) data = load.data;
  }
  if (data === null)
    throw new NotebookError('conflict', `The notebook at ${path} kept changing while being read.`);
  const frozen = data;
  return {
    dataDir,
    path,
    recovery: null,
    quarantined: [],
    data: frozen,
    revision: 0,
    change() {
      throw new NotebookError('conflict', 'This notebook was opened read-only.');
    },
    flush: async () => {},
    compact: async () => {},
    close: async () => {},
  };
}
