import type { PageViewport } from 'pdfjs-dist';
import type { PageSelector, PdfRect } from '../../../shared/model.ts';
import { type PageTextMap, pageAt } from '../../../shared/pdf/document-text.ts';
import type { TextSurface } from '../reader/text-surface.ts';

/** A page whose text layer is on screen: its map, its spans (one per text item), its geometry. */
export interface DrawnPage {
  index: number;
  map: PageTextMap;
  /** pdf.js's `textDivs`: element i shows item i's string. */
  divs: readonly HTMLElement[];
  /** The page's box (canvas and text layer share it). */
  box: HTMLElement;
  viewport: PageViewport;
}

const MAX_RECTS = 2000;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A PDF's text layers as one text surface. Only pages near the viewport are drawn, so ranges
 * reach as far as drawn pages do; a highlight on a page not drawn yet is painted when it is.
 * The DOM order of the layers is page order and, within a page, item order, which is the order
 * of the canonical text: one DOM range covers a highlight across lines, columns and pages.
 */
export class PdfSurface implements TextSurface {
  readonly root: HTMLElement;
  readonly textLength: number;
  private readonly pageStarts: readonly number[];
  private readonly drawn = new Map<number, DrawnPage>();
  private readonly owner = new WeakMap<Node, { page: DrawnPage; item: number }>();
  /** Each drawn page's drawing, counted: a page drawn again (zoom, scrolled back) is new DOM. */
  private readonly drawing = new Map<number, number>();
  private drawings = 0;

  constructor(root: HTMLElement, textLength: number, pageStarts: readonly number[]) {
    this.root = root;
    this.textLength = textLength;
    this.pageStarts = pageStarts;
  }

  /** Drawn pages in page order, kept sorted (painting asks once per highlight). */
  private ordered: DrawnPage[] | null = null;

  addPage(page: DrawnPage): void {
    this.drawn.set(page.index, page);
    this.drawing.set(page.index, ++this.drawings);
    this.ordered = null;
    for (const [item, div] of page.divs.entries()) this.owner.set(div, { page, item });
  }

  removePage(index: number): void {
    this.drawn.delete(index);
    this.drawing.delete(index);
    this.ordered = null;
  }

  /** The drawings of the pages under [start, end]: what a range over it is made of. */
  placementKey(start: number, end: number): string {
    let key = '';
    for (const page of this.pagesInOrder()) {
      if (page.map.end < start || page.map.start > end) continue;
      key += `${page.index}.${this.drawing.get(page.index)},`;
    }
    return key;
  }

  /** Pages drawn now, in page order. */
  private pagesInOrder(): DrawnPage[] {
    this.ordered ??= [...this.drawn.values()].sort((a, b) => a.index - b.index);
    return this.ordered;
  }

  range(start: number, end: number): Range | null {
    let first: { node: Node; offset: number } | null = null;
    let last: { node: Node; offset: number } | null = null;
    for (const page of this.pagesInOrder()) {
      if (page.map.end < start || page.map.start > end) continue;
      const places = page.map.placesOf(start, end);
      if (!places) continue;
      const from = textPoint(page.divs[places.startItem], places.startOffset);
      const to = textPoint(page.divs[places.endItem], places.endOffset);
      if (!from || !to) continue;
      first ??= from;
      last = to;
    }
    if (!first || !last) return null;
    const range = document.createRange();
    range.setStart(first.node, first.offset);
    range.setEnd(last.node, last.offset);
    return range;
  }

  pointToOffset(node: Node, offset: number, bias: 'start' | 'end' = 'start'): number | null {
    if (!this.root.contains(node)) return null;
    const host = node.nodeType === Node.TEXT_NODE ? node.parentElement : null;
    const owned = host ? this.owner.get(host) : undefined;
    if (owned) return owned.page.map.offsetAt(owned.item, offset);
    // An element boundary (a drag that ends between spans or past a page's last line).
    const element = node as Element;
    const after = element.childNodes?.[offset] ?? null;
    const next = after ? this.nextOwned(after, bias) : null;
    if (next) {
      return bias === 'end'
        ? next.page.map.offsetAt(next.item, Number.MAX_SAFE_INTEGER)
        : next.page.map.offsetAt(next.item, 0);
    }
    // A page's box without a drawn text layer: its first character.
    const pageBox = (element.closest?.('[data-page-index]') ?? null) as HTMLElement | null;
    if (pageBox) {
      const index = Number(pageBox.dataset.pageIndex);
      return this.pageStarts[index + (bias === 'end' ? 1 : 0)] ?? this.textLength;
    }
    return null;
  }

  /** The nearest text span at or after (or, for an end, before) a node in document order. */
  private nextOwned(from: Node, bias: 'start' | 'end') {
    const walker = document.createTreeWalker(this.root, NodeFilter.SHOW_ELEMENT);
    walker.currentNode = from;
    // The node after the boundary belongs to a start; an end looks at what comes before it.
    let current: Node | null = bias === 'end' ? walker.previousNode() : from;
    while (current) {
      const owned = this.owner.get(current);
      if (owned) return owned;
      current = bias === 'end' ? walker.previousNode() : walker.nextNode();
    }
    return null;
  }

  firstSpanBelow(top: number): HTMLElement | null {
    for (const page of this.pagesInOrder()) {
      for (const div of page.divs) {
        if (div.isConnected && div.getBoundingClientRect().bottom > top) return div;
      }
    }
    return null;
  }

  /** The page a document offset is on (for going to it). */
  pageOf(offset: number): number {
    return pageAt(this.pageStarts, offset);
  }

  pageSelector(start: number, end: number): PageSelector | undefined {
    const range = this.range(start, end);
    if (!range) return undefined;
    const rects: PageSelector['rects'] = [];
    const pages = this.pagesInOrder();
    for (const client of range.getClientRects()) {
      if (client.width < 0.5 || client.height < 0.5 || rects.length >= MAX_RECTS) continue;
      const cx = client.left + client.width / 2;
      const cy = client.top + client.height / 2;
      const page = pages.find((p) => {
        const b = p.box.getBoundingClientRect();
        return cx >= b.left && cx <= b.right && cy >= b.top && cy <= b.bottom;
      });
      if (!page) continue;
      rects.push({ page: page.index, rect: toPdfRect(page, client) });
    }
    return {
      type: 'PdfPageSelector',
      page: rects[0]?.page ?? this.pageOf(start),
      rects,
    };
  }
}

/** A screen rectangle on a page to PDF user space (independent of zoom and rotation). */
function toPdfRect(page: DrawnPage, client: DOMRect): PdfRect {
  const box = page.box.getBoundingClientRect();
  const [x1, y1] = page.viewport.convertToPdfPoint(client.left - box.left, client.top - box.top);
  const [x2, y2] = page.viewport.convertToPdfPoint(
    client.right - box.left,
    client.bottom - box.top,
  );
  return [
    round(Math.min(x1, x2)),
    round(Math.min(y1, y2)),
    round(Math.max(x1, x2)),
    round(Math.max(y1, y2)),
  ];
}

function textPoint(div: HTMLElement | undefined, offset: number) {
  const text = div?.firstChild;
  if (!text || !div.isConnected) return null;
  return { node: text, offset: Math.min(offset, text.textContent?.length ?? 0) };
}
