import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysisService } from '../../electron/notebook/analysis-service.ts';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import { analyze } from '../../shared/analysis/analyze.ts';
import { analysisQuerySchema } from '../../shared/analysis/query.ts';
import { tableCsv } from '../../shared/analysis/table-csv.ts';
import type { AnalysisTable } from '../../shared/analysis/types.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

// The analysis methods through a real notebook on disk: quotes coded as the app codes them.

const tempDir = tempDirs();
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((n) => n.close().catch(() => {})));
});

async function coded() {
  const dataDir = await tempDir();
  const outDir = await tempDir();
  const saveAs: { path: string | null } = { path: null };
  const notebook = await openNotebook({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    store: { writeDelayMs: 0 },
    host: { chooseSavePath: async () => saveAs.path },
  });
  opened.push(notebook);
  const h = notebook.handlers;
  const [summary] = await h.listDocuments({});
  const docId = summary!.id;
  const threat = await h.createTag({ name: 'threat' });
  const afghan = await h.createTag({ name: 'actors/afghan' });
  const actors = notebook.store.data.tags.find((t) => t.name === 'actors')!;
  await h.createAnnotation({
    documentId: docId,
    start: 0,
    end: 20,
    color: 'yellow',
    tagIds: [threat.id, afghan.id],
  });
  await h.createAnnotation({
    documentId: docId,
    start: 10,
    end: 40,
    color: 'yellow',
    tagIds: [afghan.id],
  });
  await h.createAnnotation({
    documentId: docId,
    start: 100,
    end: 140,
    color: 'blue',
    tagIds: [threat.id],
  });
  return { notebook, h, docId, threat, afghan, actors, dataDir, outDir, saveAs };
}

