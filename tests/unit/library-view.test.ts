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

  it('sorts by last opened, most recent first, never-opened documents last by date added', () => {
    const reading = {
      a: { position: 0, progress: 0.2, openedAt: '2026-03-01T10:00:00.000Z' },
      c: { position: null, progress: 1, openedAt: '2026-03-02T10:00:00.000Z' },
    };
    const order = libraryView(docs, { sort: 'opened', filter: '', reading }).map((d) => d.id);
    expect(order).toEqual(['c', 'a', 'd', 'b']);
  });

  it('shows only a collection’s documents, filtered and sorted as usual', () => {
    const within = new Set(['a', 'c', 'd', 'gone']);
    expect(libraryView(docs, { sort: 'title', filter: '', within }).map((d) => d.id)).toEqual([
      'd',
      'c',
      'a',
    ]);
    expect(libraryView(docs, { sort: 'title', filter: 'cole', within }).map((d) => d.id)).toEqual([
      'd',
      'c',
    ]);
    expect(libraryView(docs, { sort: 'added', filter: '', within: new Set() })).toEqual([]);
  });
});
