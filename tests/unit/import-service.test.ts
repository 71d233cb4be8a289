import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotebookHost } from '../../electron/notebook/host.ts';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import type {
  MethodInput,
  MethodName,
  MethodResult,
  NotebookEvent,
} from '../../shared/contract.ts';
import type { ImportItem, ImportReport } from '../../shared/import.ts';
import type { Annotation } from '../../shared/model.ts';
import type { Result } from '../../shared/result.ts';
import {
  encodeText,
  expectWellFormed,
  fixtureBytes,
  fixturePath,
  fixtureText,
  tooLargeBytes,
  wireFile,
} from './import-fixtures.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();

// Closed before their folders are removed (after-each hooks run last-registered first).
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((notebook) => notebook.close()));
});

interface Opened {
  notebook: Notebook;
  dataDir: string;
  events: NotebookEvent[];
  dialogCalls: { multiple: boolean; title: string }[];
}

async function open(host: Partial<NotebookHost> & { paths?: string[] } = {}): Promise<Opened> {
  const dataDir = await tempDir();
  const dialogCalls: Opened['dialogCalls'] = [];
  const notebook = await openNotebook({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    host: {
      chooseImportFiles: async (options) => {
        dialogCalls.push(options);
        return host.paths ?? [];
      },
      readClipboard: host.readClipboard ?? (async () => ({ text: '', html: '' })),
    },
  });
  opened.push(notebook);
  const events: NotebookEvent[] = [];
  notebook.subscribe((event) => events.push(event));
  return { notebook, dataDir, events, dialogCalls };
}

/** Call through the dispatcher, as the renderer does, and unwrap a success. */
async function call<M extends MethodName>(
  notebook: Notebook,
  method: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
  const result = (await notebook.dispatch(method, input)) as Result<MethodResult<M>>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}

const importFixtures = (notebook: Notebook, jobId: string, paths: string[]) =>
  call(notebook, 'importFiles', {
    jobId,
    files: paths.map((p) => wireFile(p.split('/').pop()!, fixtureBytes(p))),
  });

type Status = ImportItem['status'];
const itemOf = <S extends Status>(report: ImportReport, index: number, status: S) => {
  const item = report.items[index];
  expect(item?.status).toBe(status);
  return item as Extract<ImportItem, { status: S }>;
};

const documentIds = (notebook: Notebook) => notebook.store.data.documents.map((d) => d.id);

