import { describe, expect, it } from 'vitest';
import type { NotebookDocument } from '../../shared/model.ts';
import { documentOutline } from '../../shared/outline.ts';

describe('the document outline', () => {
  it("lists an article's headings with their level and text", () => {
    const text = 'Title\nIntro text.\nMethods\nWe asked.\n  Sampling  \nRandomly.';
    const blocks = [
      { type: 'heading', start: 0, end: 5, level: 1 },
      { type: 'paragraph', start: 6, end: 17 },
      { type: 'heading', start: 18, end: 25, level: 2 },
      { type: 'paragraph', start: 26, end: 35 },
      { type: 'heading', start: 36, end: 47, level: 3 },
    ] as NotebookDocument['blocks'];
    expect(documentOutline({ text, blocks })).toEqual([
      { title: 'Title', level: 1, start: 0, end: 5 },
      { title: 'Methods', level: 2, start: 18, end: 25 },
      { title: 'Sampling', level: 3, start: 36, end: 47 },
    ]);
    expect(documentOutline({ text, blocks: [] })).toEqual([]);
  });

  it("lists a PDF's bookmarks at the start of their pages, leaving out those without a page", () => {
    const text = 'a'.repeat(300);
    const pdf = {
      pageStarts: [0, 100, 200],
      outline: [
        { title: 'Introduction', page: 0, depth: 0 },
        { title: 'Elsewhere', page: null, depth: 0 },
        { title: '  ', page: 2, depth: 1 },
        { title: 'Out of range', page: 9, depth: 0 },
      ],
    } as unknown as NotebookDocument['pdf'];
    expect(documentOutline({ text, blocks: [], pdf })).toEqual([
      { title: 'Introduction', level: 1, start: 0, end: 40, page: 0 },
      { title: 'Page 3', level: 2, start: 200, end: 240, page: 2 },
    ]);
  });
});
