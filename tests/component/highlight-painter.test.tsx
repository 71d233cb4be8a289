import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrawnPage } from '../../renderer/src/pdf/pdf-surface.ts';
import { PdfSurface } from '../../renderer/src/pdf/pdf-surface.ts';
import {
  ACTIVE_HIGHLIGHT,
  clearHighlights,
  createHighlightPainter,
  DIM_HIGHLIGHT,
  highlightName,
} from '../../renderer/src/reader/highlight-painter.ts';
import type { TextSurface } from '../../renderer/src/reader/text-surface.ts';
import type { Annotation } from '../../shared/model.ts';
import { makeAnnotation } from './fixtures.ts';

/**
 * happy-dom has no CSS Custom Highlight API: a stand-in with its shape (a registry of named
 * sets of ranges), so what the painter registers can be read back.
 */
class FakeHighlight extends Set<Range> {
  priority = 0;
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}
const registry = new Map<string, FakeHighlight>();
beforeEach(() => {
  registry.clear();
  vi.stubGlobal('CSS', { highlights: registry });
  vi.stubGlobal('Highlight', FakeHighlight);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/**
 * A text of `pages` pages of 100 characters, each page a text node that can be drawn or not
 * (as a PDF's pages are), counting the ranges asked of it.
 */
function pagedSurface(pages: number) {
  const root = document.createElement('div');
  document.body.append(root);
  const nodes = new Map<number, Text>();
  const drawing = new Map<number, number>();
  let drawings = 0;
  const surface = {
    root,
    textLength: pages * 100,
    asked: [] as [number, number][],
    draw(page: number) {
      nodes.get(page)?.remove();
      const node = document.createTextNode('x'.repeat(100));
      root.append(node);
      nodes.set(page, node);
      drawing.set(page, ++drawings);
    },
    hide(page: number) {
      nodes.get(page)?.remove();
      nodes.delete(page);
      drawing.delete(page);
    },
    range(start: number, end: number) {
      surface.asked.push([start, end]);
      const page = Math.floor(start / 100);
      const node = nodes.get(page);
      if (!node || Math.floor((end - 1) / 100) !== page) return null;
      const range = document.createRange();
      range.setStart(node, start - page * 100);
      range.setEnd(node, end - page * 100);
      return range;
    },
    placementKey(start: number, end: number) {
      let key = '';
      for (let page = Math.floor(start / 100); page <= Math.floor((end - 1) / 100); page++)
        if (drawing.has(page)) key += `${page}.${drawing.get(page)},`;
      return key;
    },
    pointToOffset: () => null,
    firstSpanBelow: () => null,
  } satisfies TextSurface & Record<string, unknown>;
  return surface;
}

/** `count` highlights of 5 characters, spread one every 10 characters from `from`. */
const spread = (count: number, from = 0, color: Annotation['color'] = 'yellow') =>
  Array.from({ length: count }, (_, i) =>
    makeAnnotation(`ann_${from + i * 10}`, 'xxxxx', { start: from + i * 10, color }),
  );

/** The painted ranges of a set, as [start, end] offsets in their page. */
const painted = (name: string) =>
  [...(registry.get(name) ?? [])]
    .map((r) => `${r.startOffset}-${r.endOffset}`)
    .sort()
    .join(' ');

describe('the incremental highlight painter', () => {
  it('places only the new highlight when one is added to many', () => {
    const surface = pagedSurface(50);
    for (const page of [0, 1, 2]) surface.draw(page);
    const painter = createHighlightPainter();
    // 2,000 highlights over the whole text, 30 of them on the three drawn pages.
    const many = [...spread(30), ...spread(1970, 300).map((a, i) => ({ ...a, id: `far_${i}` }))];
    painter.paint(surface, many, null);
    expect(registry.get(highlightName('yellow'))?.size).toBe(30);
    surface.asked.length = 0;

    const added = makeAnnotation('ann_new', 'xxx', { start: 6 });
    painter.paint(surface, [...many, added], null);
    expect(surface.asked).toEqual([[6, 9]]);
    expect(registry.get(highlightName('yellow'))?.size).toBe(31);
  });

  it('takes a removed highlight out and moves a recoloured or dimmed one between sets', () => {
    const surface = pagedSurface(3);
    surface.draw(0);
    const painter = createHighlightPainter();
    const [a, b, c] = spread(3);
    painter.paint(surface, [a!, b!, c!], null);
    expect(painted(highlightName('yellow'))).toBe('0-5 10-15 20-25');

    painter.paint(surface, [a!, c!], null);
    expect(painted(highlightName('yellow'))).toBe('0-5 20-25');

    surface.asked.length = 0;
    painter.paint(surface, [a!, { ...c!, color: 'blue' }], null);
    expect(surface.asked).toEqual([[20, 25]]);
    expect(painted(highlightName('yellow'))).toBe('0-5');
    expect(painted(highlightName('blue'))).toBe('20-25');

    // The panel's filter leaves one out: drawn dimmed, then in its colour again.
    const blueC = { ...c!, color: 'blue' as const };
    painter.paint(surface, [a!, blueC], null, (x) => x.id !== a!.id);
    expect(painted(DIM_HIGHLIGHT)).toBe('0-5');
    expect(painted(highlightName('yellow'))).toBe('');
    painter.paint(surface, [a!, blueC], null);
    expect(painted(DIM_HIGHLIGHT)).toBe('');
    expect(painted(highlightName('yellow'))).toBe('0-5');
  });

  it('places again only the highlights of a page drawn again, and those of a page that appears', () => {
    const surface = pagedSurface(3);
    surface.draw(0);
    const painter = createHighlightPainter();
    const list = [...spread(2), ...spread(2, 100), ...spread(2, 200)];
    painter.paint(surface, list, null);
    expect(registry.get(highlightName('yellow'))?.size).toBe(2);

    // Page 1 scrolled into view; page 0 drawn again at another zoom (new DOM).
    surface.draw(1);
    surface.draw(0);
    surface.asked.length = 0;
    painter.paint(surface, list, null);
    expect(surface.asked.map(([s]) => s).sort((x, y) => x - y)).toEqual([0, 10, 100, 110]);
    expect(registry.get(highlightName('yellow'))?.size).toBe(4);
    // Every range is on the text now in the DOM, none on the page removed.
    for (const range of registry.get(highlightName('yellow'))!)
      expect(surface.root.contains(range.startContainer)).toBe(true);

    // Page 0 scrolled away: its highlights leave the set.
    surface.hide(0);
    painter.paint(surface, list, null);
    expect(registry.get(highlightName('yellow'))?.size).toBe(2);
  });

  it('draws the active highlight on top, and starts afresh after the sets were cleared', () => {
    const surface = pagedSurface(1);
    surface.draw(0);
    const painter = createHighlightPainter();
    const list = spread(3);
    painter.paint(surface, list, 'ann_10');
    expect(painted(ACTIVE_HIGHLIGHT)).toBe('10-15');
    expect(registry.get(ACTIVE_HIGHLIGHT)?.priority).toBe(1);
    painter.paint(surface, list, null);
    expect(painted(ACTIVE_HIGHLIGHT)).toBe('');

    clearHighlights();
    expect(registry.get(highlightName('yellow'))).toBeUndefined();
    painter.paint(surface, list, null);
    expect(painted(highlightName('yellow'))).toBe('0-5 10-15 20-25');
  });

  it('starts afresh on another surface (another document, the article indexed again)', () => {
    const first = pagedSurface(1);
    first.draw(0);
    const painter = createHighlightPainter();
    painter.paint(first, spread(2), null);
    const second = pagedSurface(1);
    second.draw(0);
    painter.paint(second, spread(1), null);
    const ranges = [...registry.get(highlightName('yellow'))!];
    expect(ranges).toHaveLength(1);
    expect(second.root.contains(ranges[0]!.startContainer)).toBe(true);
  });
});

describe('PdfSurface.placementKey', () => {
  const page = (index: number, start: number, end: number) =>
    ({
      index,
      map: { start, end },
      divs: [],
      box: document.createElement('div'),
    }) as unknown as DrawnPage;

  it('names the drawings of the pages under a span, and changes when one is drawn again', () => {
    const surface = new PdfSurface(document.createElement('div'), 300, [0, 100, 200]);
    surface.addPage(page(0, 0, 99));
    surface.addPage(page(1, 100, 199));
    const onFirst = surface.placementKey(10, 20);
    const across = surface.placementKey(90, 150);
    expect(onFirst).not.toBe('');
    expect(across).not.toBe(onFirst);
    expect(surface.placementKey(250, 260)).toBe('');
    surface.addPage(page(1, 100, 199));
    expect(surface.placementKey(10, 20)).toBe(onFirst);
    expect(surface.placementKey(90, 150)).not.toBe(across);
    surface.removePage(0);
    expect(surface.placementKey(10, 20)).toBe('');
  });
});
