import type { AppCommand } from '../../shared/contract.ts';
import { planOpenedFiles } from '../notebook/opened-files.ts';

/** How long the page gets to mount its listeners after loading, before a command is sent. */
const SETTLE_MS = 400;

/**
 * Files handed to the app, one kind at a time: the command for the first group is sent, the
 * Open dialog it shows is answered with that group's files (`take`), and the next group goes
 * once that one has been taken. Nothing is sent before the page is ready.
 */
export function createOpenedFilesQueue(send: (command: AppCommand) => void) {
  const queue: { command: AppCommand; paths: string[] }[] = [];
  let current: string[] | null = null;
  let isReady = false;

  const next = () => {
    if (!isReady || current || queue.length === 0) return;
    const step = queue.shift()!;
    current = step.paths;
    send(step.command);
  };

  return {
    add(paths: readonly string[]) {
      queue.push(...planOpenedFiles(paths));
      next();
    },
    ready() {
      setTimeout(() => {
        isReady = true;
        next();
      }, SETTLE_MS);
    },
    /** The files the pending command's Open dialog answers with (once), else null. */
    take: (): string[] | null => {
      const paths = current;
      current = null;
      if (paths) setTimeout(next, SETTLE_MS);
      return paths;
    },
  };
}