describe('analyzeNotebook', () => {
  it('counts the coded quotes per code and document', async () => {
    const { notebook, docId, threat, actors } = await coded();
    const result = await notebook.dispatch('analyzeNotebook', { chart: 'matrix' });
    expect(result.ok).toBe(true);
    const t = (result as { value: AnalysisTable }).value;
    expect(t.columns.map((c) => c.id)).toEqual([docId]);
    expect(t.rows.map((r) => r.id)).toEqual([actors.id, threat.id]);
    expect(t.cells).toEqual([[2], [2]]);
  });

  it('recounts after an edit (the index is cached per store revision)', async () => {
    const { h, docId, threat } = await coded();
    const before = await h.analyzeNotebook({ chart: 'matrix', filter: {}, level: 'top' });
    expect(before.cells[1]).toEqual([2]);
    await h.createAnnotation({
      documentId: docId,
      start: 200,
      end: 220,
      color: 'yellow',
      tagIds: [threat.id],
    });
    const after = await h.analyzeNotebook({ chart: 'matrix', filter: {}, level: 'top' });
    expect(after.cells[1]).toEqual([3]);
  });

  it('refuses a payload that is not a chart, naming the problem, and a filter naming nothing', async () => {
    const { notebook } = await coded();
    const bad = await notebook.dispatch('analyzeNotebook', { chart: 'pie' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!bad.ok && bad.error.message).toMatch(/analyzeNotebook: chart/);
    const missing = await notebook.dispatch('analyzeNotebook', {
      chart: 'matrix',
      filter: { tagIds: ['tag_gone'] },
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!missing.ok && missing.error.message).toMatch(/tag_gone/);
  });
});

describe('the index in the background', () => {
  it('is built before the first chart asks, and built again after a change', async () => {
    const { notebook, h, docId, threat } = await coded();
    const service = createAnalysisService(notebook.store, { host: {} as never });
    await service.warmInBackground();
    const warmed = service.index();
    expect(service.index()).toBe(warmed);
    expect(analyze(warmed, analysisQuerySchema.parse({ chart: 'matrix' })).cells[1]).toEqual([2]);
    // Nothing to do while it is current; after a change the next chart has the new quote.
    const pending = service.warmInBackground();
    await h.createAnnotation({
      documentId: docId,
      start: 300,
      end: 310,
      color: 'yellow',
      tagIds: [threat.id],
    });
    await pending;
    const after = service.index();
    expect(after).not.toBe(warmed);
    expect(analyze(after, analysisQuerySchema.parse({ chart: 'matrix' })).cells[1]).toEqual([3]);
  });
});

describe('analysisCellQuotes', () => {
  it('lists the quotes behind a cell with their text, document and tags, capped with a count', async () => {
    const { h, docId, threat } = await coded();
    const query = { chart: 'matrix', filter: {}, level: 'top' } as const;
    const cell = await h.analysisCellQuotes({ query, rowId: threat.id, columnId: docId, limit: 1 });
    expect(cell.total).toBe(2);
    expect(cell.quotes).toHaveLength(1);
    expect(cell.quotes[0]!.tags).toEqual(['threat', 'actors/afghan']);
    expect(cell.quotes[0]!.exact.length).toBeGreaterThan(0);
    expect(cell.row.label).toBe('threat');
  });
});

describe('saveAnalysisFile', () => {
  it('saves the table as CSV, and SVG and PNG as given, adding the ending when left out', async () => {
    const { h, outDir, saveAs } = await coded();
    saveAs.path = join(outDir, 'matrix');
    const csv = await h.saveAnalysisFile({
      format: 'csv',
      name: 'matrix',
      query: { chart: 'matrix', filter: {}, level: 'top' },
    });
    expect(csv).toMatchObject({ status: 'saved', path: join(outDir, 'matrix.csv') });
    const rows = parse(await readFile(join(outDir, 'matrix.csv'), 'utf8')) as string[][];
    expect(rows[0]![0]).toBe('Code');
    expect(rows[1]).toEqual(['actors', '2', '2']);
    expect(rows.at(-1)![0]).toBe('Total');

    saveAs.path = join(outDir, 'chart.svg');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>';
    await h.saveAnalysisFile({ format: 'svg', name: 'chart', text: svg });
    expect(await readFile(saveAs.path, 'utf8')).toBe(svg);

    saveAs.path = join(outDir, 'chart.png');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await h.saveAnalysisFile({ format: 'png', name: 'chart', data: png.toString('base64') });
    expect(await readFile(saveAs.path)).toEqual(png);
  });

  it('refuses bytes that are not a PNG, the notebook’s own folder, and answers a cancelled dialog', async () => {
    const { notebook, h, dataDir, saveAs } = await coded();
    saveAs.path = join(dataDir, 'elsewhere.png');
    const notPng = await notebook.dispatch('saveAnalysisFile', {
      format: 'png',
      name: 'c',
      data: Buffer.from('GIF89a').toString('base64'),
    });
    expect(notPng).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/not a PNG/) },
    });
    saveAs.path = join(dataDir, 'notebook.csv');
    const inside = await notebook.dispatch('saveAnalysisFile', {
      format: 'csv',
      name: 'c',
      query: { chart: 'matrix' },
    });
    expect(inside).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/own folder/) },
    });
    saveAs.path = null;
    expect(await h.saveAnalysisFile({ format: 'svg', name: 'c', text: '<svg></svg>' })).toEqual({
      status: 'cancelled',
    });
  });
});

describe('tableCsv', () => {
  it('writes co-occurrence as its ranked pairs, and defuses formula-like labels', () => {
    const table = {
      chart: 'cooccurrence',
      rowHeading: 'Code',
      columnHeading: 'Code',
      rows: [],
      columns: [],
      cells: [],
      rowTotals: [],
      columnTotals: [],
      max: 0,
      quotes: 0,
      unit: 'quotes',
      notes: [],
      pairs: [{ a: { id: 'a', label: '=cmd' }, b: { id: 'b', label: 'b, "c"' }, count: 3 }],
    } satisfies AnalysisTable;
    const rows = parse(tableCsv(table)) as string[][];
    expect(rows).toEqual([
      ['code_a', 'code_b', 'quotes'],
      ["'=cmd", 'b, "c"', '3'],
    ]);
  });
});
