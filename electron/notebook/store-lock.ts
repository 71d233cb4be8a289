import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { NotebookError } from '../../shared/result.ts';

export const LOCK_FILE = 'notebook.lock';
/** The holder touches the lock this often… */
export const LOCK_HEARTBEAT_MS = 30_000;
/** …so a lock untouched for this long was left by a crash, whatever its pid now names. */
export const LOCK_STALE_MS = 2 * 60_000;

interface LockInfo {
  pid: number;
  host: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? { pid: value.pid, host: value.host }
      : null;
  } catch {
    return null;
  }
}

/** A lock whose holder has gone: dead pid on this machine, or no heartbeat for a while. */
async function isStale(path: string, text: string, now: number): Promise<boolean> {
  const info = parseLock(text);
  if (!info) return true;
  const age = now - (await stat(path)).mtimeMs;
  if (age > LOCK_STALE_MS) return true;
  return info.host === hostname() && !isRunning(info.pid);
}

/**
 * One writer per store, whatever process it is (a second app instance with another profile, the
 * command line). The holder refreshes the lock's time stamp; a lock from a process that died, or
 * one nobody has touched for two minutes, is taken over. Returns the release function.
 */
export async function acquireStoreLock(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(mine);
      await handle.close();
      const heartbeat = setInterval(() => {
        const now = new Date();
        utimes(path, now, now).catch(() => {});
      }, LOCK_HEARTBEAT_MS);
      heartbeat.unref();
      return async () => {
        clearInterval(heartbeat);
        // Remove it only if it is still ours.
        if ((await readFile(path, 'utf8').catch(() => '')) === mine)
          await unlink(path).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text === null) continue; // released meanwhile
      if (!(await isStale(path, text, Date.now()))) {
        const holder = parseLock(text);
        throw new NotebookError(
          'conflict',
          `This notebook (${dataDir}) is open in another Marginalia process${holder ? ` (pid ${holder.pid} on ${holder.host})` : ''}. ` +
            `Close it first. If no other Marginalia is running, delete ${path} and try again.`,
        );
      }
      // Take a stale lock over only if nobody replaced it since we read it.
      if ((await readFile(path, 'utf8').catch(() => null)) === text)
        await unlink(path).catch(() => {});
    }
  }
  throw new NotebookError(
    'conflict',
    `Could not lock the notebook in ${dataDir}; delete ${path} if no Marginalia is running.`,
  );
}
