import { isAreaAnnotation } from './annotations.ts';
import type { HighlightColor } from './colors.ts';
import type { Annotation, NotebookDocument } from './model.ts';
import { pageAt } from './pdf/document-text.ts';

/** A mark in the highlight minimap: where (0 top, 1 bottom), in which colour, and whose. */
export interface MinimapMark {
  /** The first highlight in the mark's row (a click jumps to it), and how many share the row. */
  id: string;
  count: number;
  color: HighlightColor;
  top: number;
}

/** Rows of the strip: marks closer than one row share it, so 5,000 highlights draw at most this many. */
export const MINIMAP_ROWS = 400;

/**
 * Where each highlight stands in its document, from 0 to 1, without measuring the page: an
 * article's highlight by its offset in the text (prose runs evenly enough down the page), a PDF
 * highlight by its page and its height on that page.
 */
export function minimapPosition(
  annotation: Annotation,
  document: Pick<NotebookDocument, 'text' | 'pdf'>,
): number {
  const pdf = document.pdf;
  if (isAreaAnnotation(annotation)) {
    const { page, rect } = annotation.target.area;
    if (!pdf) return 0;
    const height = pdf.pageSizes[page]?.[1] ?? 1;
    // PDF user space runs up from the bottom of the page.
    const down = Math.min(1, Math.max(0, 1 - Math.max(rect[1], rect[3]) / height));
    return (page + down) / pdf.pageCount;
  }
  const start = annotation.target.position?.start ?? 0;
  if (pdf) {
    const page = annotation.target.page?.page ?? pageAt(pdf.pageStarts, start);
    const pageStart = pdf.pageStarts[page] ?? 0;
    const pageEnd = pdf.pageStarts[page + 1] ?? document.text.length;
    const within = pageEnd > pageStart ? (start - pageStart) / (pageEnd - pageStart) : 0;
    return (page + within) / pdf.pageCount;
  }
  return document.text.length > 0 ? start / document.text.length : 0;
}

/**
 * The minimap's marks: one per row of the strip that holds a highlight, in the colour of the
 * first highlight there (orphans, whose place is lost, are left out), top to bottom.
 */
export function minimapMarks(
  annotations: readonly Annotation[],
  document: Pick<NotebookDocument, 'text' | 'pdf'>,
  rows = MINIMAP_ROWS,
): MinimapMark[] {
  const byRow = new Map<number, { mark: MinimapMark; at: number }>();
  for (const a of annotations) {
    if (a.orphan) continue;
    const at = minimapPosition(a, document);
    const row = Math.min(rows - 1, Math.floor(at * rows));
    const held = byRow.get(row);
    if (!held)
      byRow.set(row, { mark: { id: a.id, count: 1, color: a.color, top: row / rows }, at });
    else {
      held.mark.count++;
      if (at < held.at) {
        held.at = at;
        held.mark.id = a.id;
        held.mark.color = a.color;
      }
    }
  }
  return [...byRow.values()].map((h) => h.mark).sort((a, b) => a.top - b.top);
}
