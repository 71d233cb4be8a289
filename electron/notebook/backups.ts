import { copyFile, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

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
  return names
    .filter((n) => n.startsWith('notebook-') && n.endsWith('.json'))
    .sort()
    .reverse()
    .map((n) => join(dir, n));
}

/** When a backup was taken, from its name; null for a name this app did not write. */
export function backupTime(path: string): Date | null {
  const m = /notebook-(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.json$/.exec(path);
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

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  const [ca, cb] = await Promise.all([readFile(a), readFile(b)]);
  return ca.equals(cb);
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
  await copyFile(storePath, target);
  const all = await listBackups(dataDir);
  const kept = backupsToKeep(all, now, keep);
  await Promise.all(all.filter((p) => !kept.has(p)).map((p) => unlink(p).catch(() => {})));
  return target;
}
