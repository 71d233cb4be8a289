import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { NotebookError } from '../../shared/result.ts';

export const LOCK_FILE = 'notebook.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per store, whatever process it is (a second app instance with another profile, the
 * command line). A lock left by a process that no longer runs is taken over.
 */
export async function acquireStoreLock(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await unlink(path).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && isRunning(holder)) {
        throw new NotebookError(
          'conflict',
          `This notebook (${dataDir}) is open in another Marginalia process (pid ${holder}). Close it first.`,
        );
      }
      await unlink(path).catch(() => {});
    }
  }
  throw new NotebookError('conflict', `Could not lock the notebook in ${dataDir}.`);
}