describe('importing files', () => {
  it('imports the good files of a batch and reports the bad ones by name and reason', async () => {
    const { notebook, events } = await open();
    const before = documentIds(notebook);
    const report = await importFixtures(notebook, 'batch-1', [
      'text/field-notes.txt',
      'bad/invalid-utf8.txt',
      'markdown/doha-guide.md',
      'bad/program.dat',
      'bad/report.txt',
      'html/news-article.html',
    ]);

    expect(report).toMatchObject({ jobId: 'batch-1', cancelled: false });
    expect(report.items.map((i) => [i.name, i.status])).toEqual([
      ['field-notes.txt', 'imported'],
      ['invalid-utf8.txt', 'failed'],
      ['doha-guide.md', 'imported'],
      ['program.dat', 'failed'],
      ['report.txt', 'failed'],
      ['news-article.html', 'imported'],
    ]);
    const invalid = itemOf(report, 1, 'failed');
    expect(invalid.code).toBe('encoding');
    expect(invalid.message).toMatch(/^invalid-utf8\.txt: .*UTF-8.*position 70/);
    expect(itemOf(report, 3, 'failed')).toMatchObject({ code: 'binary' });
    expect(itemOf(report, 3, 'failed').message).toMatch(/^program\.dat: .*binary/);
    expect(itemOf(report, 4, 'failed')).toMatchObject({ code: 'unreadable' });
    expect(itemOf(report, 4, 'failed').message).toMatch(/^report\.txt: .*PDF/);

    // The good files are in, whole; nothing of the bad ones is.
    const added = documentIds(notebook).filter((id) => !before.includes(id));
    expect(added).toEqual([
      itemOf(report, 0, 'imported').documentId,
      itemOf(report, 2, 'imported').documentId,
      itemOf(report, 5, 'imported').documentId,
    ]);
    expect(itemOf(report, 0, 'imported').title).toBe('Field notes from Herat');
    expect(itemOf(report, 2, 'imported').title).toBe('Reading the Doha Agreement: a field guide');
    const news = await call(notebook, 'getDocument', {
      id: itemOf(report, 5, 'imported').documentId,
    });
    expect(news).toMatchObject({
      title: 'Wheat prices climb as border crossings stay shut',
      author: 'Farida Noori',
      source: 'The Kabul Ledger',
      url: 'https://www.kabulledger.example/economy/2024/06/12/wheat-prices-border-crossings',
      publishedDate: '2024-06-12',
    });
    expect(news.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (const doc of notebook.store.data.documents.filter((d) => added.includes(d.id))) {
      expectWellFormed(doc);
      expect(doc.text).not.toContain('Notes from Kabul');
      expect(doc.text).not.toContain('%PDF');
    }

    // Progress: one event per file as it starts, then one at the end.
    const progress = events.filter((e) => e.type === 'import-progress');
    expect(progress).toEqual([
      ...report.items.map((item, done) => ({
        type: 'import-progress',
        jobId: 'batch-1',
        done,
        total: 6,
        current: item.name,
      })),
      { type: 'import-progress', jobId: 'batch-1', done: 6, total: 6, current: '' },
    ]);
    expect(events).toContainEqual({ type: 'changed', entities: ['documents'] });
  });

  it('keeps what was imported across a restart', async () => {
    const { notebook, dataDir } = await open();
    const report = await importFixtures(notebook, 'j', ['html/blog-post.html']);
    const { documentId } = itemOf(report, 0, 'imported');
    await notebook.close();
    const again = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR });
    opened.push(again);
    const doc = await again.handlers.getDocument({ id: documentId });
    expect(doc.title).toBe('Reading treaties slowly – Slow Notes');
    expect(doc.url).toBe('https://mariamreads.example/2023/11/reading-treaties-slowly/');
  });

  it('refuses a file over the limit by its size, and a file sent without content', async () => {
    const { notebook } = await open();
    const before = documentIds(notebook);
    const report = await call(notebook, 'importFiles', {
      jobId: 'big',
      files: [
        { name: 'huge.txt', size: 20 * 1024 * 1024 + 1 },
        { name: 'lost.txt', size: 12 },
        { name: 'empty.txt', size: 0, data: '' },
      ],
    });
    expect(report.items).toMatchObject([
      {
        name: 'huge.txt',
        status: 'failed',
        code: 'too-large',
        message: 'huge.txt: it is 20.0 MB; the limit is 20 MB.',
      },
      {
        name: 'lost.txt',
        status: 'failed',
        code: 'unreadable',
        message: 'lost.txt: no content was sent.',
      },
      {
        name: 'empty.txt',
        status: 'failed',
        code: 'empty',
        message: 'empty.txt: the file is empty.',
      },
    ]);
    expect(documentIds(notebook)).toEqual(before);
  });

  it('recognises content already in the library, whatever its encoding', async () => {
    const { notebook } = await open();
    const first = await importFixtures(notebook, 'a', ['text/field-notes.txt']);
    const { documentId } = itemOf(first, 0, 'imported');
    const count = notebook.store.data.documents.length;

    const source = fixtureText('text/field-notes.txt').replace(/\n/g, '\r\n');
    const again = await call(notebook, 'importFiles', {
      jobId: 'b',
      files: [
        wireFile('field-notes.txt', fixtureBytes('text/field-notes.txt')),
        wireFile('field-notes (utf-16).txt', encodeText(source, 'UTF-16BE BOM')),
      ],
    });
    expect(again.items).toEqual([
      {
        name: 'field-notes.txt',
        status: 'duplicate',
        documentId,
        title: 'Field notes from Herat',
      },
      {
        name: 'field-notes (utf-16).txt',
        status: 'duplicate',
        documentId,
        title: 'Field notes from Herat',
      },
    ]);
    expect(notebook.store.data.documents).toHaveLength(count);
  });

  it('recognises a duplicate inside the same batch', async () => {
    const { notebook } = await open();
    const bytes = fixtureBytes('markdown/no-front-matter.md');
    const report = await call(notebook, 'importFiles', {
      jobId: 'twice',
      files: [wireFile('list.md', bytes), wireFile('list copy.md', bytes)],
    });
    const { documentId } = itemOf(report, 0, 'imported');
    expect(itemOf(report, 1, 'duplicate')).toEqual({
      name: 'list copy.md',
      status: 'duplicate',
      documentId,
      title: 'Reading list',
    });
  });

  it('refuses a second job under the id of one still running', async () => {
    const { notebook } = await open();
    const running = importFixtures(notebook, 'same', ['text/field-notes.txt']);
    const second = await notebook.dispatch('importFiles', {
      jobId: 'same',
      files: [wireFile('x.txt', encodeText('Another text.', 'UTF-8'))],
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await running).items[0]?.status).toBe('imported');
  });
});

