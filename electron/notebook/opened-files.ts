import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCommand } from '../../shared/contract.ts';
import { PACKAGE_EXTENSION } from '../../shared/rounds/files.ts';

/**
 * Files the system asks Marginalia to open (double-clicked, "Open with", dropped on the dock
 * icon, or handed over by a second launch): which are files at all, and which command of the
 * app takes each kind, so every one goes through the flow the menu uses (progress, the report,
 * Undo), never around it.
 */
export type OpenedKind = Extract<
  AppCommand,
  'import-files' | 'import-other' | 'restore' | 'open-package'
>;

const DOCUMENTS = new Set(['.pdf', '.md', '.markdown', '.html', '.htm', '.xhtml', '.txt', '.text']);
const EXCHANGE = new Set(['.qdpx', '.qdc', '.qde']);

/** The start of a file, to tell a Marginalia backup from another tool's JSON. */
function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function kindOfOpenedFile(
  path: string,
  start: () => string = () => head(path),
): OpenedKind | null {
  const ext = extname(path).toLowerCase();
  if (DOCUMENTS.has(ext)) return 'import-files';
  if (EXCHANGE.has(ext)) return 'import-other';
  if (ext === `.${PACKAGE_EXTENSION}`) return 'open-package';
  if (ext === '.json')
    return /"format"\s*:\s*"marginalia-backup"/.test(start()) ? 'restore' : 'import-other';
  return null;
}

/** A `file:` URL as a path; anything else (or a URL that names no local file) as it is. */
function localPath(arg: string): string {
  if (!/^file:/i.test(arg)) return arg;
  try {
    return fileURLToPath(arg);
  } catch {
    return arg;
  }
}

/**
 * The files among a launch's arguments (the app's own path, flags and anything that is not an
 * existing file are not), resolved against the folder it was launched from. Linux desktops
 * hand files over as `file://` URLs (the desktop entry's `%U`), so those are turned into paths.
 */
export function filesInArguments(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-'))
    .map(localPath)
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)))
    .filter((path) => {
      try {
        return existsSync(path) && statSync(path).isFile();
      } catch {
        return false;
      }
    });
}

/**
 * The files grouped by the command that takes them, in the order they came: documents go
 * together (one import, one report); another tool's file, a backup or a package, one at a time.
 */
export function planOpenedFiles(
  paths: readonly string[],
  kind = kindOfOpenedFile,
): { command: OpenedKind; paths: string[] }[] {
  const plan: { command: OpenedKind; paths: string[] }[] = [];
  for (const path of paths) {
    const command = kind(path);
    if (!command) continue;
    const documents = plan.find((p) => p.command === 'import-files');
    if (command === 'import-files' && documents) documents.paths.push(path);
    else plan.push({ command, paths: [path] });
  }
  return plan;
}
