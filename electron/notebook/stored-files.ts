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

/** What the notebook keeps: PDFs, and PNGs of area highlights as drawn. */
export type KeptKind = 'pdf' | 'png';

export const keptFilePath = (filesDir: string, hash: string, kind: KeptKind) =>
  join(filesDir, `${hash}.${kind}`);

/** A PDF's bytes, kept under their hash. */
export const keepPdf = (filesDir: string, hash: string, bytes: Uint8Array) =>
  keepFile(filesDir, hash, bytes, 'pdf');

/**
 * Write bytes under their hash unless a whole copy is there already: temp file, fsync, rename,
 * fsync of the folder, so a crash leaves either no file or the whole one.
 */
export async function keepFile(
  filesDir: string,
  hash: string,
  bytes: Uint8Array,
  kind: KeptKind,
): Promise<void> {
  const path = keptFilePath(filesDir, hash, kind);
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

/** A kept PDF's bytes, checked against their hash. */
export const readKeptPdf = (filesDir: string, hash: string) => readKeptFile(filesDir, hash, 'pdf');

/** A kept file's bytes, checked against their hash (a damaged copy is named, never shown). */
export async function readKeptFile(
  filesDir: string,
  hash: string,
  kind: KeptKind,
): Promise<Uint8Array> {
  const name = `files/${hash}.${kind}`;
  const what = kind === 'pdf' ? "The PDF's file" : "An area highlight's picture";
  const fix =
    kind === 'pdf'
      ? 'Import the PDF again to bring it back; its highlights are kept.'
      : 'Draw the area again to replace it.';
  let bytes: Buffer;
  try {
    bytes = await readFile(keptFilePath(filesDir, hash, kind));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotebookError(
        'not-found',
        `${what} (${name}) is missing from the notebook folder. ${fix}`,
      );
    }
    throw error;
  }
  if (sha256Hex(bytes) !== hash) {
    throw new NotebookError(
      'conflict',
      `${what} (${name}) is damaged: its content no longer matches its name. ${fix}`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
