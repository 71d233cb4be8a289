import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { type Notebook, openNotebook } from '../../../electron/notebook/notebook.ts';
import { openStore } from '../../../electron/notebook/store.ts';
import { filesDirIn, sha256Hex } from '../../../electron/notebook/stored-files.ts';
import { placeAnnotation } from '../../../shared/anchoring/place.ts';
import { compareByPosition, quoteText } from '../../../shared/annotations.ts';
import type { MethodInput, MethodName, MethodResult } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/result.ts';
import { RESOURCES_DIR, tempDirs } from '../temp-dir.ts';
import { makePdf } from './pdf-files.ts';

const tempDir = tempDirs();
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((n) => n.close()));
});

/** The smallest PNG there is (1×1, transparent). */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function call<M extends MethodName>(notebook: Notebook, method: M, input: MethodInput<M>) {
  const result = (await notebook.dispatch(method, input)) as Result<MethodResult<M>>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}

/** A notebook with a two-page PDF whose page 2 is labelled in the text ("Page two…"). */
async function notebookWithPdf() {
  const dataDir = await tempDir();
  const notebook = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR, seed: false });
  opened.push(notebook);
  const bytes = await makePdf(
    [
      { columns: [['The first page opens the argument of the paper.']] },
      { columns: [['Page two holds the figure and the quotation we need.']] },
    ],
    { title: 'Two Pages' },
  );
  const report = await call(notebook, 'importFiles', {
    jobId: 'pdf',
    files: [{ name: 'two.pdf', size: bytes.length, data: Buffer.from(bytes).toString('base64') }],
  });
  const item = report.items[0];
  if (item?.status !== 'imported') throw new Error('import failed');
  return { notebook, dataDir, documentId: item.documentId };
}

describe('highlights on a PDF', () => {
  it('keeps a text highlight with its page selector, and an area with its rectangle and picture', async () => {
    const { notebook, dataDir, documentId } = await notebookWithPdf();
    const doc = notebook.store.data.documents[0]!;
    const start = doc.text.indexOf('the quotation we need');
    const text = await call(notebook, 'createAnnotation', {
      documentId,
      start,
      end: start + 'the quotation we need'.length,
      color: 'yellow',
      page: { type: 'PdfPageSelector', page: 1, rects: [{ page: 1, rect: [100, 700, 220, 712] }] },
    });
    expect(text.target.page?.page).toBe(1);
    const area = await call(notebook, 'createAreaAnnotation', {
      documentId,
      page: 1,
      rect: [72, 400, 300, 650],
      color: 'blue',
      image: PNG_1X1,
    });
    const hash = sha256Hex(Buffer.from(PNG_1X1, 'base64'));
    expect(area.target).toEqual({
      documentId,
      area: { type: 'PdfAreaSelector', page: 1, rect: [72, 400, 300, 650], image: hash },
    });
    expect(await readdir(filesDirIn(dataDir))).toContain(`${hash}.png`);
    expect(quoteText(area, doc)).toBe('Area on p. 2');
    // Tags and comments work on it like on any quote.
    await call(notebook, 'updateAnnotation', { id: area.id, comment: 'Figure 2: the loop.' });

    // Through a restart, both come back as stored.
    await notebook.close();
    opened.splice(opened.indexOf(notebook), 1);
    const store = await openStore(dataDir);
    const back = store.data.annotations;
    expect(back.map((a) => a.id)).toEqual([text.id, area.id]);
    expect(back[1]).toMatchObject({ comment: 'Figure 2: the loop.', target: area.target });
    expect(back[0]!.target).toEqual(text.target);
    await store.close();
  });

  it('refuses an area off the pages, on a text document, or with a picture that is not a PNG', async () => {
    const { notebook, documentId } = await notebookWithPdf();
    const refused = async (input: MethodInput<'createAreaAnnotation'>) => {
      const result = await notebook.dispatch('createAreaAnnotation', input);
      return result.ok ? null : result.error.message;
    };
    expect(await refused({ documentId, page: 2, rect: [0, 0, 10, 10], color: 'blue' })).toMatch(
      /Page 3 is outside the document \(2 pages\)/,
    );
    expect(
      await refused({
        documentId,
        page: 0,
        rect: [0, 0, 10, 10],
        color: 'blue',
        image: Buffer.from('GIF89a').toString('base64'),
      }),
    ).toMatch(/not a PNG/);
    const before = notebook.store.revision;
    expect(notebook.store.data.annotations).toEqual([]);
    expect(notebook.store.revision).toBe(before);
  });

  it('an area is never moved or orphaned by its text; it sorts by its page', async () => {
    const { notebook, documentId } = await notebookWithPdf();
    const doc = notebook.store.data.documents[0]!;
    const area = await call(notebook, 'createAreaAnnotation', {
      documentId,
      page: 0,
      rect: [72, 400, 300, 650],
      color: 'green',
    });
    const placed = placeAnnotation({ ...doc, text: 'Entirely different text.' }, area, new Set());
    expect(placed).toEqual(area);
    const start = doc.text.indexOf('Page two');
    const later = await call(notebook, 'createAnnotation', {
      documentId,
      start,
      end: start + 8,
      color: 'pink',
      page: { type: 'PdfPageSelector', page: 1, rects: [] },
    });
    expect([later, area].sort(compareByPosition).map((a) => a.id)).toEqual([area.id, later.id]);
  });

  it('exports the page with every format, and the report shows an area as its picture', async () => {
    const { notebook, dataDir, documentId } = await notebookWithPdf();
    const doc = notebook.store.data.documents[0]!;
    const start = doc.text.indexOf('the quotation we need');
    await call(notebook, 'createAnnotation', {
      documentId,
      start,
      end: start + 21,
      color: 'yellow',
      page: { type: 'PdfPageSelector', page: 1, rects: [{ page: 1, rect: [100, 700, 220, 712] }] },
    });
    await call(notebook, 'createAreaAnnotation', {
      documentId,
      page: 1,
      rect: [72, 400, 300, 650],
      color: 'blue',
      image: PNG_1X1,
    });
    const out = (name: string) => join(dataDir, '..', `${Date.now()}-${name}`);
    const scope = { kind: 'notebook' } as const;

    const csvPath = out('q.csv');
    await notebook.exports.exportTo(csvPath, { format: 'csv', scope });
    const rows = parseCsv(await readFile(csvPath), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => [r.quote, r.page, r.start])).toEqual([
      ['the quotation we need', '2', String(start)],
      ['', '2', ''],
    ]);

    const mdPath = out('q.md');
    await notebook.exports.exportTo(mdPath, { format: 'markdown', scope });
    const markdown = await readFile(mdPath, 'utf8');
    // The in-text citation (APA by default) ends with the page.
    expect(markdown).toMatch(/> the quotation we need\n>\n> — \(Two Pages, \d{4}, p\. 2\)\n/);
    expect(markdown).toContain('> Area on p. 2\n');

    const jsonPath = out('q.jsonld');
    await notebook.exports.exportTo(jsonPath, { format: 'jsonld', scope });
    const json = JSON.parse(await readFile(jsonPath, 'utf8'));
    const items = (json.items ?? json['@graph'] ?? json.first?.items ?? json) as {
      target: { selector: { type: string; value?: string }[] };
    }[];
    const selectors = JSON.stringify(items);
    expect(selectors).toContain('"type":"FragmentSelector"');
    expect(selectors).toContain('"value":"page=2"');
    expect(selectors).toMatch(/"value":"page=2&viewrect=72,142,228,250"/);

    const htmlPath = out('q.html');
    await notebook.exports.exportTo(htmlPath, { format: 'html', scope });
    const html = await readFile(htmlPath, 'utf8');
    expect(html).toMatch(/<span class="cite">\(<i>Two Pages<\/i>, \d{4}, p\. 2\)<\/span>/);
    expect(html).toContain(`<img src="data:image/png;base64,${PNG_1X1}" alt="Area on p. 2">`);
  });
});

