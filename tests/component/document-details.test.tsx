import { describe, expect, it } from 'vitest';
import { detailsBefore } from '../../renderer/src/reader/document-details.ts';
import type { CslRecord } from '../../shared/citations/citations.ts';
import type { NotebookDocument } from '../../shared/model.ts';

const doc = (over: Partial<NotebookDocument> = {}) =>
  ({
    id: 'doc-1',
    title: 'Old title',
    author: 'Ann Author',
    source: '',
    url: 'https://example.org/a',
    publishedDate: '2020-01-01',
    importedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  }) as NotebookDocument;

describe('detailsBefore', () => {
  it('gives the values of the fields the change touches, and only those', () => {
    expect(detailsBefore(doc(), { title: 'New title', url: '' })).toEqual({
      title: 'Old title',
      url: 'https://example.org/a',
    });
  });

  it('gives null for a record the document did not have, so undo removes an added one', () => {
    const csl = { id: 'x', type: 'article' } as CslRecord;
    expect(detailsBefore(doc(), { csl })).toEqual({ csl: null });
  });

  it('gives the record the document had when the change replaces or removes it', () => {
    const csl = { id: 'x', type: 'book' } as CslRecord;
    expect(detailsBefore(doc({ csl }), { csl: null })).toEqual({ csl });
  });
});
