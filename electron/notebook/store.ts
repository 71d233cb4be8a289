import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Low } from 'lowdb';
import { emptyStore, type Quarantined, type StoreData } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { backupStore, keepCopy, listBackups, stamp } from './backups.ts';
import { STORE_FILE, storePathIn } from './data-dir.ts';
import { DurableJsonFile, readJsonFile } from './durable-json-file.ts';
import { acquireStoreLock } from './store-lock.ts';
import { type ReadRecords, readRecords } from './store-records.ts';

export interface StoreRecovery {
  message: string;
  /** Where the unreadable file was moved; it is never deleted. */
  keptAs: string;
  restoredFrom: string | null;
}

export interface StoreOptions {
  /** Coalescing window: a burst of changes inside it becomes one write. */
  writeDelayMs?: number;
  /** Minimum time between rolling backups while the app runs. */
  backupIntervalMs?: number;
  /** A write failed; the changes stay in memory and the write is retried with backoff. */
  onWriteError?: (error: unknown) => void;
  /** Writing works again after failures. */
  onWriteRecovered?: () => void;
  /** A backup could not be taken (the store itself is unaffected). */
  onBackupError?: (error: unknown) => void;
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
  /** Apply a change in memory now and schedule a (coalesced) write. */
  change<T>(mutator: (data: StoreData) => T): T;
  /** Write pending changes now (a failure is reported through onWriteError and retried). */
  flush(): Promise<void>;
  /**
   * Refuse further changes, write what is pending, back up and release the lock. Rejects, keeping
   * the lock, when the changes could not be written; `force` closes anyway (losing them).
   */
  close(options?: { force?: boolean }): Promise<void>;
}

type Parsed = ReadRecords;

const parseStore = (raw: unknown): Parsed => readRecords(raw, new Date().toISOString());

async function readStore(path: string): Promise<Parsed | null> {
  try {
    const file = await readJsonFile(path);
    return file.found ? parseStore(file.value) : null;
  } catch (error) {
    if (error instanceof SyntaxError)
      return { ok: false, reason: 'it is not valid JSON (truncated or damaged)' };
    throw error;
  }
}

/** Names of the copies to keep of a file before it is rewritten migrated or repaired. */
function keptCopyNames(parsed: Extract<Parsed, { ok: true }>): string[] {
  return [
    ...(parsed.migratedFrom !== null ? [`pre-migration-v${parsed.migratedFrom}`] : []),
    ...(parsed.quarantined.length > 0 ? ['pre-quarantine'] : []),
  ];
}

