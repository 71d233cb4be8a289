import type { AppCommand } from '../../shared/contract.ts';
import { planOpenedFiles } from '../notebook/opened-files.ts';

/** How long the page gets to mount its listeners after loading, before a command is sent. */
const SETTLE_MS = 400;
/**
 * How long a sent command's files wait for its Open dialog. A page that could not take the
 * command (a modal in the way) never asks; without a limit, the user's next Import… minutes
 * later would silently get those files instead of a dialog.
 */
export const ANSWER_WITHIN_MS = 30_000;

/**
 * Files handed to the app, one kind at a time: the command for the first group is sent, the
 * Open dialog it shows is answered with that group's files (`take`), and the next group goes
 * once that one has been taken. Nothing is sent before the page is ready.
 */
export function createOpenedFilesQueue(send: (command: AppCommand) => void) {
  const queue: { command: AppCommand; paths: string[] }[] = [];
  let current: string[] | null = null;
  let expiry: ReturnType<typeof setTimeout> | null = null;
  let isReady = false;

  const next = () => {
    if (!isReady || current || queue.length === 0) return;
    const step = queue.shift()!;
    current = step.paths;
    send(step.command);
    expiry = setTimeout(() => {
      // Not asked for in time: let them go, and go on with the next kind.
      console.warn(`Files opened with the app were not taken by the page: ${current?.join(', ')}`);
      current = null;
      expiry = null;
      next();
    }, ANSWER_WITHIN_MS);
    // A wait, not work: it never keeps the process alive.
    expiry.unref?.();
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
      if (expiry) clearTimeout(expiry);
      expiry = null;
      if (paths) setTimeout(next, SETTLE_MS);
      return paths;
    },
  };
}
