import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readExportFolder, writeExportFolder } from '../../electron/notebook/export-folder.ts';
import type { NotebookHost } from '../../electron/notebook/host.ts';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract.ts';
import { MY_NOTES_END, MY_NOTES_START } from '../../shared/export/obsidian/my-notes.ts';
import { obsidianVault } from '../../shared/export/obsidian/vault.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import type { NotebookFailure, Result } from '../../shared/result.ts';
import { obsidianFixture } from '../fixtures/export/obsidian.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();
const NOW = '2026-11-24T10:00:00.000Z';
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((notebook) => notebook.close()));
});

const DOC = "Documents/Afghan officials reject Trump's demands to return Bagram Air Base.md";
const EXPORT = { jobId: 'vault', format: 'obsidian', scope: { kind: 'notebook' } } as const;

/** A real notebook holding the Obsidian fixture, whose folder dialog answers `host.folder`. */
async function open() {
  const dataDir = await tempDir();
  const vaultDir = await tempDir();
  const host = { folder: null as string | null, shown: [] as string[] };
  const fake: Partial<NotebookHost> = {
    chooseExportFolder: async () => host.folder,
    showItemInFolder: async (path) => {
      host.shown.push(path);
    },
  };
  const notebook = await openNotebook({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    host: fake,
    store: { writeDelayMs: 0 },
    now: () => NOW,
  });
  opened.push(notebook);
  await notebook.restores.apply(obsidianFixture(), 'replace');
  return { notebook, dataDir, vaultDir, host };
}

async function call<M extends MethodName>(notebook: Notebook, method: M, input: MethodInput<M>) {
  const result = (await notebook.dispatch(method, input)) as Result<MethodResult<M>>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}

async function failure<M extends MethodName>(
  notebook: Notebook,
  method: M,
  input: MethodInput<M>,
): Promise<NotebookFailure> {
  const result = await notebook.dispatch(method, input);
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}

/** Every file under a folder, by its path inside it. */
async function filesIn(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(
      full
        .slice(dir.length + 1)
        .split(/[\\/]/)
        .join('/'),
      await readFile(full, 'utf8'),
    );
  }
  return files;
}

