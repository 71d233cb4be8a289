import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readJsonFile, writeFileDurably } from './durable-json-file.ts';

/**
 * Files kept beside the store rather than in it (preferences, reading places): read leniently,
 * written durably one after another. Both services share this, so a damaged side file is always
 * handled the same way: renamed aside (never overwritten), and said.
 */

export type SideFileRead =
  | { kind: 'missing' }
  | { kind: 'read'; value: unknown }
  /** Not JSON: `keptAs` is the name it was moved to (null in a read-only notebook). */
  | { kind: 'damaged'; reason: string; keptAs: string | null };

export async function readSideFile(
  path: string,
  options: { readOnly?: boolean } = {},
): Promise<SideFileRead> {
  try {
    const file = await readJsonFile(path);
    return file.found ? { kind: 'read', value: file.value } : { kind: 'missing' };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    if (options.readOnly) return { kind: 'damaged', reason: error.message, keptAs: null };
    const keptAs = `${basename(path, '.json')}.damaged-${Date.now()}.json`;
    await rename(path, join(dirname(path), keptAs));
    return { kind: 'damaged', reason: error.message, keptAs };
  }
}

/** Durable writes of one file, in order: the file always ends as the last write left it. */
export function sideFileWriter(path: string): (text: string) => Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  return (text) => {
    writing = writing.catch(() => {}).then(() => writeFileDurably(path, text));
    return writing;
  };
}
