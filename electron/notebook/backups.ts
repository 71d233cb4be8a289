import { copyFile, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BackupInfo } from '../../shared/contract.ts';
import { commitTempFile } from './durable-json-file.ts';

export const BACKUP_DIR = 'backups';
/** The newest backups always kept… */
export const BACKUPS_KEPT = 10;
/** …and besides them, the newest of each day for this many days. */
export const DAILY_BACKUP_DAYS = 7;

/** A file-name-safe timestamp that sorts by time. */
export const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

/** Backups newest first, as absolute paths. */
export async function listBackups(dataDir: string): Promise<string[]> {
  const dir = join(dataDir, BACKUP_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  // By the time in the name: a stray `notebook-copy.json` is no backup of ours.
  return names
    .filter((n) => n.startsWith('notebook-') && backupTime(n) !== null)
    .sort()
    .reverse()
    .map((n) => join(dir, n));
}

/**
 * Keep a copy of the store file under a name the rolling backups never prune (`pre-restore-…`,
 * `pre-migration-v1-…`), durably: it is made before the store is rewritten, and must survive a
 * power cut that the rewrite survives.
 */
export async function keepCopy(
  storePath: string,
  dataDir: string,
  prefix: string,
): Promise<string> {
  const dir = join(dataDir, BACKUP_DIR);
  await mkdir(dir, { recursive: true });
  const target = join(dir, `${prefix}-${stamp(new Date())}.json`);
  await copyDurably(storePath, target);
  return target;
}

/** What an interrupted copy leaves in `backups/`: never a backup's name (see `copyDurably`). */
const TEMP_COPY = /^\..+\.tmp$/;

/**
 * Copy a file under a backup's name whole or not at all: into a temp file beside it, flushed,
 * then renamed, and the folder flushed. Copied straight to its name, a copy cut short by a crash
 * or power cut was left as a damaged backup among the good ones (and counted as one of the ten).
 */
async function copyDurably(source: string, target: string): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await copyFile(source, tmp);
    const handle = await open(tmp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await commitTempFile(tmp, target);
}

/**
 * Remove what interrupted backup copies left in `backups/`. Called with the lock held, when no
 * copy of this process is under way.
 */
export async function removeLeftoverBackupCopies(dataDir: string): Promise<void> {
  const dir = join(dataDir, BACKUP_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => TEMP_COPY.test(n)).map((n) => unlink(join(dir, n)).catch(() => {})),
  );
}

/** When a backup was taken, from its name; null for a name this app did not write. */
export function backupTime(path: string): Date | null {
  const m = /-(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.json$/.exec(path);
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Which backups to keep (paths newest first in, the ones to keep out): the newest `keep`, plus
 * the newest of each of the last `days` days, so a mistake noticed days later can still be
 * undone while a busy day cannot push every older state out.
 */
export function backupsToKeep(
  newestFirst: readonly string[],
  now: Date,
  keep = BACKUPS_KEPT,
  days = DAILY_BACKUP_DAYS,
): Set<string> {
  const kept = new Set(newestFirst.slice(0, keep));
  const oldest = now.getTime() - days * 86_400_000;
  const seenDays = new Set<string>();
  for (const path of newestFirst) {
    const time = backupTime(path);
    if (!time || time.getTime() < oldest) continue;
    const day = time.toISOString().slice(0, 10);
    if (seenDays.has(day)) continue;
    seenDays.add(day);
    kept.add(path);
  }
  return kept;
}

/** Bytes compared at a time by `sameContent`. */
const COMPARE_CHUNK = 1 << 20;

/**
 * Whether two files hold the same bytes, read a chunk at a time: comparing a 68 MB notebook
 * with its newest backup in one go held the main thread ~200 ms at start-up (and both files in
 * memory at once).
 */
async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  const [ha, hb] = await Promise.all([open(a, 'r'), open(b, 'r')]);
  try {
    const ba = Buffer.alloc(COMPARE_CHUNK);
    const bb = Buffer.alloc(COMPARE_CHUNK);
    for (let position = 0; position < sa.size; position += COMPARE_CHUNK) {
      const [ra, rb] = await Promise.all([
        ha.read(ba, 0, COMPARE_CHUNK, position),
        hb.read(bb, 0, COMPARE_CHUNK, position),
      ]);
      if (ra.bytesRead !== rb.bytesRead) return false;
      if (!ba.subarray(0, ra.bytesRead).equals(bb.subarray(0, rb.bytesRead))) return false;
      if (ra.bytesRead === 0) break;
    }
    return true;
  } finally {
    await Promise.all([ha.close(), hb.close()]);
  }
}

/**
 * Copy the store into the rolling backups (names sort by time) and prune what the retention
 * rule no longer keeps. Called at start-up with a good store, at most every ten minutes while
 * the notebook is being edited, before a restore, and at a clean close.
 */
export async function backupStore(
  storePath: string,
  dataDir: string,
  now = new Date(),
  keep = BACKUPS_KEPT,
): Promise<string> {
  const dir = join(dataDir, BACKUP_DIR);
  await mkdir(dir, { recursive: true });
  // A copy identical to the newest backup adds nothing and would push an older state out.
  const [newest] = await listBackups(dataDir);
  if (newest && (await sameContent(storePath, newest))) return newest;
  const target = join(dir, `notebook-${stamp(now)}.json`);
  await copyDurably(storePath, target);
  const all = await listBackups(dataDir);
  const kept = backupsToKeep(all, now, keep);
  await Promise.all(all.filter((p) => !kept.has(p)).map((p) => unlink(p).catch(() => {})));
  return target;
}

/** Every backup in the folder, newest first, with what it holds. */
export async function describeBackups(dataDir: string): Promise<BackupInfo[]> {
  const dir = join(dataDir, BACKUP_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const infos = await Promise.all(
    names
      .filter((name) => name.endsWith('.json'))
      .map(async (name): Promise<BackupInfo> => {
        const path = join(dir, name);
        const bytes = (await stat(path)).size;
        let counts: BackupInfo['counts'] = null;
        try {
          const data = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
          const length = (key: string) => (Array.isArray(data[key]) ? data[key].length : 0);
          counts = {
            documents: length('documents'),
            annotations: length('annotations'),
            notes: length('notes'),
          };
        } catch {
          // Listed anyway, as unreadable: choosing it explains why.
        }
        return {
          name,
          takenAt: backupTime(name)?.toISOString() ?? null,
          kind: name.startsWith('notebook-')
            ? 'rolling'
            : name.startsWith('pre-migration-')
              ? 'before-migration'
              : name.startsWith('pre-quarantine-')
                ? 'before-repair'
                : name.startsWith('pre-restore-')
                  ? 'before-restore'
                  : 'other',
          bytes,
          counts,
        };
      }),
  );
  return infos.sort((a, b) => (b.takenAt ?? '').localeCompare(a.takenAt ?? ''));
}

/** The path of a backup named by the page, only if it is one of this folder's backups. */
export async function backupPath(dataDir: string, name: string): Promise<string | null> {
  const dir = join(dataDir, BACKUP_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.includes(name) && name.endsWith('.json') ? join(dir, name) : null;
}