/** Move a bad store aside and load the newest backup that reads cleanly. */
async function recover(dataDir: string, path: string, reason: string) {
  const keptAs = join(dataDir, `${basename(path, '.json')}.corrupt-${stamp(new Date())}.json`);
  await rename(path, keptAs);
  return restoreNewest(dataDir, { reason, keptAs });
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
    const parsed = await readStore(backup).catch(() => null);
    if (parsed?.ok) {
      // A backup that needed migrating or repair is kept as it was, like the store would be.
      for (const name of keptCopyNames(parsed)) await keepCopy(backup, dataDir, name);
      return {
        data: parsed.data,
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
 * A write interrupted by a crash or power cut leaves its temp file (the store itself is intact:
 * the rename never happened). Holding the lock, this process is the only writer, so any left
 * are removed; each can be as large as the notebook.
 */
async function removeLeftoverTempFiles(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const temp = new RegExp(`^\\.${STORE_FILE.replace('.', '\\.')}\\..+\\.tmp$`);
  await Promise.all(
    names.filter((n) => temp.test(n)).map((n) => unlink(join(dataDir, n)).catch(() => {})),
  );
}

/**
 * Open (or create) the notebook store in `dataDir`: lock it, read and validate it, recover from
 * backups if it is damaged, and hand back an in-memory copy whose changes are written durably
 * and coalesced. Throws a NotebookError when the store belongs to a newer version or another
 * process, without touching the file.
 */
export async function openStore(dataDir: string, options: StoreOptions = {}): Promise<Store> {
  const { writeDelayMs = 150, backupIntervalMs = 10 * 60_000, onWriteError } = options;
  await mkdir(dataDir, { recursive: true });
  const release = await acquireStoreLock(dataDir);
  const path = storePathIn(dataDir);
  await removeLeftoverTempFiles(dataDir);

  let data: StoreData;
  let recovery: StoreRecovery | null = null;
  let quarantined: Quarantined[] = [];
  const db = new Low<StoreData>(new DurableJsonFile<StoreData>(path), emptyStore());
  try {
    const parsed = await readStore(path);
    let fresh = true;
    if (parsed === null) {
      // No file, but backups: the file was lost (deleted, a sync tool), not a new notebook.
      const backups = await listBackups(dataDir);
      if (backups.length > 0) ({ data, recovery } = await restoreNewest(dataDir, 'missing'));
      else data = emptyStore();
    } else if (parsed.ok) {
      data = parsed.data;
      quarantined = parsed.quarantined;
      // The file as it was is kept before it is rewritten in a newer shape or without the
      // records set aside.
      const kept = keptCopyNames(parsed);
      for (const name of kept) await keepCopy(path, dataDir, name);
      fresh = kept.length > 0;
    } else {
      ({ data, recovery } = await recover(dataDir, path, parsed.reason));
    }
    db.data = data;
    if (fresh) await db.write();
  } catch (error) {
    await release();
    throw error instanceof NotebookError
      ? error
      : new NotebookError('internal', `Could not open the notebook at ${path}: ${String(error)}`);
  }

  const backUp = async () => {
    try {
      await backupStore(path, dataDir);
    } catch (error) {
      options.onBackupError?.(error); // a missing backup must never stop the notebook itself
    }
  };
  await backUp();
  let lastBackup = Date.now();
  let writtenSinceBackup = false;

  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = 0;
  let lastError: unknown = null;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(writeNow, delay);
  };

  function writeNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      if (Date.now() - lastBackup >= backupIntervalMs) {
        await backUp();
        lastBackup = Date.now();
      }
      try {
        await db.write();
        writtenSinceBackup = true;
        if (lastError !== null) {
          lastError = null;
          retryDelay = 0;
          options.onWriteRecovered?.();
        }
      } catch (error) {
        // Keep the changes in memory and try again, backing off up to half a minute.
        dirty = true;
        lastError = error;
        retryDelay = Math.min(Math.max(retryDelay * 2, 1000), 30_000);
        if (!closing) schedule(retryDelay);
        onWriteError?.(error);
      }
    });
    return writing;
  }

  let closing = false;
  let released = false;
  let revision = 0;
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
      const result = mutator(db.data);
      dirty = true;
      if (!timer) schedule(writeDelayMs);
      return result;
    },
    flush: writeNow,
    async close({ force = false } = {}) {
      if (released) return;
      // Refuse changes from here on: whatever was acknowledged is in the final write below.
      closing = true;
      await writeNow();
      if (dirty && !force) {
        const reason = lastError instanceof Error ? lastError.message : String(lastError);
        throw new NotebookError(
          'internal',
          `The latest changes could not be saved to ${path}: ${reason}`,
        );
      }
      if (timer) clearTimeout(timer);
      // The newest backup is then the last clean state, whatever happens to the file later.
      if (writtenSinceBackup) await backUp();
      released = true;
      await release();
    },
  };
}

/**
 * Open the store to read only, without the lock: the command line lists, searches and exports
 * while the app may hold the store. Nothing is written, so a damaged file is reported, not
 * recovered (the app does that), and a missing one is an error, not a new notebook.
 */
export async function openStoreReadOnly(dataDir: string): Promise<Store> {
  const path = storePathIn(dataDir);
  const parsed = await readStore(path);
  if (parsed === null)
    throw new NotebookError('not-found', `There is no notebook in ${dataDir} yet.`);
  if (!parsed.ok)
    throw new NotebookError(
      'internal',
      `The notebook at ${path} cannot be read because ${parsed.reason}. Open Marginalia to recover it from a backup.`,
    );
  const data = parsed.data;
  return {
    dataDir,
    path,
    recovery: null,
    quarantined: [],
    data,
    revision: 0,
    change() {
      throw new NotebookError('conflict', 'This notebook was opened read-only.');
    },
    flush: async () => {},
    close: async () => {},
  };
}
