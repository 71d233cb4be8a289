import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createImportParser } from '../../../electron/notebook/import/import-parser.ts';
import { parseImportFile } from '../../../electron/notebook/import/parse-import.ts';
import { type Notebook, openNotebook } from '../../../electron/notebook/notebook.ts';
import { filesDirIn, sha256Hex } from '../../../electron/notebook/stored-files.ts';
import type { MethodInput, MethodName, MethodResult } from '../../../shared/contract.ts';
import type { ImportReport } from '../../../shared/import.ts';
import type { Result } from '../../../shared/result.ts';
import { expectWellFormed } from '../import-fixtures.ts';
import { RESOURCES_DIR, tempDirs } from '../temp-dir.ts';
import { encryptedPdf, makePdf, rawPdf, sharedPdf, sharedPdfBytes } from './pdf-files.ts';

const tempDir = tempDirs();
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((n) => n.close()));
});

const LIGATURES = /[\uFB00-\uFB06]/;
const PARSE_WORKER = new URL('../../../electron/notebook/import/parse-worker.ts', import.meta.url);

describe('reading real PDFs (../shared/pdf)', () => {
  it('tracemonkey.pdf: clean reading text, no ligature code points, no line-end hyphens kept', async () => {
    const doc = await parseImportFile({
      name: 'tracemonkey.pdf',
      path: sharedPdf('tracemonkey.pdf'),
    });
    expectWellFormed(doc);
    expect(doc.format).toBe('pdf');
    expect(doc.title).toBe('Trace-based Just-in-Time Type Specialization for Dynamic Languages');
    expect(doc.publishedDate).toBe('2009-04-01');
    expect(doc.text).not.toMatch(LIGATURES);
    // Page 1 has "com-/pile", "informa-/tion", "ef-/ficiently" at line ends.
    expect(doc.text).toContain('more difficult to compile than statically typed ones');
    expect(doc.text).toContain('rely on type information to generate efficient machine code');
    expect(doc.text).toContain('a small number of type-specialized, efficiently compiled traces.');
    expect(doc.text).not.toContain('informa-tion');
    const pdf = doc.pdf!;
    expect(pdf.pageCount).toBe(14);
    expect(pdf.pageStarts).toHaveLength(14);
    expect(pdf.pageSizes[0]).toEqual([612, 792]);
    expect(pdf.unreadablePages).toEqual([]);
    expect(pdf.file).toBe(sha256Hex(sharedPdfBytes('tracemonkey.pdf')));
    // Page starts rise, and page 2's text is where page 2 begins.
    for (let p = 1; p < 14; p++) expect(pdf.pageStarts[p]).toBeGreaterThan(pdf.pageStarts[p - 1]!);
    expect(doc.text.slice(pdf.pageStarts[1]!, pdf.pageStarts[1]! + 40)).toMatch(/^\S/);
  });

  it('keeps page labels, the outline and umlauts of a LaTeX book (GeoTopo, 117 pages)', async () => {
    const doc = await parseImportFile({
      name: 'GeoTopo.pdf',
      path: sharedPdf('GeoTopo-komprimiert.pdf'),
    });
    expectWellFormed(doc);
    expect(doc.pdf!.pageCount).toBe(117);
    expect(doc.pdf!.pageLabels!.slice(0, 4)).toEqual(['i', 'ii', 'iii', '1']);
    expect(doc.pdf!.outline.length).toBeGreaterThan(10);
    expect(doc.pdf!.outline.every((o) => o.page === null || o.page < 117)).toBe(true);
    expect(doc.author).toBe('Martin Thoma');
    expect(doc.text).toContain('Einführung');
    expect(doc.text).not.toMatch(LIGATURES);
  });

  it('unfolds every ligature of the ligature test and keeps umlauts and Arabic letters', async () => {
    const ligatures = await parseImportFile({
      name: 'l.pdf',
      path: sharedPdf('copy_paste_ligatures.pdf'),
    });
    expect(ligatures.text).not.toMatch(LIGATURES);
    expect(ligatures.text).toContain('ffffiflffiffl');
    const german = await parseImportFile({ name: 'g.pdf', path: sharedPdf('german-umlaut-r.pdf') });
    expect(german.text).toMatch(/[äöüÄß]/);
    expect(german.text).toBe(german.text.normalize('NFC'));
    const arabic = await parseImportFile({
      name: 'a.pdf',
      path: sharedPdf('ArabicCIDTrueType.pdf'),
    });
    // Letters, not the shapes a font draws (presentation forms).
    expect(arabic.text).toMatch(/\p{Script=Arabic}/u);
    expect(arabic.text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFE]/);
  });

  it('a rotated page is upright in its size; the two-column LaTeX document reads column by column', async () => {
    const rotated = await parseImportFile({ name: 'r.pdf', path: sharedPdf('rotation.pdf') });
    const [w1, h1] = rotated.pdf!.pageSizes[0]!;
    const [w2, h2] = rotated.pdf!.pageSizes[1]!;
    expect(w1).toBeLessThan(h1);
    expect(w2).toBeGreaterThan(h2);
    expect(rotated.text).toContain('This is my second page.');
    const columns = await parseImportFile({ name: 'm.pdf', path: sharedPdf('multicolumn.pdf') });
    expectWellFormed(columns);
    expect(columns.blocks.length).toBeGreaterThan(10);
  });

  it('names the pages of a scan and of an image-only file, and still imports them', async () => {
    for (const name of ['c02-22-scanned.pdf', 'images_1bit_grayscale.pdf']) {
      const doc = await parseImportFile({ name, path: sharedPdf(name) });
      expect(doc.text).toBe('');
      expect(doc.pdf!.unreadablePages).toEqual([0]);
      expect(doc.warnings![0]).toMatch(/no readable text.*OCR\) is not available offline/);
    }
  });
});

