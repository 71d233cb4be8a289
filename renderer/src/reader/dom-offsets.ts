import { findSegment } from '../../../shared/text/segments.ts';
import { articleSurface, selectionOffsetsOn } from './text-surface.ts';

/**
 * The article is rendered as spans that each carry the offset of their text in the document
 * (`data-start`). This maps DOM points to document offsets and back, so the DOM is never changed
 * to draw or find a highlight.
 */
export interface SegmentIndex {
  spans: HTMLElement[];
  starts: { start: number; end: number }[];
  textLength: number;
}

export function indexSegments(root: HTMLElement, textLength: number): SegmentIndex {
  const spans = Array.from(root.querySelectorAll<HTMLElement>('[data-start]'));
  const starts = spans.map((span) => {
    const start = Number(span.dataset.start);
    return { start, end: start + (span.textContent?.length ?? 0) };
  });
  return { spans, starts, textLength };
}

/**
 * Offset in the document of a DOM point inside the article, or null outside it. `bias` matters
 * only for points between elements: a range's start belongs to the next run of text, its end to
 * the previous one (so a triple-clicked paragraph does not take the paragraph break with it).
 */
export function pointToOffset(
  index: SegmentIndex,
  root: HTMLElement,
  node: Node,
  offset: number,
  bias: 'start' | 'end' = 'start',
): number | null {
  if (!root.contains(node)) return null;
  const host = node.nodeType === Node.TEXT_NODE ? node.parentElement : null;
  if (host?.dataset.start !== undefined) return Number(host.dataset.start) + offset;

  // An element boundary (triple-click, selecting a whole paragraph): find the first segment that
  // starts at or after the point.
  const point = document.createRange();
  point.setStart(node, offset);
  let lo = 0;
  let hi = index.spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // comparePoint: -1 when the span's start is before the point.
    if (point.comparePoint(index.spans[mid]!, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (bias === 'end' && lo > 0) return index.starts[lo - 1]!.end;
  return lo < index.starts.length ? index.starts[lo]!.start : index.textLength;
}

function offsetToPoint(index: SegmentIndex, offset: number): { node: Node; offset: number } | null {
  const i = findSegment(index.starts, offset);
  if (i < 0) return null;
  const span = index.spans[i]!;
  const text = span.firstChild;
  if (!text) return null;
  return { node: text, offset: offset - index.starts[i]!.start };
}

/** A DOM range over document offsets [start, end), or null when they are outside the text. */
export function offsetsToRange(index: SegmentIndex, start: number, end: number): Range | null {
  const from = offsetToPoint(index, start);
  const to = offsetToPoint(index, end);
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** The current selection as document offsets, when it is a non-empty selection in the article. */
export function selectionOffsets(
  index: SegmentIndex,
  root: HTMLElement,
  selection: Selection | null,
): { start: number; end: number } | null {
  return selectionOffsetsOn(articleSurface(index, root), selection);
}
