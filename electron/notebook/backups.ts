import { copyFile, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const BACKUP_DIR = 'backups';
export const BACKUPS_KEPT = 10;

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

/**
 * Copy the store into the rolling backups (names sort by time) and prune the oldest. Called at
 * start-up with a good store and at most every `minIntervalMs` while the app runs.
 */
export async function backupStore(
  storePath: string,
  dataDir: string,
  now = new Date(),
  keep = BACKUPS_KEPT,
): Promise<string> {
  const dir = join(dataDir, BACKUP_DIR);
  await mkdir(dir, { recursive: true });
  const target = join(dir, `notebook-${stamp(now)}.json`);
  await copyFile(storePath, target);
  const all = await listBackups(dataDir);
  await Promise.all(all.slice(keep).map((p) => unlink(p).catch(() => {})));
  return target;
}