describe('PDFs written here', () => {
  it('joins a hyphenated word across a column break and reads columns in order', async () => {
    const bytes = await makePdf([
      {
        columns: [
          [
            'The first column says that the quota-',
            'tion goes on into the next column',
            'and ends at the foot of it',
          ],
          ['where the reader fol-', 'lows it to the end.'],
        ],
      },
    ]);
    const doc = await parseImportFile({ name: 'columns.pdf', bytes });
    expect(doc.text).toContain(
      'the quotation goes on into the next column and ends at the foot of it',
    );
    expect(doc.text).toContain('where the reader follows it to the end.');
    expect(doc.text.indexOf('quotation')).toBeLessThan(doc.text.indexOf('reader'));
  });

  it('reads a 500-page file with every page start in place', async () => {
    const pages = Array.from({ length: 500 }, (_, i) => ({
      columns: [[`Page ${i + 1} says its number.`]],
    }));
    const doc = await parseImportFile({ name: 'long.pdf', bytes: await makePdf(pages) });
    expect(doc.pdf!.pageCount).toBe(500);
    const starts = doc.pdf!.pageStarts;
    for (const p of [0, 1, 249, 499]) {
      expect(doc.text.slice(starts[p]!).startsWith(`Page ${p + 1} says`)).toBe(true);
    }
  }, 60_000);

  it('takes title and author from the info dictionary', async () => {
    const bytes = await makePdf([{ columns: [['Body text of the paper.']] }], {
      title: 'A Study',
      author: 'R. Author',
    });
    const doc = await parseImportFile({ name: 'x.pdf', bytes });
    expect(doc).toMatchObject({ title: 'A Study', author: 'R. Author' });
  });
});

