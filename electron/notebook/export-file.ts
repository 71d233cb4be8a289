import { randomBytes } from 'node:crypto';
import { open, realpath, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { NotebookError } from '../../shared/result.ts';
import { commitTempFile } from './durable-json-file.ts';

/** Write about this much at a time, and give other work a turn at least this often. */
const BUFFER_CHARS = 256 * 1024;
const SLICE_MS = 12;

/**
 * An export never goes into the notebook's own folder: a file called notebook.json there would
 * replace the notebook, and the lock and backups are not to be touched either.
 */
export async function checkExportTarget(path: string, dataDir: string): Promise<void> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  const folder = await real(dirname(path));
  const inside = relative(await real(dataDir), folder);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw new NotebookError(
      'invalid-input',
      `Exports cannot be saved in the notebook’s own folder (${dataDir}); choose another folder.`,
    );
}

/**
 * Write an export's pieces to `path` as one durable, atomic file: a temp file beside it, synced,
 * then renamed over the target. Between slices of work it yields to the event loop (so progress
 * reaches the window and a cancel gets in) and stops when `cancelled()` says so, leaving no
 * partial file behind. Returns the bytes written, or null when cancelled. Text pieces are written
 * as UTF-8; byte pieces (a picture) as they are.
 */
export async function writeExportFile(
  path: string,
  pieces: Iterable<string | Uint8Array>,
  cancelled: () => boolean,
): Promise<number | null> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  const handle = await open(tmp, 'w');
  let bytes = 0;
  let finished = false;
  try {
    let buffer = '';
    let sliceStart = performance.now();
    for (const piece of pieces) {
      if (typeof piece !== 'string') {
        if (buffer) bytes += (await handle.write(buffer, null, 'utf8')).bytesWritten;
        buffer = '';
        bytes += (await handle.write(piece)).bytesWritten;
        continue;
      }
      buffer += piece;
      if (buffer.length >= BUFFER_CHARS) {
        bytes += (await handle.write(buffer, null, 'utf8')).bytesWritten;
        buffer = '';
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
        if (cancelled()) return null;
      }
    }
    if (cancelled()) return null;
    if (buffer) bytes += (await handle.write(buffer, null, 'utf8')).bytesWritten;
    await handle.sync();
    finished = true;
  } finally {
    await handle.close();
    if (!finished) await unlink(tmp).catch(() => {});
  }
  await commitTempFile(tmp, path);
  return bytes;
}