describe('exporting an Obsidian vault through the core', () => {
  it('writes a file per document and note into the chosen folder, byte for byte', async () => {
    const { notebook, vaultDir, host } = await open();
    host.folder = vaultDir;
    const result = await call(notebook, 'exportNotebook', EXPORT);
    const expected = obsidianVault(
      selectForExport(notebook.store.data, { kind: 'notebook' }, NOW),
      new Map(),
      { includeNotes: true },
    ).files;
    const written = await filesIn(vaultDir);
    expect(written).toEqual(expected);
    expect(result).toMatchObject({
      status: 'saved',
      path: vaultDir,
      documents: 4,
      quotes: 6,
      notes: 3,
      folder: { written: 7, updated: 0, unchanged: 0, setAside: [] },
    });
    if (result.status === 'saved')
      expect(result.bytes).toBe(
        [...written.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0),
      );
    // The folder can be shown, as an exported file can.
    await call(notebook, 'showExportedFile', { path: vaultDir });
    expect(host.shown).toEqual([vaultDir]);
  });

  it('updates in place, keeps "my notes" byte for byte, and leaves unchanged files alone', async () => {
    const { notebook, vaultDir, host } = await open();
    host.folder = vaultDir;
    await call(notebook, 'exportNotebook', EXPORT);
    const path = join(vaultDir, ...DOC.split('/'));
    const mine = 'Thoughts, with a CRLF\r\nand [[links]] ^blk\n';
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(`${MY_NOTES_START}\n\n`, `${MY_NOTES_START}\n${mine}`));
    const before = await lstat(join(vaultDir, 'Notes', 'Defiance, in their own words.md'));
    // An edit in the notebook, then the same export again.
    await call(notebook, 'updateAnnotation', { id: 'q-mujahid', comment: 'Edited in Marginalia.' });
    const again = await call(notebook, 'exportNotebook', { ...EXPORT, jobId: 'again' });
    expect(again).toMatchObject({ folder: { written: 0, updated: 1, unchanged: 6 } });
    const updated = await readFile(path, 'utf8');
    expect(updated).toContain('> Edited in Marginalia.');
    expect(updated).toContain(`${MY_NOTES_START}\n${mine}${MY_NOTES_END}\n`);
    const after = await lstat(join(vaultDir, 'Notes', 'Defiance, in their own words.md'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    // No temp files are left.
    expect([...(await filesIn(vaultDir)).keys()].some((p) => p.includes('.partial'))).toBe(false);
  });

  it('keeps a file whose markers were broken beside the new one, and says so', async () => {
    const { notebook, vaultDir, host } = await open();
    host.folder = vaultDir;
    await call(notebook, 'exportNotebook', EXPORT);
    const path = join(vaultDir, ...DOC.split('/'));
    const broken = (await readFile(path, 'utf8')).replace(MY_NOTES_START, 'my own words instead');
    await writeFile(path, broken);
    const result = await call(notebook, 'exportNotebook', { ...EXPORT, jobId: 'again' });
    const copy = path.replace(/\.md$/, ' (before re-export).md');
    expect(result).toMatchObject({
      folder: { written: 1, updated: 1, setAside: [{ path, copy }] },
    });
    expect(await readFile(copy, 'utf8')).toBe(broken);
    expect(await readFile(path, 'utf8')).toContain(MY_NOTES_START);
  });

  it('answers "cancelled" and writes nothing when the folder dialog is dismissed', async () => {
    const { notebook, vaultDir } = await open();
    expect(await call(notebook, 'exportNotebook', EXPORT)).toEqual({ status: 'cancelled' });
    expect(await readdir(vaultDir)).toEqual([]);
  });

  it('stops between files when cancelled; the files written are whole', async () => {
    const { notebook, vaultDir } = await open();
    const vault = obsidianVault(
      selectForExport(notebook.store.data, { kind: 'notebook' }, NOW),
      new Map(),
      { includeNotes: true },
    );
    let done = 0;
    const result = await writeExportFolder(
      vaultDir,
      vault,
      () => done >= 2,
      (d) => {
        done = d;
      },
    );
    expect(result).toBeNull();
    const written = await filesIn(vaultDir);
    expect(written.size).toBe(2);
    for (const [path, text] of written) expect(text).toBe(vault.files.get(path));
  });

  it('never exports into the notebook’s own folder, nor through a link out of the chosen one', async () => {
    const { notebook, dataDir, vaultDir, host } = await open();
    for (const folder of [dataDir, join(dataDir, 'backups')]) {
      host.folder = folder;
      const error = await failure(notebook, 'exportNotebook', EXPORT);
      expect(error.code).toBe('invalid-input');
      expect(error.message).toContain('notebook’s own folder');
    }
    // A vault whose Notes folder is a link to the notebook's folder.
    await symlink(dataDir, join(vaultDir, 'Notes'), 'dir');
    host.folder = vaultDir;
    const error = await failure(notebook, 'exportNotebook', EXPORT);
    expect(error.code).toBe('invalid-input');
    expect(await readdir(dataDir)).not.toContain('Defiance, in their own words.md');
    // A missing folder is named.
    host.folder = join(vaultDir, 'missing');
    expect((await failure(notebook, 'exportNotebook', EXPORT)).message).toContain('not a folder');
  });

  it('never reads or writes through a linked file: its name stays taken', async () => {
    const { notebook, vaultDir, host } = await open();
    const outside = join(await tempDir(), 'secret.md');
    await writeFile(outside, '---\nmarginalia-id: doc-bagram\nmarginalia-type: document\n---\n');
    await mkdir(join(vaultDir, 'Documents'));
    await symlink(outside, join(vaultDir, ...DOC.split('/')));
    expect((await readExportFolder(vaultDir)).get(DOC)).toBe('');
    host.folder = vaultDir;
    await call(notebook, 'exportNotebook', EXPORT);
    expect(await readFile(outside, 'utf8')).toBe(
      '---\nmarginalia-id: doc-bagram\nmarginalia-type: document\n---\n',
    );
    expect((await lstat(join(vaultDir, ...DOC.split('/')))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(vaultDir, DOC.replace('.md', ' 2.md')), 'utf8')).toContain(
      'marginalia-id: doc-bagram\n',
    );
  });

  it('leaves out notes when asked', async () => {
    const { notebook, vaultDir, host } = await open();
    host.folder = vaultDir;
    const result = await call(notebook, 'exportNotebook', {
      ...EXPORT,
      options: { includeNotes: false },
    });
    expect(result).toMatchObject({ notes: 0, folder: { written: 4 } });
    expect(await readdir(vaultDir)).toEqual(['Documents']);
  });
});
