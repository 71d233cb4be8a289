import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNotebook } from '../../../electron/notebook/notebook.ts';
import { RESOURCES_DIR, tempDirs } from '../temp-dir.ts';
import { REFI_DIR } from './refi-schema.ts';

const tempDir = tempDirs();

/** A notebook whose Open dialog answers `file` (as the user choosing it). */
async function notebookChoosing(file: () => string) {
  return openNotebook({
    dataDir: await tempDir(),
    resourcesDir: RESOURCES_DIR,
    seed: false,
    host: { chooseImportFiles: async () => [file()] },
  });
}

describe('importing other tools’ files into a notebook', () => {
  it('previews the qc project, then merges it in one change that can be undone', async () => {
    const notebook = await notebookChoosing(() => resolve(REFI_DIR, 'qc-1.3.2_demo.qdpx'));
    const { handlers } = notebook;
    const preview = await handlers.previewExchangeImport({});
    expect(preview).toMatchObject({
      fileName: 'qc-1.3.2_demo.qdpx',
      report: { format: 'qdpx', producer: 'qc 1.3.2' },
      counts: { documents: 2, annotations: 158, tags: 262 },
      merge: { documents: { added: 2 }, annotations: { added: 158 }, tags: { added: 262 } },
    });
    // Nothing changed yet.
    expect(notebook.store.data.documents).toHaveLength(0);
    const applied = await handlers.applyExchangeImport({ token: preview!.token });
    expect(applied.preview.annotations.added).toBe(158);
    expect(await handlers.listDocuments({})).toHaveLength(2);
    const usage = await handlers.listTags({});
    expect(usage).toHaveLength(262);
    // A coded passage is a highlight with its code, readable in its document.
    const doc = notebook.store.data.documents.find((d) => d.title === 'board_2017.txt')!;
    const quotes = await handlers.listAnnotations({ documentId: doc.id });
    expect(quotes).toHaveLength(
      notebook.store.data.annotations.filter((a) => a.documentId === doc.id).length,
    );
    expect(quotes.some((q) => q.tagIds.length > 0)).toBe(true);

    // The same file again changes nothing.
    const again = await handlers.previewExchangeImport({});
    expect(again!.merge.annotations).toMatchObject({ added: 0, updated: 0 });
    expect(again!.merge.documents).toMatchObject({ added: 0, updated: 0 });
    expect(again!.merge.tags).toMatchObject({ added: 0, updated: 0 });

    await handlers.undoRestore({ undoToken: applied.undoToken });
    expect(notebook.store.data.documents).toHaveLength(0);
    expect(notebook.store.data.tags).toHaveLength(0);
    await notebook.close();
  });

  it('joins a codebook’s tags to the notebook’s by name, and refuses an expired preview', async () => {
    let file = resolve(REFI_DIR, 'taguette_tests-expected.qdc');
    const notebook = await notebookChoosing(() => file);
    const { handlers } = notebook;
    await handlers.createTag({ name: 'People' });
    const preview = await handlers.previewExchangeImport({});
    expect(preview!.merge.tags).toMatchObject({ added: 2, matched: 1 });
    await handlers.applyExchangeImport({ token: preview!.token });
    expect(notebook.store.data.tags.map((t) => t.name).sort()).toEqual(
      ['interesting', 'interesting/places', 'People'].sort(),
    );
    await expect(handlers.applyExchangeImport({ token: preview!.token })).rejects.toThrow(
      /expired/,
    );

    // A codebook spreadsheet (Taguette's columns).
    file = join(await tempDir(), 'codebook.csv');
    await writeFile(
      file,
      'name,description,number of highlights\r\nplaces/cities,"Towns, cities",3\r\npeople,Who,2\r\n',
    );
    const csv = await handlers.previewExchangeImport({});
    expect(csv!.report.notCarried).toEqual(['the column “number of highlights”']);
    await handlers.applyExchangeImport({ token: csv!.token });
    const tags = notebook.store.data.tags;
    expect(tags.find((t) => t.name === 'places/cities')?.description).toBe('Towns, cities');
    expect(tags.filter((t) => t.name.toLowerCase() === 'people')).toHaveLength(1);
    await notebook.close();
  });

  it('refuses a file that is none of the formats, naming what it reads', async () => {
    const file = join(await tempDir(), 'notes.txt');
    await writeFile(file, 'just some text');
    const notebook = await notebookChoosing(() => file);
    await expect(notebook.handlers.previewExchangeImport({})).rejects.toThrow(
      /reads REFI-QDA projects/,
    );
    await notebook.close();
  });

  it('keeps records the store would refuse out of the notebook and names them', async () => {
    const file = join(await tempDir(), 'long.qdc');
    const long = 'x'.repeat(300);
    await writeFile(
      file,
      `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="${long}" isCodable="true"/><Code guid="11111111-1111-1111-1111-111111111112" name="ok" isCodable="true"/></Codes></CodeBook>`,
    );
    const notebook = await notebookChoosing(() => file);
    const preview = await notebook.handlers.previewExchangeImport({});
    expect(preview!.counts.tags).toBe(1);
    expect(preview!.report.unplaced[0]!.reason).toMatch(/could not be stored.*200 characters/);
    await notebook.close();
  });
});

describe('importing Hypothesis annotations', () => {
  it('offers the file’s addresses, places them on the document the user picks, and fills its address', async () => {
    const file = resolve('tests/fixtures/exchange/hypothesis/client-export.json');
    const notebook = await openNotebook({
      dataDir: await tempDir(),
      resourcesDir: RESOURCES_DIR,
      host: { chooseImportFiles: async () => [file] },
    });
    const [sample] = await notebook.handlers.listDocuments({});
    const preview = await notebook.handlers.previewExchangeImport({});
    expect(preview!.report.format).toBe('hypothesis');
    const article = preview!.addresses.find((a) => a.uri.includes('afghan-officials'))!;
    expect(article).toMatchObject({ documentId: null });
    expect(preview!.counts.annotations).toBe(0);
    expect(preview!.report.unplaced.some((u) => u.reason.includes('No document'))).toBe(true);

    await notebook.handlers.applyExchangeImport({
      token: preview!.token,
      documentFor: { [article.uri]: sample!.id },
    });
    const quotes = await notebook.handlers.listAnnotations({ documentId: sample!.id });
    const exact = quotes.map((q) =>
      'quote' in q.target && q.target.quote ? q.target.quote.exact : '',
    );
    expect(exact.some((e) => e.includes('we are ready to fight you for the next 20 years'))).toBe(
      true,
    );
    expect(exact.some((e) => e.startsWith('A deal over even an inch'))).toBe(true);
    // The sample had no address: the one the annotations were made on fills it in.
    expect(notebook.store.data.documents.find((d) => d.id === sample!.id)!.url).toMatch(
      /^https:\/\/news\.example\.org\//,
    );
    await notebook.close();
  });

  it('tells a Marginalia backup from annotations, and says where it goes', async () => {
    const file = join(await tempDir(), 'backup.json');
    await writeFile(file, JSON.stringify({ format: 'marginalia-backup', formatVersion: 1 }));
    const notebook = await notebookChoosing(() => file);
    await expect(notebook.handlers.previewExchangeImport({})).rejects.toThrow(
      /Restore from Backup/,
    );
    await notebook.close();
  });
});
