import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../electron/notebook/app-version.ts';
import { BACKUP_DIR } from '../../electron/notebook/backups.ts';
import { buildBibliography } from '../../electron/notebook/citations/bibliography.ts';
import type { NotebookHost } from '../../electron/notebook/host.ts';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import type {
  MethodInput,
  MethodName,
  MethodResult,
  NotebookEvent,
} from '../../shared/contract.ts';
import { EXPORTERS } from '../../shared/export/formats.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import { DEFAULT_EXPORT_OPTIONS, EXPORT_FORMATS } from '../../shared/export/types.ts';
import type { StoreData } from '../../shared/model.ts';
import type { NotebookFailure, Result } from '../../shared/result.ts';
import { exportFixture } from '../fixtures/export/notebook.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();
const NOW = '2026-11-24T10:00:00.000Z';
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((notebook) => notebook.close()));
});

interface Opened {
  notebook: Notebook;
  dataDir: string;
  outDir: string;
  events: NotebookEvent[];
  host: { savePath: string | null; openPaths: string[]; shown: string[] };
}

/** A real notebook in a temp folder holding the export fixture, with a scripted host. */
async function open(data: StoreData = exportFixture()): Promise<Opened> {
  const dataDir = await tempDir();
  const outDir = await tempDir();
  const host: Opened['host'] = { savePath: null, openPaths: [], shown: [] };
  const fake: Partial<NotebookHost> = {
    chooseSavePath: async () => host.savePath,
    chooseImportFiles: async () => host.openPaths,
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
  await notebook.restores.apply(data, 'replace');
  const events: NotebookEvent[] = [];
  notebook.subscribe((event) => events.push(event));
  return { notebook, dataDir, outDir, events, host };
}

async function call<M extends MethodName>(
  notebook: Notebook,
  method: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
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

/** A notebook big enough that an export takes many slices of work. */
function bigNotebook(quotes: number): StoreData {
  const data = exportFixture();
  const [source] = data.annotations;
  for (let i = 0; i < quotes; i++)
    data.annotations.push({
      ...structuredClone(source!),
      id: `q-bulk-${i}`,
      comment: `Bulk comment ${i}, with "quotes", commas and a line\nbreak.`,
    });
  return data;
}

describe('exporting through the core', () => {
  it('writes each format to the path chosen in the Save dialog, byte for byte', async () => {
    const { notebook, outDir, host } = await open();
    for (const format of EXPORT_FORMATS) {
      host.savePath = join(outDir, `export.${format}`);
      const result = await call(notebook, 'exportNotebook', {
        jobId: `job-${format}`,
        format,
        scope: { kind: 'notebook' },
      });
      expect(result).toMatchObject({ status: 'saved', path: host.savePath, quotes: 5, notes: 2 });
      const written = await readFile(host.savePath);
      // The same selection through the pure exporter gives the same bytes (bar the time stamp):
      // formats that name their author and producer get the coder and this version, and the
      // formats that cite get the bibliography the core formats.
      const picked = selectForExport(notebook.store.data, { kind: 'notebook' }, NOW);
      const markup = { markdown: 'text', html: 'html', bibtex: null, csl: null } as const;
      const selection = {
        ...picked,
        author: (await call(notebook, 'getSettings', {})).settings.coder,
        appVersion: APP_VERSION,
        ...(format in markup
          ? {
              bibliography: buildBibliography(picked.documents, {
                style: 'apa',
                markup: markup[format as keyof typeof markup],
                resourcesDir: RESOURCES_DIR,
              }),
            }
          : {}),
      };
      const pieces = [...EXPORTERS[format](selection, DEFAULT_EXPORT_OPTIONS)];
      const expected = Buffer.concat(pieces.map((p) => Buffer.from(p)));
      expect(written.equals(expected)).toBe(true);
      if (result.status === 'saved') expect(result.bytes).toBe(written.length);
    }
  });

  it('exports the colour names set in preferences (CSV column, Markdown and HTML labels)', async () => {
    const { notebook, outDir, host } = await open();
    await call(notebook, 'updateSettings', { colorNames: { yellow: 'Evidence' } });
    const written: Record<string, string> = {};
    for (const format of ['csv', 'markdown', 'html'] as const) {
      host.savePath = join(outDir, `named.${format}`);
      await call(notebook, 'exportNotebook', {
        jobId: `n-${format}`,
        format,
        scope: { kind: 'notebook' },
      });
      written[format] = await readFile(host.savePath, 'utf8');
    }
    const [header, ...rows] = written.csv!.replace(/^\uFEFF/, '').split('\r\n');
    const colorAt = header!.split(',').indexOf('color');
    expect(header!.split(',')[colorAt + 1]).toBe('color_name');
    expect(rows.some((row) => row.includes(',yellow,Evidence,'))).toBe(true);
    expect(written.markdown).toContain('· Evidence ·');
    expect(written.html).toContain('</span>Evidence</span>');
    expect(written.markdown).not.toContain('· Yellow ·');
  });

  it('leaves no file and answers "cancelled" when the Save dialog is dismissed', async () => {
    const { notebook, outDir, host } = await open();
    host.savePath = null;
    const result = await call(notebook, 'exportNotebook', {
      jobId: 'dismissed',
      format: 'csv',
      scope: { kind: 'notebook' },
    });
    expect(result).toEqual({ status: 'cancelled' });
    expect(await readdir(outDir)).toEqual([]);
  });

  it('reports progress and stops on cancel without leaving a partial file', async () => {
    const { notebook, outDir, host, events } = await open(bigNotebook(60_000));
    host.savePath = join(outDir, 'big.html');
    const running = call(notebook, 'exportNotebook', {
      jobId: 'big',
      format: 'html',
      scope: { kind: 'notebook' },
    });
    // Cancel once the first progress report arrives: the export is under way.
    await new Promise<void>((resolve) => {
      const stop = notebook.subscribe((event) => {
        if (event.type === 'export-progress' && event.done > 0) {
          stop();
          resolve();
        }
      });
    });
    expect(await call(notebook, 'cancelExport', { jobId: 'big' })).toEqual({ cancelled: true });
    expect(await running).toEqual({ status: 'cancelled' });
    expect(await readdir(outDir)).toEqual([]);
    expect(events.some((e) => e.type === 'export-progress' && e.jobId === 'big')).toBe(true);
    // 60,000 quotes restored (and journaled) before the export starts: seconds on a busy machine.
  }, 30_000);

  it('reports progress up to the whole export when it finishes', async () => {
    const { notebook, outDir, host, events } = await open(bigNotebook(5000));
    host.savePath = join(outDir, 'all.csv');
    await call(notebook, 'exportNotebook', {
      jobId: 'all',
      format: 'csv',
      scope: { kind: 'notebook' },
    });
    const progress = events.filter((e) => e.type === 'export-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: 5005, total: 5005 });
  });

  it('exports one document, a tag and search results', async () => {
    const { notebook, outDir, host } = await open();
    const ids = async (scope: MethodInput<'exportNotebook'>['scope']) => {
      host.savePath = join(outDir, 'scope.json');
      await call(notebook, 'exportNotebook', { jobId: 'scope', format: 'json', scope });
      const backup = JSON.parse(await readFile(host.savePath, 'utf8')) as { notebook: StoreData };
      return backup.notebook.annotations.map((a) => a.id);
    };
    expect(await ids({ kind: 'document', documentId: 'doc-field' })).toEqual(['q-dari', 'q-emoji']);
    expect(await ids({ kind: 'tag', tagId: 'tag-actors' })).toEqual([
      'q-mujahid',
      'q-fitrat',
      'q-trump-talks',
      'q-dari',
    ]);
    expect(await ids({ kind: 'search', query: 'airport' })).toEqual(['q-mujahid']);
  });

  it('names a missing document or tag before any dialog opens', async () => {
    const { notebook, host } = await open();
    host.savePath = '/should/not/be/used';
    const error = await failure(notebook, 'exportNotebook', {
      jobId: 'gone',
      format: 'md' as never,
      scope: { kind: 'notebook' },
    });
    expect(error.code).toBe('invalid-input');
    const gone = await failure(notebook, 'exportNotebook', {
      jobId: 'gone',
      format: 'markdown',
      scope: { kind: 'tag', tagId: 'tag-nope' },
    });
    expect(gone.code).toBe('not-found');
  });

  it('says clearly when the file cannot be written', async () => {
    const { notebook, outDir, host } = await open();
    host.savePath = join(outDir, 'no-such-folder', 'x.md');
    const error = await failure(notebook, 'exportNotebook', {
      jobId: 'unwritable',
      format: 'markdown',
      scope: { kind: 'notebook' },
    });
    expect(error.message).toMatch(/Could not write .*x\.md \(ENOENT\)/);
  });

  it('never saves into the notebook’s own folder (a notebook.json there would replace it)', async () => {
    const { notebook, dataDir, host } = await open();
    await notebook.store.flush();
    const before = await readFile(notebook.store.path, 'utf8');
    for (const target of [join(dataDir, 'notebook.json'), join(dataDir, 'backups', 'x.md')]) {
      host.savePath = target;
      const error = await failure(notebook, 'exportNotebook', {
        jobId: 'inside',
        format: 'markdown',
        scope: { kind: 'notebook' },
      });
      expect(error.code).toBe('invalid-input');
      expect(error.message).toContain('notebook’s own folder');
    }
    expect(await readFile(notebook.store.path, 'utf8')).toBe(before);
  });

  it('shows only files it exported in the file manager', async () => {
    const { notebook, outDir, host } = await open();
    host.savePath = join(outDir, 'shown.md');
    await call(notebook, 'exportNotebook', {
      jobId: 's',
      format: 'markdown',
      scope: { kind: 'notebook' },
    });
    await call(notebook, 'showExportedFile', { path: host.savePath });
    expect(host.shown).toEqual([host.savePath]);
    const error = await failure(notebook, 'showExportedFile', { path: '/etc/passwd' });
    expect(error.code).toBe('not-found');
    expect(host.shown).toHaveLength(1);
  });
});

describe('restoring a backup through the core', () => {
  async function backupOf(data: StoreData, dir: string): Promise<string> {
    const path = join(dir, 'backup.json');
    const selection = selectForExport(data, { kind: 'notebook' }, '2026-11-24T10:00:00.000Z');
    await writeFile(path, [...EXPORTERS.json(selection, DEFAULT_EXPORT_OPTIONS)].join(''));
    return path;
  }

  it('previews, merges, and undoes a merge', async () => {
    const { notebook, outDir, host } = await open();
    const incoming = exportFixture();
    incoming.annotations[0]!.comment = 'Changed later, on another machine.';
    incoming.annotations[0]!.updatedAt = '2026-12-01T00:00:00.000Z';
    incoming.notes.push({ ...incoming.notes[0]!, id: 'note-new', title: 'From the backup' });
    host.openPaths = [await backupOf(incoming, outDir)];
    const before = structuredClone(notebook.store.data);

    const preview = await call(notebook, 'previewRestore', {});
    expect(preview).toMatchObject({ fileName: 'backup.json', notebookEmpty: false });
    expect(preview!.merge.annotations).toMatchObject({ updated: 1, added: 0 });
    expect(preview!.merge.notes).toMatchObject({ added: 1 });
    // The preview changed nothing.
    expect(notebook.store.data).toEqual(before);

    const { undoToken } = await call(notebook, 'applyRestore', {
      token: preview!.token,
      mode: 'merge',
    });
    expect(notebook.store.data.annotations[0]!.comment).toBe('Changed later, on another machine.');
    expect(notebook.store.data.notes.map((n) => n.id)).toContain('note-new');
    // A copy of the notebook as it was went into the backups folder first.
    expect((await readdir(join(notebook.store.dataDir, BACKUP_DIR))).length).toBeGreaterThan(0);

    await call(notebook, 'undoRestore', { undoToken });
    expect(notebook.store.data).toEqual(before);
    expect((await failure(notebook, 'undoRestore', { undoToken })).code).toBe('not-found');
  });

  it('places highlights again when a merge brings a newer text of their document', async () => {
    const { notebook, outDir, host } = await open();
    const before = structuredClone(notebook.store.data);
    const incoming = exportFixture();
    const doc = incoming.documents[0]!;
    doc.text = `UPDATE: ${doc.text}`;
    doc.blocks = doc.blocks.map((b) => ({ ...b, start: b.start + 8, end: b.end + 8 }));
    doc.importedAt = '2026-12-01T00:00:00.000Z';
    incoming.annotations = incoming.annotations.filter((a) => a.documentId !== doc.id);
    host.openPaths = [await backupOf(incoming, outDir)];
    const preview = await call(notebook, 'previewRestore', {});
    expect(preview!.merge.documents.updated).toBe(1);
    const { undoToken } = await call(notebook, 'applyRestore', {
      token: preview!.token,
      mode: 'merge',
    });
    const moved = notebook.store.data.annotations.find((a) => a.id === 'q-mujahid')!;
    const original = before.annotations.find((a) => a.id === 'q-mujahid')!;
    expect(moved.target.position!.start).toBe(original.target.position!.start + 8);
    expect(
      notebook.store.data.documents[0]!.text.slice(
        moved.target.position!.start,
        moved.target.position!.end,
      ),
    ).toBe(original.target.quote!.exact);
    await call(notebook, 'undoRestore', { undoToken });
    expect(notebook.store.data).toEqual(before);
  });

  it('refuses to undo a restore over work done since, and says where the old notebook is', async () => {
    const { notebook, outDir, host } = await open();
    host.openPaths = [await backupOf(exportFixture(), outDir)];
    const preview = await call(notebook, 'previewRestore', {});
    const { undoToken } = await call(notebook, 'applyRestore', {
      token: preview!.token,
      mode: 'replace',
    });
    await call(notebook, 'createNote', { title: 'Written after the restore' });
    const error = await failure(notebook, 'undoRestore', { undoToken });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/backups folder as pre-restore-.*\.json/);
    expect(notebook.store.data.notes.map((n) => n.title)).toContain('Written after the restore');
  });

  it('replaces the notebook when asked, and a preview is used once', async () => {
    const { notebook, outDir, host } = await open();
    const incoming = exportFixture();
    incoming.documents.pop();
    incoming.annotations = incoming.annotations.filter((a) => a.documentId === 'doc-bagram');
    incoming.notes = [];
    host.openPaths = [await backupOf(incoming, outDir)];
    const preview = await call(notebook, 'previewRestore', {});
    expect(preview!.replace.documents.removed).toBe(1);
    await call(notebook, 'applyRestore', { token: preview!.token, mode: 'replace' });
    expect(notebook.store.data.documents.map((d) => d.id)).toEqual(['doc-bagram']);
    expect(notebook.store.data.notes).toEqual([]);
    const again = await failure(notebook, 'applyRestore', { token: preview!.token, mode: 'merge' });
    expect(again.code).toBe('not-found');
  });

  it('refuses a file that is not a backup, and changes nothing', async () => {
    const { notebook, outDir, host } = await open();
    const path = join(outDir, 'notes.json');
    await writeFile(path, '{"hello": "world"}');
    host.openPaths = [path];
    await notebook.store.flush();
    const before = await readFile(notebook.store.path, 'utf8');
    const error = await failure(notebook, 'previewRestore', {});
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/backup/i);
    await notebook.store.flush();
    expect(await readFile(notebook.store.path, 'utf8')).toBe(before);
  });

  it('lists the backups beside the notebook and previews one by name', async () => {
    const { notebook } = await open();
    await notebook.store.flush();
    const backups = await call(notebook, 'listBackups', {});
    // The start-up backup (the sample article) and the safety copy from the fixture's restore.
    expect(backups.length).toBeGreaterThan(0);
    expect(backups.map((b) => b.kind)).toEqual(
      expect.arrayContaining(['rolling', 'before-restore']),
    );
    expect(backups[0]).toMatchObject({ counts: expect.any(Object) });
    expect(backups.map((b) => b.takenAt)).toEqual(
      [...backups.map((b) => b.takenAt)].sort().reverse(),
    );
    const preview = await call(notebook, 'previewRestore', { backup: backups.at(-1)!.name });
    expect(preview).toMatchObject({ fileName: backups.at(-1)!.name });
    const missing = await failure(notebook, 'previewRestore', { backup: 'notebook-gone.json' });
    expect(missing.code).toBe('not-found');
  });

  it('answers null when the Open dialog is cancelled', async () => {
    const { notebook } = await open();
    expect(await call(notebook, 'previewRestore', {})).toBeNull();
  });
});