describe('PDFs that must be refused, clearly', () => {
  const refusal = async (bytes: Uint8Array, name = 'bad.pdf') => {
    try {
      await parseImportFile({ name, bytes });
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
    return null;
  };

  it('an encrypted file names the password', async () => {
    expect(await refusal(encryptedPdf())).toEqual({
      code: 'unsupported',
      message: expect.stringMatching(/encrypted with a password/),
    });
  });

  it('a file named .pdf that is not one, junk after a PDF header, and a file cut short', async () => {
    expect(await refusal(new TextEncoder().encode('hello, not a pdf'))).toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/not a PDF/),
    });
    expect(
      await refusal(new TextEncoder().encode(`%PDF-1.7\n${'garbage '.repeat(200)}`)),
    ).toMatchObject({ code: 'unreadable', message: expect.stringMatching(/PDF/) });
    const whole = sharedPdfBytes('tracemonkey.pdf');
    const cut = whole.subarray(0, Math.floor(whole.length / 3));
    // pdf.js rebuilds what it can of a truncated file; either it reads or it is refused by name.
    const result = await refusal(cut, 'cut.pdf');
    if (result) expect(result.message).toMatch(/PDF/);
  });

  it('a PDF whose page tree loops is refused or read, never a hang (the worker keeps its time limit)', async () => {
    const looping = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>',
      '<< /Type /Pages /Kids [2 0 R] /Count 1 >>',
    ]);
    const parser = createImportParser(PARSE_WORKER);
    try {
      const outcome = await parser.parseFile({ name: 'loop.pdf', bytes: looping }).then(
        () => 'read',
        (error: Error) => error.message,
      );
      expect(outcome).toMatch(/read|PDF/);
    } finally {
      parser.close();
    }
  });
});

async function call<M extends MethodName>(notebook: Notebook, method: M, input: MethodInput<M>) {
  const result = (await notebook.dispatch(method, input)) as Result<MethodResult<M>>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}

describe('importing a PDF into a notebook', () => {
  it('keeps the bytes once under their hash in files/, never in the JSON; a second import is a duplicate', async () => {
    const dataDir = await tempDir();
    const path = sharedPdf('tracemonkey.pdf');
    const notebook = await openNotebook({
      dataDir,
      resourcesDir: RESOURCES_DIR,
      seed: false,
      parseWorker: PARSE_WORKER,
      host: { chooseImportFiles: async () => [path] },
    });
    opened.push(notebook);
    const report: ImportReport = await call(notebook, 'importFromDialog', { jobId: 'j1' });
    expect(report.items[0]).toMatchObject({ status: 'imported' });
    const doc = notebook.store.data.documents[0]!;
    const hash = sha256Hex(sharedPdfBytes('tracemonkey.pdf'));
    expect(doc.pdf).toMatchObject({
      file: hash,
      pageCount: 14,
      byteLength: (await stat(path)).size,
    });
    expect(await readdir(filesDirIn(dataDir))).toEqual([`${hash}.pdf`]);
    expect(sha256Hex(await readFile(join(filesDirIn(dataDir), `${hash}.pdf`)))).toBe(hash);
    await notebook.store.flush();
    // The snapshot and journal hold the hash, not the bytes.
    const journal = await readdir(join(dataDir, 'journal'));
    const written = (
      await Promise.all(journal.map((f) => readFile(join(dataDir, 'journal', f), 'utf8')))
    ).join('');
    expect(written).toContain(hash);
    expect(written.length).toBeLessThan((await stat(path)).size);
    const again = await call(notebook, 'importFromDialog', { jobId: 'j2' });
    expect(again.items[0]).toMatchObject({ status: 'duplicate', documentId: doc.id });
  });

  it('reports the unreadable pages of a scan in the import report', async () => {
    const dataDir = await tempDir();
    const notebook = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR, seed: false });
    opened.push(notebook);
    const bytes = sharedPdfBytes('c02-22-scanned.pdf');
    const report = await call(notebook, 'importFiles', {
      jobId: 'scan',
      files: [
        { name: 'scan.pdf', size: bytes.length, data: Buffer.from(bytes).toString('base64') },
      ],
    });
    expect(report.items[0]).toMatchObject({
      status: 'imported',
      warnings: [expect.stringMatching(/no readable text/)],
    });
  });

  it('refuses an encrypted PDF and leaves the store untouched', async () => {
    const dataDir = await tempDir();
    const notebook = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR, seed: false });
    opened.push(notebook);
    const before = notebook.store.revision;
    const bytes = encryptedPdf();
    const report = await call(notebook, 'importFiles', {
      jobId: 'enc',
      files: [
        { name: 'secret.pdf', size: bytes.length, data: Buffer.from(bytes).toString('base64') },
      ],
    });
    expect(report.items[0]).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/^secret\.pdf: it is encrypted with a password/),
    });
    expect(notebook.store.revision).toBe(before);
    expect(notebook.store.data.documents).toEqual([]);
  });
});
