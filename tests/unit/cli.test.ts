import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { parseImportFile } from '../../electron/notebook/import/parse-import.ts';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { MY_NOTES_END, MY_NOTES_START } from '../../shared/export/obsidian/my-notes.ts';
import { UNSURE_BELOW } from '../../shared/quotes/confidence.ts';
import { exportFixture } from '../fixtures/export/notebook.ts';
import { cli } from './cli-process.ts';
import { sharedPdf } from './pdf/pdf-files.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

// Each test starts the command line as processes (Node strips their types at every start, and a
// notebook is opened and folded): seconds apiece on a busy 2-core machine, beyond the 5 s default.
vi.setConfig({ testTimeout: 30_000 });

const tempDir = tempDirs();

/** A data folder holding the export fixture, closed again (as if the app had quit). */
async function notebookFolder(): Promise<string> {
  const dataDir = await tempDir();
  const notebook = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR });
  await notebook.restores.apply(exportFixture(), 'replace');
  await notebook.close();
  return dataDir;
}

describe('the command line', () => {
  it('lists documents with their counts as JSON', async () => {
    const dir = await notebookFolder();
    const { code, stdout } = await cli(['list', '--json', '--data-dir', dir]);
    expect(code).toBe(0);
    const docs = JSON.parse(stdout) as Record<string, unknown>[];
    expect(docs.map((d) => [d.id, d.quotes, d.notes])).toEqual(
      expect.arrayContaining([
        ['doc-bagram', 3, 1],
        ['doc-field', 2, 0],
      ]),
    );
    expect(docs[0]).toHaveProperty('title');
  });

  it('searches with ranked hits as JSON', async () => {
    const dir = await notebookFolder();
    const { code, stdout } = await cli(['search', 'airport', '--json', '--data-dir', dir]);
    expect(code).toBe(0);
    const { hits } = JSON.parse(stdout) as { hits: Record<string, unknown>[] };
    expect(hits[0]).toMatchObject({ kind: 'quote', id: 'q-mujahid', documentId: 'doc-bagram' });
    expect(String(hits[0]!.text)).toContain('want the airport');
  });

  it('exports a tag’s quotes to CSV that a CSV parser reads back', async () => {
    const dir = await notebookFolder();
    const out = join(await tempDir(), 'defiance.csv');
    const { code, stdout } = await cli([
      'export',
      '--format',
      'csv',
      '--tag',
      'Stance/Defiance',
      '--out',
      out,
      '--data-dir',
      dir,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Exported 2 quotes');
    const rows = parseCsv(await readFile(out), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.quote_id)).toEqual(['q-mujahid', 'q-fitrat']);
  });

  it('exports a bibliography as BibTeX and CSL-JSON, and Markdown cited in Chicago', async () => {
    const dir = await notebookFolder();
    const folder = await tempDir();
    const bib = join(folder, 'refs.bib');
    const csl = join(folder, 'refs.json');
    const md = join(folder, 'notes.md');
    const bibRun = await cli(['export', '--format', 'bib', '--out', bib, '--data-dir', dir]);
    expect(bibRun).toMatchObject({ code: 0 });
    expect(bibRun.stdout).toContain('Exported 2 bibliography entries');
    const bibText = await readFile(bib, 'utf8');
    expect(bibText).toContain('@article{researcher2025field,');
    expect(bibText).toContain('title = {Field note: «{Kabul}» bazaar, 🙂 edition}');
    expect((await cli(['export', '-f', 'csl', '-o', csl, '--data-dir', dir])).code).toBe(0);
    const records = JSON.parse(await readFile(csl, 'utf8')) as { id: string; type: string }[];
    expect(records.map((r) => [r.id, r.type])).toEqual([
      ['afghan2025officials', 'article-newspaper'],
      ['researcher2025field', 'article-newspaper'],
    ]);
    const mdRun = await cli([
      'export',
      '-f',
      'md',
      '--style',
      'chicago',
      '-o',
      md,
      '--data-dir',
      dir,
    ]);
    expect(mdRun.code).toBe(0);
    const text = await readFile(md, 'utf8');
    expect(text).toContain('> — (Researcher 2025)');
    expect(text).toContain('## References');
    const bad = await cli(['export', '-f', 'md', '--style', 'mla', '-o', md, '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--style is apa or chicago');
  });

  it('exports a document to Markdown, and reads while the app holds the store', async () => {
    const dir = await notebookFolder();
    const app = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    try {
      const out = join(await tempDir(), 'field.md');
      const { code } = await cli([
        'export',
        '-f',
        'md',
        '--doc',
        'doc-field',
        '-o',
        out,
        '--data-dir',
        dir,
      ]);
      expect(code).toBe(0);
      expect(await readFile(out, 'utf8')).toContain('> کابل زیبا است');
    } finally {
      await app.close();
    }
  });

  it('exports an Obsidian vault folder, and again keeping what was written in "my notes"', async () => {
    const dir = await notebookFolder();
    const out = join(await tempDir(), 'vault', 'Marginalia');
    const args = ['export', '--format', 'obsidian', '--out', out, '--data-dir', dir];
    const first = await cli(args);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `Exported 5 quotes from 2 documents and 2 notes to ${out}: 4 files written, 0 updated, 0 unchanged.`,
    );
    const doc = join(out, 'Documents', 'Field note «Kabul» bazaar, 🙂 edition.md');
    const text = await readFile(doc, 'utf8');
    expect(text).toContain('> کابل زیبا است');
    expect(text).toMatch(/^\^m-q-dari$/m);
    await writeFile(doc, text.replace(`${MY_NOTES_START}\n`, `${MY_NOTES_START}\nRead twice.\n`));
    const again = await cli([...args, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      status: 'saved',
      path: out,
      folder: { written: 0, updated: 0, unchanged: 4, setAside: [] },
    });
    expect(await readFile(doc, 'utf8')).toContain(
      `${MY_NOTES_START}\nRead twice.\n\n${MY_NOTES_END}`,
    );
    const note = await readFile(join(out, 'Notes', 'Defiance, in their own words.md'), 'utf8');
    expect(note).toContain(
      "[[Afghan officials reject Trump's demands to return Bagram Air Base#^m-q-mujahid|",
    );
  });

  it('imports files, and refuses while the app holds the store', async () => {
    const dir = await notebookFolder();
    const file = join(await tempDir(), 'memo.md');
    await writeFile(file, '# A memo\n\nA paragraph about Bagram and the airport.');
    const app = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    const refused = await cli(['import', file, '--data-dir', dir]);
    await app.close();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use|open|lock/i);

    const imported = await cli(['import', file, '--json', '--data-dir', dir]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual([
      expect.objectContaining({ status: 'imported', title: 'A memo' }),
    ]);
    const { stdout } = await cli(['list', '--json', '--data-dir', dir]);
    expect((JSON.parse(stdout) as { title: string }[]).map((d) => d.title)).toContain('A memo');
  });

  it('imports a PDF, and finds the quotations in a PDF with offsets into the text the app stores', async () => {
    const dir = await notebookFolder();
    const pdf = sharedPdf('tracemonkey.pdf');
    const imported = await cli(['import', pdf, '--json', '--data-dir', dir]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual([
      expect.objectContaining({
        status: 'imported',
        title: 'Trace-based Just-in-Time Type Specialization for Dynamic Languages',
      }),
    ]);
    const quotes = await cli(['quotes', pdf, '--json']);
    expect(quotes.code).toBe(0);
    const text = (await parseImportFile({ name: 'tracemonkey.pdf', path: pdf })).text;
    const found = JSON.parse(quotes.stdout) as { text: string; start: number; end: number }[];
    expect(found.length).toBeGreaterThan(0);
    for (const q of found) expect(text.slice(q.start, q.end)).toBe(q.text);
  }, 60_000);

  it('fails with a clear message and a non-zero status', async () => {
    const dir = await notebookFolder();
    const out = join(await tempDir(), 'x.md');
    const missingDoc = await cli([
      'export',
      '-f',
      'md',
      '--doc',
      'nope',
      '-o',
      out,
      '--data-dir',
      dir,
    ]);
    expect(missingDoc.code).toBe(1);
    expect(missingDoc.stderr).toContain('No document has the id "nope"');

    const missingTag = await cli([
      'export',
      '-f',
      'md',
      '--tag',
      'nope',
      '-o',
      out,
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(missingTag.code).toBe(1);
    expect(JSON.parse(missingTag.stdout)).toMatchObject({ error: { code: 'not-found' } });

    const noNotebook = await cli(['list', '--data-dir', join(dir, 'elsewhere')]);
    expect(noNotebook.code).toBe(1);
    expect(noNotebook.stderr).toContain('There is no notebook');

    const usage = await cli(['export', '--format', 'pdf', '--out', out]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage:');

    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
  });

  it('merges a backup from the command line, into a new notebook only when asked', async () => {
    const dir = await notebookFolder();
    const out = join(await tempDir(), 'backup.json');
    expect((await cli(['export', '-f', 'json', '-o', out, '--data-dir', dir])).code).toBe(0);
    const fresh = join(await tempDir(), 'new-notebook');
    const refused = await cli(['restore', out, '--data-dir', fresh]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--create');
    expect(existsSync(fresh)).toBe(false);

    const { code, stdout } = await cli(['restore', out, '--create', '--json', '--data-dir', fresh]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'merge' });
    const listed = await cli(['list', '--json', '--data-dir', fresh]);
    // Exactly the backup: a notebook started from the command line gets no sample article.
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((d) => d.id).sort()).toEqual([
      'doc-bagram',
      'doc-field',
    ]);
  });

  it('refuses a damaged backup before touching any notebook', async () => {
    const bad = join(await tempDir(), 'bad.json');
    await writeFile(bad, '{"format": "marginalia-backup", "formatVersion": 1, "notebook": {');
    const target = join(await tempDir(), 'target');
    const result = await cli(['restore', bad, '--create', '--data-dir', target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/truncated|JSON/);
    expect(existsSync(target)).toBe(false);
  });

  it('never writes an export into the notebook folder', async () => {
    const dir = await notebookFolder();
    const before = await readFile(join(dir, 'notebook.json'), 'utf8');
    const result = await cli([
      'export',
      '-f',
      'md',
      '-o',
      join(dir, 'notebook.json'),
      '--data-dir',
      dir,
    ]);
    expect(result.code).toBe(1);
    expect(await readFile(join(dir, 'notebook.json'), 'utf8')).toBe(before);
  });

  it('answers a mistyped command with JSON too when asked for JSON', async () => {
    const result = await cli(['export', '--json', '--format', 'pdf']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'usage' } });
  });
});

describe('the quotes command', () => {
  const FIXTURES = resolve('tests/fixtures/quotes-cli');
  const KEYS = [
    'text',
    'start',
    'end',
    'speaker',
    'role',
    'kind',
    'speakerKind',
    'confidence',
    'unsure',
    'alternatives',
  ];
  type Printed = Record<string, unknown> & { text: string; start: number; end: number };

  /** The text the app would store for the file: the same parser as File › Import…. */
  const canonical = async (path: string) =>
    (await parseImportFile({ name: basename(path), bytes: new Uint8Array(await readFile(path)) }))
      .text;

  /** Each printed quote has exactly the keys, in order, and selects its words in `text`. */
  function checkQuotes(stdout: string, text: string, keys = KEYS): Printed[] {
    expect(stdout).toMatch(/^\[\n {2}\{\n {4}"text": /); // pretty-printed, two spaces
    const quotes = JSON.parse(stdout) as Printed[];
    for (const q of quotes) {
      expect(Object.keys(q)).toEqual(keys);
      expect(text.slice(q.start, q.end)).toBe(q.text);
      expect(['direct', 'partial', 'scare']).toContain(q.kind);
      expect(q.confidence).toBeGreaterThanOrEqual(0);
      expect(q.confidence).toBeLessThanOrEqual(1);
      expect(q.unsure).toBe(
        (q.confidence as number) > 0 && (q.confidence as number) < UNSURE_BELOW,
      );
    }
    return quotes;
  }

  for (const file of ['harbour.txt', 'harbour.md', 'harbour.html']) {
    it(`prints the quotations of ${file} with offsets into its canonical text`, async () => {
      const path = join(FIXTURES, file);
      const { code, stdout, stderr } = await cli(['quotes', path]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const quotes = checkQuotes(stdout, await canonical(path));
      expect(quotes.map((q) => q.text)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('We will hold the line'),
          expect.stringContaining('The ships go to Rotterdam'),
        ]),
      );
    });
  }

  it('adds the evidence with --evidence, and leaves out scare quotes with --direct', async () => {
    const path = join(FIXTURES, 'harbour.md');
    const text = await canonical(path);
    const all = checkQuotes((await cli(['quotes', path])).stdout, text);
    const withEvidence = checkQuotes((await cli(['quotes', path, '--evidence'])).stdout, text, [
      ...KEYS,
      'evidence',
    ]);
    expect(withEvidence.map(({ evidence: _, ...q }) => q)).toEqual(all);
    const direct = checkQuotes((await cli(['quotes', '--direct', path])).stdout, text);
    // `--direct`: somebody's words (statements and partial quotations), no scare quotes.
    expect(direct).toEqual(all.filter((q) => q.kind !== 'scare'));
    expect(direct.length).toBeGreaterThan(0);
  });

  it('reads a document of the notebook with --doc, while the app holds it', async () => {
    const dir = await tempDir();
    const app = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    try {
      const [summary] = await app.handlers.listDocuments({});
      const doc = await app.handlers.getDocument({ id: summary!.id });
      const { code, stdout } = await cli(['quotes', '--doc', doc.id, '--data-dir', dir]);
      expect(code).toBe(0);
      const quotes = checkQuotes(stdout, doc.text);
      const { suggestions } = await app.handlers.findQuotes({ documentId: doc.id });
      expect(quotes.map((q) => [q.start, q.end])).toEqual(suggestions.map((s) => [s.start, s.end]));
      expect(quotes.some((q) => q.text.includes('ready to fight you'))).toBe(true);

      const unknown = await cli(['quotes', '--doc', 'doc_nope', '--data-dir', dir]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('No document has the id "doc_nope"');
    } finally {
      await app.close();
    }
    const noNotebook = await cli(['quotes', '--doc', 'x', '--data-dir', join(dir, 'elsewhere')]);
    expect(noNotebook.code).toBe(1);
    expect(noNotebook.stderr).toContain('There is no notebook');
  });

  it('fails on a missing or unreadable file, and on bad usage', async () => {
    const dir = await tempDir();
    const missing = await cli(['quotes', join(dir, 'gone.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no file');
    expect(missing.stdout).toBe('');

    const pdf = join(dir, 'report.pdf');
    await writeFile(pdf, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
    const refused = await cli(['quotes', pdf, '--json']);
    expect(refused.code).toBe(1);
    // A broken PDF is refused by name, with what is wrong with it.
    expect(refused.stderr).toContain('report.pdf cannot be read: it is not a valid PDF');
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'invalid-input' } });

    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    expect((await cli(['quotes', empty])).stderr).toContain('empty');

    const folder = await cli(['quotes', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('not a file');

    for (const args of [
      ['quotes'],
      ['quotes', 'a.txt', 'b.txt'],
      ['quotes', 'a.txt', '--doc', 'doc_1'],
      ['quotes', 'a.txt', '--evidnce'],
    ]) {
      const usage = await cli(args);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr).toContain('Usage:');
    }
  });
});

describe('the command line and other tools’ files', () => {
  it('exports .qdpx and .qdc, and imports a .qdpx and a .qdc into a new notebook', async () => {
    const dir = await notebookFolder();
    const out = await tempDir();
    const qdpx = join(out, 'project.qdpx');
    const qdc = join(out, 'codebook.qdc');
    expect((await cli(['export', '-f', 'qdpx', '-o', qdpx, '--data-dir', dir])).code).toBe(0);
    expect((await cli(['export', '-f', 'qdc', '-o', qdc, '--data-dir', dir])).code).toBe(0);
    const fresh = join(await tempDir(), 'new');
    const { code, stdout } = await cli([
      'import',
      qdpx,
      resolve('../shared/interop/refi-qda/atlasti-win23.4.0_codebook_from-requal-test.qdc'),
      '--create',
      '--data-dir',
      fresh,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /imported project\.qdpx \(written by Marginalia [\d.]+\): 2 documents, \d+ highlights/,
    );
    expect(stdout).toMatch(/not carried: 1 code group/);
    const listed = JSON.parse((await cli(['list', '--json', '--data-dir', fresh])).stdout) as {
      quotes: number;
    }[];
    expect(listed).toHaveLength(2);
    expect(listed.reduce((n, d) => n + d.quotes, 0)).toBeGreaterThan(0);
  });
});
