import { randomBytes } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { commitTempFile } from './durable-json-file.ts';

/** Write about this much at a time, and give other work a turn at least this often. */
const BUFFER_CHARS = 256 * 1024;
const SLICE_MS = 12;

/**
 * Write an export's pieces to `path` as one durable, atomic file: a temp file beside it, synced,
 * then renamed over the target. Between slices of work it yields to the event loop (so progress
 * reaches the window and a cancel gets in) and stops when `cancelled()` says so, leaving no
 * partial file behind. Returns the bytes written, or null when cancelled.
 */
export async function writeExportFile(
  path: string,
  pieces: Iterable<string>,
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
