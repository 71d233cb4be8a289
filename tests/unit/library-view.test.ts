import { describe, expect, it } from 'vitest';
import { libraryView } from '../../shared/library/library-view.ts';
import type { DocumentSummary } from '../../shared/model.ts';

const doc = (id: string, over: Partial<DocumentSummary>): DocumentSummary => ({
  id,
  title: id,
  author: '',
  source: '',
  url: '',
  publishedDate: '',
  importedAt: '2026-01-01T00:00:00.000Z',
  annotationCount: 0,
  orphanCount: 0,
  wordCount: 100,
  ...over,
});

const docs = [
  doc('b', {
    title: 'Bagram talks',
    author: 'Lena Ortiz',
    publishedDate: '2025-09-21',
    importedAt: '2026-01-03T00:00:00.000Z',
    annotationCount: 4,
  }),
  doc('a', {
    title: 'Émigrés in Kabul',
    source: 'The Harbour Times',
    importedAt: '2026-01-01T00:00:00.000Z',
    annotationCount: 9,
  }),
  doc('c', {
    title: 'Court report 10',
    author: 'Ann Cole',
    publishedDate: '2024-02-01',
    importedAt: '2026-01-02T00:00:00.000Z',
  }),
  doc('d', {
    title: 'Court report 9',
    author: 'Ann Cole',
    importedAt: '2026-01-04T00:00:00.000Z',
    annotationCount: 4,
  }),
];
const ids = (sort: Parameters<typeof libraryView>[1]['sort'], filter = '') =>
  libraryView(docs, { sort, filter }).map((d) => d.id);

describe('the library view', () => {
  it('sorts by date added, title (numbers as numbers), author, date published and highlights', () => {
    expect(ids('added')).toEqual(['d', 'b', 'c', 'a']);
    expect(ids('title')).toEqual(['b', 'd', 'c', 'a']);
    // By author, no author last; then by title.
    expect(ids('author')).toEqual(['d', 'c', 'b', 'a']);
    // Newest first, undated last.
    expect(ids('published')).toEqual(['b', 'c', 'd', 'a']);
    expect(ids('highlights')).toEqual(['a', 'b', 'd', 'c']);
  });

  it('narrows to documents whose title, author or source has every word typed, folded', () => {
    expect(ids('added', 'emigres')).toEqual(['a']);
    expect(ids('added', 'harbour')).toEqual(['a']);
    expect(ids('title', 'cole court')).toEqual(['d', 'c']);
    expect(ids('added', 'ORT')).toEqual(['d', 'b', 'c']);
    expect(ids('added', 'nothing like this')).toEqual([]);
    expect(ids('added', '   ')).toEqual(['d', 'b', 'c', 'a']);
  });
});