describe('cancelling an import', () => {
  it('stops after the file in hand; what is in stays in, the rest is skipped', async () => {
    const { notebook, events } = await open();
    const before = documentIds(notebook);
    const files = Array.from({ length: 40 }, (_, i) =>
      wireFile(`note-${i}.txt`, encodeText(`Note ${i}\n\nThe body of note number ${i}.`, 'UTF-8')),
    );
    const pending = notebook.dispatch('importFiles', { jobId: 'long', files });
    expect(await call(notebook, 'cancelImport', { jobId: 'long' })).toEqual({ cancelled: true });

    const result = (await pending) as Result<ImportReport>;
    if (!result.ok) throw new Error(result.error.message);
    const report = result.value;
    expect(report.cancelled).toBe(true);
    expect(report.items).toHaveLength(40);
    // The first file was in hand when the cancel came.
    expect(report.items[0]).toMatchObject({ name: 'note-0.txt', status: 'imported' });
    expect(report.items.slice(1)).toEqual(
      files.slice(1).map((f) => ({ name: f.name, status: 'skipped' })),
    );
    const added = documentIds(notebook).filter((id) => !before.includes(id));
    expect(added).toEqual([itemOf(report, 0, 'imported').documentId]);

    const progress = events.filter((e) => e.type === 'import-progress');
    expect(progress[0]).toMatchObject({ jobId: 'long', done: 0, total: 40, current: 'note-0.txt' });
    expect(progress.at(-1)).toMatchObject({ jobId: 'long', done: 40, total: 40, current: '' });

    // The job is over: there is nothing left to cancel.
    expect(await call(notebook, 'cancelImport', { jobId: 'long' })).toEqual({ cancelled: false });
    expect(await call(notebook, 'cancelImport', { jobId: 'unknown' })).toEqual({
      cancelled: false,
    });
  });

  it('can cancel from a progress event, part way through', async () => {
    const { notebook } = await open();
    const files = Array.from({ length: 10 }, (_, i) =>
      wireFile(`n${i}.md`, encodeText(`# Note ${i}\n\nText of note ${i}.`, 'UTF-8')),
    );
    notebook.subscribe((event) => {
      if (event.type === 'import-progress' && event.done === 3)
        void notebook.dispatch('cancelImport', { jobId: 'mid' });
    });
    const report = await call(notebook, 'importFiles', { jobId: 'mid', files });
    expect(report.cancelled).toBe(true);
    expect(report.items.map((i) => i.status)).toEqual([
      ...Array(4).fill('imported'),
      ...Array(6).fill('skipped'),
    ]);
  });
});

