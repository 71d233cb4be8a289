import { describe, expect, it } from 'vitest';
import { minimapMarks, minimapPosition } from '../../shared/minimap.ts';
import type { Annotation, NotebookDocument } from '../../shared/model.ts';

const text = 'x'.repeat(1000);
const at = (id: string, start: number, color: Annotation['color'] = 'yellow', orphan = false) =>
  ({
    id,
    color,
    orphan,
    target: { documentId: 'd', position: { start, end: start + 5 }, quote: { exact: 'xxxxx' } },
  }) as unknown as Annotation;

describe('the highlight minimap', () => {
  it('places an article highlight by its offset in the text', () => {
    expect(minimapPosition(at('a', 0), { text })).toBe(0);
    expect(minimapPosition(at('a', 500), { text })).toBe(0.5);
  });

  it('places a PDF highlight by its page and its height on the page', () => {
    const pdf = {
      pageCount: 4,
      pageStarts: [0, 250, 500, 750],
      pageSizes: [
        [600, 800],
        [600, 800],
        [600, 800],
        [600, 800],
      ],
    } as unknown as NotebookDocument['pdf'];
    // Halfway through the third page's text.
    expect(minimapPosition(at('t', 625), { text, pdf })).toBeCloseTo(0.625);
    const area = {
      id: 'r',
      color: 'blue',
      target: {
        documentId: 'd',
        area: { type: 'PdfAreaSelector', page: 1, rect: [10, 200, 300, 600] },
      },
    } as unknown as Annotation;
    // The top of the rectangle is 600 of 800 points up: a quarter down page 2 of 4.
    expect(minimapPosition(area, { text, pdf })).toBeCloseTo((1 + 0.25) / 4);
  });

  it('draws one mark per row, the first highlight there named and coloured, orphans left out', () => {
    const marks = minimapMarks(
      [
        at('late', 900, 'green'),
        at('b', 501, 'pink'),
        at('a', 500, 'blue'),
        at('lost', 100, 'yellow', true),
      ],
      { text },
      10,
    );
    expect(marks).toEqual([
      { id: 'a', count: 2, color: 'blue', top: 0.5 },
      { id: 'late', count: 1, color: 'green', top: 0.9 },
    ]);
  });

  it('keeps 5,000 highlights to at most one mark per row', () => {
    const many = Array.from({ length: 5000 }, (_, i) => at(`h${i}`, i % 1000));
    expect(minimapMarks(many, { text }).length).toBeLessThanOrEqual(400);
  });
});
