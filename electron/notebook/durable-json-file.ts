import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter that is durable, not only atomic: write a temp file, fsync it, rename it over
 * the store, then fsync the folder so the rename itself survives a power cut. lowdb's own
 * JSONFile skips both fsyncs. Reading returns the parsed JSON (or null when there is no file)
 * and throws on a file that does not parse, so the store can recover instead of starting empty.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }

  /** lowdb's contract: null when there is no file. Validation is the caller's job. */
  async read(): Promise<T | null> {
    const file = await readJsonFile(this.path);
    return file.found ? (file.value as T) : null;
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.path, `${JSON.stringify(data, null, 1)}\n`);
  }
}

/**
 * Read and parse a JSON file, telling "no file" apart from a file holding `null` (which lowdb
 * would silently treat as empty). Throws SyntaxError on a damaged file.
 */
export async function readJsonFile(
  path: string,
): Promise<{ found: false } | { found: true; value: unknown }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    throw error;
  }
  return { found: true, value: JSON.parse(text) };
}

export async function writeFileDurably(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await commitTempFile(tmp, path);
}

/**
 * Put a finished, synced temp file in place of `path` in one rename, then sync the folder so the
 * rename itself survives a power cut. A failed rename removes the temp file.
 */
export async function commitTempFile(tmp: string, path: string): Promise<void> {
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await syncFolder(dirname(path));
}

export async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
