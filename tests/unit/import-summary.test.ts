import { describe, expect, it } from 'vitest';
import {
  describeUpdate,
  documentToOpen,
  type ImportItem,
  type ImportReport,
  needsReportDialog,
  summarizeImport,
} from '../../shared/import.ts';
import type { Block } from '../../shared/model.ts';
import { listMarkers } from '../../shared/text/list-markers.ts';

const report = (items: ImportItem[], cancelled = false): ImportReport => ({
  jobId: 'j',
  cancelled,
  items,
});
const imported = (n: number): ImportItem => ({
  name: `${n}.md`,
  status: 'imported',
  documentId: `doc_${n}`,
  title: `Doc ${n}`,
});
const failed: ImportItem = {
  name: 'x.bin',
  status: 'failed',
  code: 'binary',
  reason: 'It looks like a binary file, not text.',
  message: 'x.bin: it looks like a binary file, not text.',
};
const duplicate: ImportItem = {
  name: 'again.md',
  status: 'duplicate',
  documentId: 'doc_1',
  title: 'Doc 1',
};

describe('import reports in words', () => {
  it('summarises what happened in one line', () => {
    expect(summarizeImport(report([imported(1)]))).toBe('Imported 1 document.');
    expect(summarizeImport(report([imported(1), imported(2), duplicate, failed]))).toBe(
      'Imported 2 documents · 1 already in the library · 1 could not be imported.',
    );
    expect(summarizeImport(report([imported(1), { name: 'b.md', status: 'skipped' }], true))).toBe(
      'Imported 1 document · cancelled (1 not imported).',
    );
    expect(summarizeImport(report([]))).toBe('Nothing was imported.');
  });

  it('opens a dialog for several files or any failure, not for one good file', () => {
    expect(needsReportDialog(report([imported(1)]))).toBe(false);
    expect(needsReportDialog(report([duplicate]))).toBe(false);
    expect(needsReportDialog(report([failed]))).toBe(true);
    expect(needsReportDialog(report([imported(1), imported(2)]))).toBe(true);
    expect(needsReportDialog(report([imported(1), { name: 'b', status: 'skipped' }]))).toBe(false);
  });

  it('opens the first document that came in, else the one already there', () => {
    expect(documentToOpen(report([failed, imported(2), imported(3)]))).toBe('doc_2');
    expect(documentToOpen(report([duplicate]))).toBe('doc_1');
    expect(documentToOpen(report([failed]))).toBeNull();
  });

  it('says how many highlights of an updated document found their place', () => {
    const update = (placed: number, orphaned: number) =>
      describeUpdate({
        name: 'v2.html',
        status: 'updated',
        documentId: 'd',
        title: 'Page',
        placed,
        orphaned,
        undo: { document: {} as never, targets: [] },
      });
    expect(update(0, 0)).toBe('Updated “Page” to the new text.');
    expect(update(3, 0)).toBe('Updated “Page”: all 3 highlights found their place.');
    expect(update(1, 1)).toBe(
      'Updated “Page”: 1 of 2 highlights found their place; 1 could not be placed and is listed for you to re-attach or delete.',
    );
  });
});

describe('list markers', () => {
  const item = (level: number, ordered: boolean): Block => ({
    type: 'list-item',
    start: 0,
    end: 1,
    level,
    ordered,
  });
  it('numbers ordered items per level, restarting under a new parent and after other blocks', () => {
    const blocks: Block[] = [
      item(0, false),
      item(1, true),
      item(1, true),
      item(0, false),
      item(1, true),
      { type: 'paragraph', start: 0, end: 1 },
      item(0, true),
      item(0, true),
      item(2, false),
    ];
    expect(listMarkers(blocks)).toEqual(['•', '1.', '2.', '•', '1.', null, '1.', '2.', '▪']);
  });
});
