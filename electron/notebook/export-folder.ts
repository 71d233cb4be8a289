import { lstat, mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENTS_FOLDER, NOTES_FOLDER } from '../../shared/export/obsidian/names.ts';
import type { ObsidianVault } from '../../shared/export/obsidian/vault.ts';
import { NotebookError } from '../../shared/result.ts';
import { checkExportTarget, writeExportFile } from './export-file.ts';

/** The folders a vault export writes into, inside the folder the user chose. */
const VAULT_FOLDERS = [DOCUMENTS_FOLDER, NOTES_FOLDER] as const;
/** A Markdown file larger than this is not read (not one of ours): its name stays taken. */
const MAX_READ_BYTES = 16 * 1024 * 1024;

/**
 * The folder a folder export goes into, as a real path: it must exist and be a folder, and
 * neither it nor the folders the export writes in may be (or lie inside) the notebook's own.
 */
export async function checkExportFolder(folder: string, dataDir: string): Promise<string> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory())
    throw new NotebookError(
      'invalid-input',
      `${folder} is not a folder; choose a folder to export into.`,
    );
  const root = await realpath(folder);
  await checkExportTarget(join(root, 'x.md'), dataDir);
  for (const sub of VAULT_FOLDERS) await checkExportTarget(join(root, sub, 'x.md'), dataDir);
  return root;
}

/**
 * The Markdown files already in the export's folders (`Documents/`, `Notes/`, not below), by
 * their path inside `root` (`Documents/Title.md`), to find the files an earlier export wrote. A
 * link, anything that is not a plain file, and a file too large to be ours are listed with no
 * text: their names stay taken, so they are never written over. The export's folders must be
 * real folders: a link there could lead the export out of the folder the user chose.
 */
export async function readExportFolder(root: string): Promise<Map<string, string>> {
  const existing = new Map<string, string>();
  for (const sub of VAULT_FOLDERS) {
    const dir = join(root, sub);
    const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!info) continue;
    if (!info.isDirectory())
      throw new NotebookError(
        'invalid-input',
        `“${sub}” in ${root} is ${info.isSymbolicLink() ? 'a link' : 'a file'}, not a folder; choose another folder or move it away.`,
      );
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!/\.md$/i.test(entry.name)) continue;
      const path = `${sub}/${entry.name}`;
      if (!entry.isFile()) {
        existing.set(path, '');
        continue;
      }
      const file = join(dir, entry.name);
      const size = (await lstat(file)).size;
      existing.set(path, size > MAX_READ_BYTES ? '' : await readFile(file, 'utf8'));
    }
  }
  return existing;
}

export interface FolderWrite {
  bytes: number;
  written: number;
  updated: number;
  unchanged: number;
}

/**
 * Write a vault's new and changed files under `root`, each atomically (a temp file beside it,
 * synced, renamed over it), set-aside copies before the files that replace their originals.
 * Unchanged files are not touched. Stops between files when `cancelled()` says so (returning
 * null); the files written by then are whole.
 */
export async function writeExportFolder(
  root: string,
  vault: ObsidianVault,
  cancelled: () => boolean,
  progress?: (done: number, total: number) => void,
): Promise<FolderWrite | null> {
  const result: FolderWrite = { bytes: 0, written: 0, updated: 0, unchanged: 0 };
  const pending = [...vault.files].filter(([path]) => vault.status.get(path) !== 'unchanged');
  result.unchanged = vault.files.size - pending.length;
  const made = new Set<string>();
  let done = 0;
  for (const [path, text] of pending) {
    if (cancelled()) return null;
    const parts = path.split('/');
    if (parts.length !== 2 || !(VAULT_FOLDERS as readonly string[]).includes(parts[0]!))
      throw new NotebookError(
        'internal',
        `Refusing to write ${path} outside the export's folders.`,
      );
    const dir = join(root, parts[0]!);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    const bytes = await writeExportFile(join(dir, parts[1]!), [text], cancelled);
    if (bytes === null) return null;
    result.bytes += bytes;
    if (vault.status.get(path) === 'updated') result.updated++;
    else result.written++;
    progress?.(++done, pending.length);
  }
  progress?.(pending.length, pending.length);
  return result;
}
