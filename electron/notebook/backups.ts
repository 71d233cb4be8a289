import { copyFile, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
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

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  const [ca, cb] = await Promise.all([readFile(a), readFile(b)]);
  return ca.equals(cb);
}

/**
 * Copy the store into the rolling backups (names sort by time) and prune the oldest. Called at
 * start-up with a good store, at most every half hour while the app runs, and at a clean close.
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
  await Promise.all(all.slice(keep).map((p) => unlink(p).catch(() => {})));
  return target;
}