/** A second, empty notebook whose Open dialog picks `backupPath` (to restore it there). */
async function notebookRestoring(backupPath: string) {
  const elsewhere = await tempDir();
  const other = await openNotebook({
    dataDir: elsewhere,
    resourcesDir: RESOURCES_DIR,
    seed: false,
    host: { chooseImportFiles: async () => [backupPath] },
  });
  opened.push(other);
  return { other, elsewhere };
}

describe('a backup of a notebook with PDFs', () => {
  it('carries the PDF and the area pictures, so restoring it elsewhere is whole', async () => {
    const { notebook, dataDir, documentId } = await notebookWithPdf();
    await call(notebook, 'createAreaAnnotation', {
      documentId,
      page: 0,
      rect: [72, 400, 300, 650],
      color: 'blue',
      image: PNG_1X1,
    });
    const backupPath = join(dataDir, '..', `backup-${Date.now()}.json`);
    await notebook.exports.exportTo(backupPath, { format: 'json', scope: { kind: 'notebook' } });
    const pdfHash = notebook.store.data.documents[0]!.pdf!.file;
    const backup = JSON.parse(await readFile(backupPath, 'utf8'));
    expect(Object.keys(backup.files).sort()).toEqual(
      [`${pdfHash}.pdf`, `${sha256Hex(Buffer.from(PNG_1X1, 'base64'))}.png`].sort(),
    );

    // Restored into another notebook: the PDF opens there.
    const { other, elsewhere } = await notebookRestoring(backupPath);
    const preview = await call(other, 'previewRestore', {});
    expect(preview!.problems).toEqual([]);
    await call(other, 'applyRestore', { token: preview!.token, mode: 'replace' });
    const { data } = await call(other, 'readPdf', { id: documentId });
    expect(sha256Hex(Buffer.from(data, 'base64'))).toBe(pdfHash);
    expect((await readdir(filesDirIn(elsewhere))).length).toBe(2);
  });

  it('refuses a backup whose PDF does not match its name, and restores nothing', async () => {
    const { notebook, dataDir } = await notebookWithPdf();
    const backupPath = join(dataDir, '..', `backup-${Date.now()}.json`);
    await notebook.exports.exportTo(backupPath, { format: 'json', scope: { kind: 'notebook' } });
    const backup = JSON.parse(await readFile(backupPath, 'utf8'));
    const [name] = Object.keys(backup.files);
    backup.files[name!] = Buffer.from('%PDF-1.4 tampered').toString('base64');
    await writeFile(backupPath, JSON.stringify(backup));
    const { other } = await notebookRestoring(backupPath);
    const preview = await call(other, 'previewRestore', {});
    const applied = await other.dispatch('applyRestore', {
      token: preview!.token,
      mode: 'replace',
    });
    expect(applied).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/damaged: its file .*\.pdf does not match its name/),
      },
    });
    expect(other.store.data.documents).toEqual([]);
  });
});
