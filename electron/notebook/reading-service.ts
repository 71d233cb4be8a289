import { join } from 'node:path';
import type { NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import type { ReadingStates } from '../../shared/reading/reading-state.ts';
import { readReadingStates } from '../../shared/reading/reading-state-schema.ts';
import { NotebookError } from '../../shared/result.ts';
import { readSideFile, sideFileWriter } from './side-file.ts';

export const READING_FILE = 'reading.json';
/** Scrolling reports a place every second or so; the file is written at most this often. */
const WRITE_DELAY_MS = 1500;

type ReadingHandlers = Pick<NotebookHandlers, 'saveReadingState'> & {
  getReadingStates(input: Record<string, never>): ReadingStates;
};

/**
 * Where each document was read, in `reading.json` beside the store: personal, frequent and
 * small, so it stays out of the notebook's journal (a scroll is not an edit) and its backups.
 */
export async function createReadingService(
  dataDir: string,
  emit: (event: NotebookEvent) => void,
  options: { readOnly?: boolean; now: () => string; hasDocument: (id: string) => boolean },
): Promise<ReadingHandlers & { flush(): Promise<void> }> {
  const path = join(dataDir, READING_FILE);
  let states: ReadingStates = {};
  // A damaged file loses only places to resume from; it is kept aside all the same.
  // Reading places are never worth failing to open the notebook over.
  const file = await readSideFile(path, { readOnly: options.readOnly }).catch((error: unknown) => {
    console.warn('[reading] could not read reading places', error);
    return { kind: 'missing' } as const;
  });
  if (file.kind === 'read') states = readReadingStates(file.value).states;
  const writeFile = sideFileWriter(path);
  let timer: ReturnType<typeof setTimeout> | null = null;
  // After the notebook closes (a window still scrolling as the app quits), nothing is written.
  let closed = false;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = null;
    writing = writeFile(`${JSON.stringify(states)}\n`).catch((error: unknown) =>
      console.warn('[reading] could not save reading places', error),
    );
    return writing;
  };

  return {
    getReadingStates() {
      return states;
    },
    saveReadingState({ documentId, position, progress }) {
      if (options.readOnly)
        throw new NotebookError('unavailable', 'This notebook is open read-only.');
      // Only documents of this notebook: the file cannot be filled with made-up ids.
      if (!options.hasDocument(documentId))
        throw new NotebookError('not-found', 'That document is no longer in the notebook.');
      const state = { position, progress, openedAt: options.now() };
      states = { ...states, [documentId]: state };
      emit({ type: 'reading', documentId, state });
      if (!closed) timer ??= setTimeout(write, WRITE_DELAY_MS);
      return state;
    },
    /** Write what is pending and stop writing: the notebook is closing. */
    async flush() {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        await write();
      } else await writing;
    },
  };
}
