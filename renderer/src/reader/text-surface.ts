import type { PageSelector } from '../../../shared/model.ts';
import { offsetsToRange, pointToOffset, type SegmentIndex } from './dom-offsets.ts';

/**
 * What the reader draws its text on, seen through the one annotation model: offsets into the
 * document's canonical text. The article (ordinary DOM, one span per run of text) and a PDF's
 * text layers (one span per pdf.js text item, shown page by page) are two kinds of surface; the
 * reader, its selection toolbar, the highlight painter and the keyboard work on either.
 */
export interface TextSurface {
  readonly root: HTMLElement;
  readonly textLength: number;
  /** A DOM range over [start, end) as far as it is on screen now, or null. */
  range(start: number, end: number): Range | null;
  /** The document offset of a DOM point inside the surface, or null outside it. */
  pointToOffset(node: Node, offset: number, bias?: 'start' | 'end'): number | null;
  /** The first text element whose box ends below `top` (where keyboard reading starts). */
  firstSpanBelow(top: number): HTMLElement | null;
  /** On pages: the page and rectangles (in PDF user space) the range covers on screen. */
  pageSelector?(start: number, end: number): PageSelector | undefined;
  /**
   * The offsets of the text drawn between two heights of the viewport (client coordinates), or
   * null when that cannot be told (nothing laid out). The painter registers only the highlights
   * there. A PDF leaves it out: it draws only the pages near the viewport anyway.
   */
  offsetsBetween?(top: number, bottom: number): { start: number; end: number } | null;
  /**
   * What `range(start, end)` depends on, as a key that changes when it would answer otherwise
   * (the pages drawn under those offsets, each drawing counted). The painter keeps a highlight's
   * range while its key stays. Without it, a range is kept as long as the surface itself: the
   * article is a new surface each time it is indexed.
   */
  placementKey?(start: number, end: number): string;
}

/** The article's surface: spans carrying their offset (`data-start`). */
export function articleSurface(index: SegmentIndex, root: HTMLElement): TextSurface {
  return {
    root,
    textLength: index.textLength,
    range: (start, end) => offsetsToRange(index, start, end),
    pointToOffset: (node, offset, bias) => pointToOffset(index, root, node, offset, bias),
    firstSpanBelow: (top) =>
      index.spans.find((span) => span.getBoundingClientRect().bottom > top) ??
      index.spans[0] ??
      null,
    offsetsBetween: (top, bottom) => offsetsBetween(index, top, bottom),
  };
}

/**
 * The spans are in reading order, top to bottom, so the first one ending below `top` and the
 * last one starting above `bottom` are found by bisection: a few boxes read, not one per span.
 */
function offsetsBetween(
  index: SegmentIndex,
  top: number,
  bottom: number,
): { start: number; end: number } | null {
  const { spans, starts } = index;
  if (spans.length === 0) return null;
  const first = spans[0]!.getBoundingClientRect();
  const last = spans[spans.length - 1]!.getBoundingClientRect();
  // Not laid out (hidden, or a DOM without layout): no telling what is in view.
  if (first.height === 0 && last.height === 0 && first.top === last.top) return null;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.getBoundingClientRect().bottom <= top) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.getBoundingClientRect().top < bottom) lo = mid + 1;
    else hi = mid;
  }
  const to = lo - 1;
  if (to < from) {
    const at = starts[Math.min(from, starts.length - 1)]!.start;
    return { start: at, end: at };
  }
  return { start: starts[from]!.start, end: starts[to]!.end };
}

/** The current selection as document offsets, when it is a non-empty selection on the surface. */
export function selectionOffsetsOn(
  surface: TextSurface,
  selection: Selection | null,
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const { root } = surface;
  // A drag that starts in the text and ends outside it (in the margin, past the last line)
  // selects the text up to its edge. One end must be inside: Select All is not a quote.
  const startsInside = root.contains(range.startContainer);
  const endsInside = root.contains(range.endContainer);
  if (!startsInside && !endsInside) return null;
  const start = startsInside ? surface.pointToOffset(range.startContainer, range.startOffset) : 0;
  const end = endsInside
    ? surface.pointToOffset(range.endContainer, range.endOffset, 'end')
    : surface.textLength;
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The offset under a screen point (for clicks on highlights). */
export function offsetAtPointOn(surface: TextSurface, x: number, y: number): number | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (doc.caretPositionFromPoint) {
    const pos = doc.caretPositionFromPoint(x, y);
    return pos ? surface.pointToOffset(pos.offsetNode, pos.offset) : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? surface.pointToOffset(range.startContainer, range.startOffset) : null;
}
