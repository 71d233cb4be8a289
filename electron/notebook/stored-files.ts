import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NotebookError } from '../../shared/result.ts';
import { commitTempFile } from './durable-json-file.ts';

/**
 * Files a notebook keeps as they came (a PDF's bytes), once each, named by their SHA-256 in the
 * notebook folder's `files/`. They never change once written, so backups and a later sync can
 * share them, and the JSON store holds only the hash.
 */
export const FILES_DIR = 'files';

export const filesDirIn = (dataDir: string) => join(dataDir, FILES_DIR);

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const storedPdfPath = (filesDir: string, hash: string) => join(filesDir, `${hash}.pdf`);

/**
 * Write bytes under their hash unless a whole copy is there already: temp file, fsync, rename,
 * fsync of the folder, so a crash leaves either no file or the whole one.
 */
export async function keepPdf(filesDir: string, hash: string, bytes: Uint8Array): Promise<void> {
  const path = storedPdfPath(filesDir, hash);
  const existing = await stat(path).catch(() => null);
  if (existing?.size === bytes.length) return;
  await mkdir(filesDir, { recursive: true });
  const tmp = join(filesDir, `.${hash}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await commitTempFile(tmp, path);
}

/** A kept PDF's bytes, checked against their hash (a damaged copy is named, never shown). */
export async function readKeptPdf(filesDir: string, hash: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(storedPdfPath(filesDir, hash));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotebookError(
        'not-found',
        `The PDF's file (files/${hash}.pdf) is missing from the notebook folder. Import the PDF again to bring it back; its highlights are kept.`,
      );
    }
    throw error;
  }
  if (sha256Hex(bytes) !== hash) {
    throw new NotebookError(
      'conflict',
      `The PDF's file (files/${hash}.pdf) is damaged: its content no longer matches its name. Import the PDF again to replace it; its highlights are kept.`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