describe('pasted text, the clipboard and the file dialog', () => {
  it('imports pasted HTML with its structure, and nothing active', async () => {
    const { notebook } = await open();
    const report = await call(notebook, 'importText', {
      jobId: 'paste',
      text: 'Notes on the crossing\nA first point.',
      html: '<h2>Notes on the crossing</h2><ul><li>A <b>first</b> point <img src=x onerror="alert(1)"></li><li>A <a href="https://example.org/second">second</a> one<script>alert(2)</script></li></ul><a href="javascript:alert(3)">never a link</a>',
    });
    const { documentId, title } = itemOf(report, 0, 'imported');
    expect(title).toBe('Notes on the crossing');
    const doc = await call(notebook, 'getDocument', { id: documentId });
    // The heading became the title, shown above the text rather than in it again.
    expect(doc.text).toBe('A first point\nA second one\nnever a link');
    expect(doc.blocks.map((b) => b.type)).toEqual(['list-item', 'list-item', 'paragraph']);
    expect(doc.marks.map((m) => [m.type, m.href, doc.text.slice(m.start, m.end)])).toEqual([
      ['strong', undefined, 'first'],
      ['link', 'https://example.org/second', 'second'],
    ]);
    expectWellFormed(doc);
  });

  it('imports pasted plain text, and refuses an empty paste', async () => {
    const { notebook } = await open();
    const report = await call(notebook, 'importText', {
      jobId: 'p1',
      text: 'A pasted line\n\nAnd a paragraph after it.',
    });
    const doc = await call(notebook, 'getDocument', {
      id: itemOf(report, 0, 'imported').documentId,
    });
    expect(doc.text).toBe('A pasted line\nAnd a paragraph after it.');
    expect(doc.title).toBe('A pasted line');

    const empty = await call(notebook, 'importText', { jobId: 'p2', text: '  \n ' });
    expect(empty.items).toMatchObject([
      {
        name: 'Pasted text',
        status: 'failed',
        code: 'empty',
        message: 'Pasted text: the clipboard holds no text.',
      },
    ]);
  });

  it('imports the clipboard through the host', async () => {
    const { notebook } = await open({
      readClipboard: async () => ({
        text: 'Copied',
        html: '<p>Copied from <em>a browser</em> tab.</p>',
      }),
    });
    const report = await call(notebook, 'importFromClipboard', { jobId: 'clip' });
    const doc = await call(notebook, 'getDocument', {
      id: itemOf(report, 0, 'imported').documentId,
    });
    expect(doc.text).toBe('Copied from a browser tab.');
    expect(doc.marks).toEqual([{ type: 'emphasis', start: 12, end: 21 }]);
  });

  it('imports the files chosen in the dialog, reporting those it cannot read', async () => {
    const dir = await tempDir();
    const huge = join(dir, 'huge.txt');
    await writeFile(huge, tooLargeBytes());
    const { notebook, dialogCalls } = await open({
      paths: [
        fixturePath('html/blog-post.html'),
        fixturePath('html/scripted-page.html'),
        fixturePath('bad/empty.txt'),
        fixturePath('bad/chart.html'),
        huge,
        join(dir, 'missing.md'),
        dir,
      ],
    });
    const report = await call(notebook, 'importFromDialog', { jobId: 'dialog' });
    expect(dialogCalls).toEqual([{ multiple: true, title: 'Import documents' }]);
    expect(report.items.map((i) => [i.name, i.status, 'code' in i ? i.code : ''])).toEqual([
      ['blog-post.html', 'imported', ''],
      ['scripted-page.html', 'imported', ''],
      ['empty.txt', 'failed', 'empty'],
      ['chart.html', 'failed', 'unsupported'],
      ['huge.txt', 'failed', 'too-large'],
      ['missing.md', 'failed', 'unreadable'],
      [dir.split('/').pop(), 'failed', 'unreadable'],
    ]);
    const scripted = await call(notebook, 'getDocument', {
      id: itemOf(report, 1, 'imported').documentId,
    });
    expect(scripted).toMatchObject({
      title: 'The Helmand water dispute, explained',
      author: 'Daniel Ortega-Haas',
      source: 'South Asia Brief',
      publishedDate: '2023-05-18',
    });
    expect(itemOf(report, 4, 'failed').message).toBe(
      'huge.txt: it is 20.0 MB; the limit is 20 MB.',
    );
    expect(itemOf(report, 5, 'failed').message).toMatch(/^missing\.md could not be read: /);
    expect(itemOf(report, 6, 'failed').message).toMatch(/it is not a file/);
  });

  it('imports nothing when the dialog is cancelled', async () => {
    const { notebook } = await open({ paths: [] });
    const before = documentIds(notebook);
    const report = await call(notebook, 'importFromDialog', { jobId: 'none' });
    expect(report).toEqual({ jobId: 'none', cancelled: false, items: [] });
    expect(documentIds(notebook)).toEqual(before);
  });

  it('answers "unavailable" without a host', async () => {
    const notebook = await openNotebook({ dataDir: await tempDir(), resourcesDir: RESOURCES_DIR });
    opened.push(notebook);
    const result = await notebook.dispatch('importFromDialog', { jobId: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

// A newer version of the news article at the same canonical address: a paragraph added near the
// top, and the paragraph about Shukria taken out.
const ADDED =
  '<p>Update, 13 June: the Islam Qala crossing reopened to fuel tankers on Thursday morning, but not yet to food shipments, according to customs officials in Herat.</p>';
const REMOVED =
  "<p>That was how Shukria, a widow who supports four children by sewing school uniforms, described her household's arithmetic. She asked that her family name not be published.</p>";

function newerNewsArticle(): Uint8Array {
  const html = fixtureText('html/news-article.html');
  const firstParagraphEnd = html.indexOf('</p>', html.indexOf('The price of a fifty-kilogram'));
  expect(firstParagraphEnd).toBeGreaterThan(0);
  expect(html).toContain(REMOVED);
  const at = firstParagraphEnd + '</p>'.length;
  const changed = `${html.slice(0, at)}\n\n        ${ADDED}${html.slice(at)}`.replace(REMOVED, '');
  return encodeText(changed, 'UTF-8');
}

const QUOTES = {
  moved: 'Abdul Rahim, who has sold flour from the same stall for twenty-two years',
  deleted: 'She asked that her family name not be published.',
  last: 'Traders in Herat greeted the announcement with scepticism.',
  first: 'The price of a fifty-kilogram sack of flour',
};

async function highlightedArticle() {
  const opened = await open();
  const { notebook } = opened;
  const report = await importFixtures(notebook, 'v1', ['html/news-article.html']);
  const { documentId } = itemOf(report, 0, 'imported');
  const original = await call(notebook, 'getDocument', { id: documentId });
  const tag = await call(notebook, 'createTag', { name: 'prices' });
  const highlights: Record<keyof typeof QUOTES, Annotation> = {} as never;
  for (const [key, quote] of Object.entries(QUOTES) as [keyof typeof QUOTES, string][]) {
    const start = original.text.indexOf(quote);
    expect(start, quote).toBeGreaterThanOrEqual(0);
    highlights[key] = await call(notebook, 'createAnnotation', {
      documentId,
      start,
      end: start + quote.length,
      color: 'yellow',
      tagIds: [tag.id],
      comment: `On: ${key}`,
    });
  }
  return { ...opened, documentId, original, highlights, tagId: tag.id };
}

const annotationsOf = (notebook: Notebook, documentId: string) =>
  call(notebook, 'listAnnotations', { documentId });

describe('importing a newer version of a document', () => {
  it('updates the document with the same URL and re-anchors its highlights', async () => {
    const { notebook, documentId, original, highlights } = await highlightedArticle();
    const count = notebook.store.data.documents.length;

    const report = await call(notebook, 'importFiles', {
      jobId: 'v2',
      files: [wireFile('news-article (updated).html', newerNewsArticle())],
    });
    const item = itemOf(report, 0, 'updated');
    expect(item).toMatchObject({
      documentId,
      title: 'Wheat prices climb as border crossings stay shut',
      placed: 3,
      orphaned: 1,
    });
    expect(notebook.store.data.documents).toHaveLength(count);

    const updated = await call(notebook, 'getDocument', { id: documentId });
    expect(updated.text).toContain('the Islam Qala crossing reopened to fuel tankers');
    expect(updated.text).not.toContain('Shukria');
    expect(updated.contentHash).not.toBe(original.contentHash);
    expectWellFormed(updated);

    const after = await annotationsOf(notebook, documentId);
    // Nothing dropped.
    expect(after.map((a) => a.id).sort()).toEqual(
      Object.values(highlights)
        .map((a) => a.id)
        .sort(),
    );
    const byId = new Map(after.map((a) => [a.id, a]));
    for (const key of ['moved', 'last', 'first'] as const) {
      const a = byId.get(highlights[key].id)!;
      expect(a.orphan).toBeUndefined();
      const { start, end } = a.target.position!;
      expect(updated.text.slice(start, end)).toBe(a.target.quote!.exact);
      expect(a.target.quote!.exact).toBe(QUOTES[key]);
      expect(start).toBe(updated.text.indexOf(QUOTES[key]));
      // Tags and comments come along.
      expect(a.tagIds).toEqual(highlights[key].tagIds);
      expect(a.comment).toBe(`On: ${key}`);
    }
    // The passages after the added paragraph moved by its length (and its "\n").
    const shift = updated.text.indexOf(QUOTES.moved) - original.text.indexOf(QUOTES.moved);
    expect(shift).toBeGreaterThan(100);
    expect(byId.get(highlights.first.id)!.target.position).toEqual(
      highlights.first.target.position,
    );

    const orphan = byId.get(highlights.deleted.id)!;
    expect(orphan.orphan).toBe(true);
    expect(orphan.target).toEqual(highlights.deleted.target);
    expect(orphan.comment).toBe('On: deleted');

    const [summary] = (await call(notebook, 'listDocuments', {})).filter(
      (d) => d.id === documentId,
    );
    expect(summary).toMatchObject({ annotationCount: 4, orphanCount: 1 });
  });

  it('undoes the update: the previous text, and every highlight where it was', async () => {
    const { notebook, documentId, original, highlights } = await highlightedArticle();
    const report = await call(notebook, 'importFiles', {
      jobId: 'v2',
      files: [wireFile('news-article.html', newerNewsArticle())],
    });
    const { undo } = itemOf(report, 0, 'updated');
    expect(undo.document).toEqual(original);

    const summary = await call(notebook, 'restoreDocumentVersion', undo);
    expect(summary).toMatchObject({ id: documentId, annotationCount: 4, orphanCount: 0 });
    expect(await call(notebook, 'getDocument', { id: documentId })).toEqual(original);
    const restored = await annotationsOf(notebook, documentId);
    for (const before of Object.values(highlights)) {
      const now = restored.find((a) => a.id === before.id)!;
      expect(now.target).toEqual(before.target);
      expect(now.orphan).toBeUndefined();
      expect(original.text.slice(now.target.position!.start, now.target.position!.end)).toBe(
        now.target.quote!.exact,
      );
    }
  });

  it('places a highlight made after the update in the restored text too', async () => {
    const { notebook, documentId, original } = await highlightedArticle();
    const report = await call(notebook, 'importFiles', {
      jobId: 'v2',
      files: [wireFile('news-article.html', newerNewsArticle())],
    });
    const updated = await call(notebook, 'getDocument', { id: documentId });
    const quote = 'Wednesday that a shipment of 40,000 tonnes';
    const start = updated.text.indexOf(quote);
    const later = await call(notebook, 'createAnnotation', {
      documentId,
      start,
      end: start + quote.length,
      color: 'green',
    });
    await call(notebook, 'restoreDocumentVersion', itemOf(report, 0, 'updated').undo);
    const placed = (await annotationsOf(notebook, documentId)).find((a) => a.id === later.id)!;
    expect(placed.orphan).toBeUndefined();
    expect(placed.target.position!.start).toBe(original.text.indexOf(quote));
  });

  it('gives an orphan a new place, and it is an orphan no longer', async () => {
    const { notebook, documentId, highlights } = await highlightedArticle();
    await call(notebook, 'importFiles', {
      jobId: 'v2',
      files: [wireFile('news-article.html', newerNewsArticle())],
    });
    const updated = await call(notebook, 'getDocument', { id: documentId });
    const passage = 'according to customs officials in Herat.';
    const start = updated.text.indexOf(passage);
    const { annotation, previous } = await call(notebook, 'reattachAnnotation', {
      id: highlights.deleted.id,
      start,
      end: start + passage.length,
    });
    expect(previous.orphan).toBe(true);
    expect(annotation.orphan).toBeUndefined();
    expect(annotation.target.position).toEqual({
      type: 'TextPositionSelector',
      start,
      end: start + passage.length,
    });
    expect(annotation.target.quote!.exact).toBe(passage);
    expect(annotation.comment).toBe('On: deleted');
    const stored = (await annotationsOf(notebook, documentId)).find(
      (a) => a.id === highlights.deleted.id,
    )!;
    expect(stored).toEqual(annotation);
    expect(
      (await call(notebook, 'listDocuments', {})).find((d) => d.id === documentId),
    ).toMatchObject({ orphanCount: 0 });

    // A range outside the text, or of white space only, is refused.
    const outside = await notebook.dispatch('reattachAnnotation', {
      id: highlights.deleted.id,
      start: 0,
      end: updated.text.length + 1,
    });
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    // Undoing the re-attach puts the old target back, unplaced, and keeps what was added since.
    await call(notebook, 'updateAnnotation', { id: annotation.id, comment: 'Added after.' });
    const undone = await call(notebook, 'restoreAnnotationTarget', {
      id: annotation.id,
      target: previous.target,
      orphan: true,
    });
    expect(undone).toMatchObject({
      orphan: true,
      comment: 'Added after.',
      target: previous.target,
    });
  });

  it('replaces a chosen document’s text from the dialog, even without a URL', async () => {
    const dir = await tempDir();
    const newer = join(dir, 'field-notes-v2.txt');
    await writeFile(
      newer,
      fixtureText('text/field-notes.txt').replace(
        'Field notes from Herat\n',
        'Field notes from Herat\n\nA new opening paragraph, written later.\n',
      ),
    );
    const { notebook, dialogCalls } = await open({ paths: [newer] });
    const first = await importFixtures(notebook, 'a', ['text/field-notes.txt']);
    const { documentId } = itemOf(first, 0, 'imported');
    const original = await call(notebook, 'getDocument', { id: documentId });
    const quote = 'served green tea 🍵 and naan';
    const start = original.text.indexOf(quote);
    const highlight = await call(notebook, 'createAnnotation', {
      documentId,
      start,
      end: start + quote.length,
      color: 'blue',
    });

    const report = await call(notebook, 'importFromDialog', {
      jobId: 'replace',
      replaceDocumentId: documentId,
    });
    expect(dialogCalls).toEqual([
      { multiple: false, title: 'Replace the text of “Field notes from Herat”' },
    ]);
    expect(itemOf(report, 0, 'updated')).toMatchObject({ documentId, placed: 1, orphaned: 0 });
    const updated = await call(notebook, 'getDocument', { id: documentId });
    expect(updated.text).toContain('A new opening paragraph, written later.');
    const [moved] = await annotationsOf(notebook, documentId);
    expect(moved!.id).toBe(highlight.id);
    const { start: s, end: e } = moved!.target.position!;
    expect(updated.text.slice(s, e)).toBe(quote);
  });
});

describe('editing a document’s details', () => {
  it('changes title, author, source, URL and date', async () => {
    const { notebook } = await open();
    const report = await importFixtures(notebook, 'a', ['markdown/no-front-matter.md']);
    const { documentId } = itemOf(report, 0, 'imported');
    const summary = await call(notebook, 'updateDocument', {
      id: documentId,
      title: '  A reading list  ',
      author: 'Mariam Rahimi',
      source: 'Slow Notes',
      url: 'https://mariamreads.example/reading-list',
      publishedDate: '2024-02-01',
    });
    expect(summary).toMatchObject({
      id: documentId,
      title: 'A reading list',
      author: 'Mariam Rahimi',
      source: 'Slow Notes',
      url: 'https://mariamreads.example/reading-list',
      publishedDate: '2024-02-01',
    });
    const doc = await call(notebook, 'getDocument', { id: documentId });
    expect(doc.title).toBe('A reading list');
    // Only the details given change.
    await call(notebook, 'updateDocument', { id: documentId, author: '' });
    expect(await call(notebook, 'getDocument', { id: documentId })).toMatchObject({
      title: 'A reading list',
      author: '',
      url: 'https://mariamreads.example/reading-list',
    });
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'https://example.org/with space',
  ])('refuses the URL %j and changes nothing', async (url) => {
    const { notebook } = await open();
    const [seed] = await call(notebook, 'listDocuments', {});
    const before = await call(notebook, 'getDocument', { id: seed!.id });
    const result = await notebook.dispatch('updateDocument', {
      id: seed!.id,
      title: 'Should not stick',
      url,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(notebook, 'getDocument', { id: seed!.id })).toEqual(before);
  });

  it('answers not-found for a document that is not there', async () => {
    const { notebook } = await open();
    const result = await notebook.dispatch('updateDocument', { id: 'doc_missing', title: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('replacing the text of a document deleted meanwhile', () => {
  it('reports the file as not imported instead of failing the job, and adds nothing', async () => {
    const { notebook } = await open();
    const [seed] = notebook.store.data.documents;
    const pending = call(notebook, 'importFiles', {
      jobId: 'replace-gone',
      replaceDocumentId: seed!.id,
      files: [wireFile('newer.md', new TextEncoder().encode('# Newer\n\nA newer version.'))],
    });
    // The job reads its file on a later turn; the document goes before that.
    await call(notebook, 'deleteDocument', { id: seed!.id });
    const report = await pending;
    const item = itemOf(report, 0, 'failed');
    expect(item.message).toBe(
      'newer.md: the document it was to replace is no longer in the library.',
    );
    expect(notebook.store.data.documents).toEqual([]);
  });
});

describe('what a page says about its own address', () => {
  const page = (canonical: string, title: string, paragraphs: string[]) =>
    new TextEncoder().encode(
      `<!doctype html><html><head><title>${title}</title><link rel="canonical" href="${canonical}"></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
    );
  const prose = (topic: string) =>
    [1, 2, 3].map(
      (n) =>
        `Paragraph ${n} about ${topic}, long enough to be read as an article and compared as one.`,
    );

  it('an address too long to store is left out, and the notebook still opens', async () => {
    const { notebook, dataDir } = await open();
    const long = `https://example.com/story?ref=${'a'.repeat(5000)}`;
    const report = await call(notebook, 'importFiles', {
      jobId: 'long-url',
      files: [wireFile('long.html', page(long, 'A long address', prose('addresses')))],
    });
    const { documentId } = itemOf(report, 0, 'imported');
    expect(notebook.store.data.documents.find((d) => d.id === documentId)?.url).toBe('');
    await notebook.close();
    opened.splice(opened.indexOf(notebook), 1);
    const again = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR });
    opened.push(again);
    expect(again.store.recovery).toBeNull();
    expect(again.store.data.documents.map((d) => d.id)).toContain(documentId);
  });

  it('two different articles that both claim the site’s home page stay two documents', async () => {
    const { notebook } = await open();
    const first = await call(notebook, 'importFiles', {
      jobId: 'home-1',
      files: [wireFile('a.html', page('https://news.example/', 'First story', prose('rivers')))],
    });
    const second = await call(notebook, 'importFiles', {
      jobId: 'home-2',
      files: [
        wireFile('b.html', page('https://news.example/', 'Second story', prose('mountains'))),
      ],
    });
    expect(itemOf(first, 0, 'imported').documentId).not.toBe(
      itemOf(second, 0, 'imported').documentId,
    );
  });

  it('a different article at the same page address is a new document; the same one is an update', async () => {
    const { notebook } = await open();
    const url = 'https://news.example/2025/story';
    await call(notebook, 'importFiles', {
      jobId: 'v1',
      files: [wireFile('v1.html', page(url, 'The story', prose('rivers')))],
    });
    const other = await call(notebook, 'importFiles', {
      jobId: 'other',
      files: [wireFile('other.html', page(url, 'Something else', prose('mountains')))],
    });
    itemOf(other, 0, 'imported');
    const edited = prose('rivers');
    edited[1] = 'A paragraph rewritten entirely for the second version of the story.';
    const newer = await call(notebook, 'importFiles', {
      jobId: 'v2',
      files: [wireFile('v2.html', page(url, 'The story, updated', edited))],
    });
    expect(itemOf(newer, 0, 'updated').title).toBe('The story');
  });
});
