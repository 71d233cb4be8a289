import { randomUUID } from 'node:crypto';
import { link, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
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
  since?: string;
  token?: string;
}

/** Tokens of the locks this process holds (one naming our pid that is not here is a crash's). */
const heldHere = new Set<string>();

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
      ? { pid: value.pid, host: value.host, since: value.since, token: value.token }
      : null;
  } catch {
    return null;
  }
}

/**
 * A lock whose holder has gone: no heartbeat for a while, or on this machine a pid that is dead,
 * is this very process (which does not hold it), or was taken before the machine last started
 * (pids are reused after a reboot, in containers often the same one).
 */
async function isStale(path: string, text: string, now: number): Promise<boolean> {
  const info = parseLock(text);
  if (!info) return true;
  const age = now - (await stat(path)).mtimeMs;
  if (age > LOCK_STALE_MS) return true;
  if (info.host !== hostname()) return false;
  if (info.pid === process.pid) return !(info.token && heldHere.has(info.token));
  const since = info.since ? Date.parse(info.since) : Number.NaN;
  if (since < now - uptime() * 1000) return true;
  return !isRunning(info.pid);
}

/**
 * One writer per store, whatever process it is (a second app instance with another profile, the
 * command line). The holder refreshes the lock's time stamp; a lock from a process that died, or
 * one nobody has touched for two minutes, is taken over. Returns the release function.
 */
export async function acquireStoreLock(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  const token = randomUUID();
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token,
  });
  const draft = join(dataDir, `.${LOCK_FILE}.${token}.tmp`);
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written whole beside it, then linked into place in one step that fails if a lock is
    // there: nobody ever reads a half-written lock and takes it for a stale one.
    await writeFile(draft, mine);
    let linked = false;
    try {
      await link(draft, path);
      linked = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(draft).catch(() => {});
    }
    if (linked) {
      heldHere.add(token);
      const heartbeat = setInterval(() => {
        const now = new Date();
        utimes(path, now, now).catch(() => {});
      }, LOCK_HEARTBEAT_MS);
      heartbeat.unref();
      return async () => {
        clearInterval(heartbeat);
        heldHere.delete(token);
        // Remove it only if it is still ours.
        if ((await readFile(path, 'utf8').catch(() => '')) === mine)
          await unlink(path).catch(() => {});
      };
    }
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
    // Take a stale lock over: move it aside (only one process can move this very file), and
    // if what was moved is not the lock judged stale, someone took it over meanwhile: put it back.
    const aside = join(dataDir, `.${LOCK_FILE}.${token}.stale`);
    try {
      await rename(path, aside);
    } catch {
      continue;
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== text) await link(aside, path).catch(() => {});
    await unlink(aside).catch(() => {});
  }
  throw new NotebookError(
    'conflict',
    `Could not lock the notebook in ${dataDir}; delete ${path} if no Marginalia is running.`,
  );
}
