import type { Annotation, NotebookDocument } from '../model.ts';
import { pageAt } from './document-text.ts';

/** 0-based pages as a reader counts them, with runs joined: "Pages 2–22 and 25 have". */
export function describePages(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j === i ? String(sorted[i]! + 1) : `${sorted[i]! + 1}–${sorted[j]! + 1}`);
    i = j + 1;
  }
  const list =
    runs.length <= 1 ? (runs[0] ?? '') : `${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}`;
  const many = sorted.length > 1;
  return `${many ? 'Pages' : 'Page'} ${list} ${many ? 'have' : 'has'}`;
}

/**
 * The page a quote is on in a PDF (0-based) and its printed label, or null for a document
 * without pages: the page its selector names, else the page its offset falls on.
 */
export function quotePage(
  annotation: Annotation,
  doc: NotebookDocument | undefined,
): { page: number; label: string } | null {
  const pdf = doc?.pdf;
  if (!pdf) return null;
  const { target } = annotation;
  const page =
    'area' in target
      ? target.area.page
      : (target.page?.page ?? pageAt(pdf.pageStarts, target.position.start));
  return { page, label: pdf.pageLabels?.[page] ?? String(page + 1) };
}
