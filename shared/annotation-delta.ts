import { compareByPosition } from './annotations.ts';
import type { AnnotationDelta } from './contract.ts';
import type { Annotation, DocumentSummary } from './model.ts';

/**
 * One document's highlights in text order (as `listAnnotations` gives them) with a delta from
 * the core applied: removed ones dropped, replaced ones swapped in place (moved if their place
 * changed), new ones inserted after any at the same place (where the core's stable sort puts a
 * highlight made later). Highlights of other documents in the delta are ignored. Applying the
 * same delta twice gives the same list, so a delta that crosses a fresh load does no harm.
 * Returns `list` itself when nothing of it changed.
 */
export function applyAnnotationDelta(
  list: readonly Annotation[],
  delta: AnnotationDelta,
  documentId: string,
): readonly Annotation[] {
  const put = delta.put.filter((a) => a.documentId === documentId);
  const removed = new Set(
    delta.removed.filter((r) => r.documentId === documentId).map((r) => r.id),
  );
  if (put.length === 0 && removed.size === 0) return list;
  let next = removed.size > 0 ? list.filter((a) => !removed.has(a.id)) : [...list];
  for (const annotation of put) {
    const at = next.findIndex((a) => a.id === annotation.id);
    if (at >= 0 && compareByPosition(next[at]!, annotation) === 0) {
      next[at] = annotation;
      continue;
    }
    if (at >= 0) next = [...next.slice(0, at), ...next.slice(at + 1)];
    // After every highlight that sorts at or before it.
    let lo = 0;
    let hi = next.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareByPosition(next[mid]!, annotation) <= 0) lo = mid + 1;
      else hi = mid;
    }
    next.splice(lo, 0, annotation);
  }
  return next;
}

/**
 * The document list with the delta's counts: only the documents it names are new objects (a
 * memoised row of any other document does not redraw). Returns `documents` when none changed.
 */
export function applyCountsDelta(
  documents: readonly DocumentSummary[],
  delta: AnnotationDelta,
): DocumentSummary[] {
  const counts = new Map(delta.counts.map((c) => [c.documentId, c]));
  let changed = false;
  const next = documents.map((d) => {
    const count = counts.get(d.id);
    if (
      !count ||
      (count.annotationCount === d.annotationCount && count.orphanCount === d.orphanCount)
    )
      return d;
    changed = true;
    return { ...d, annotationCount: count.annotationCount, orphanCount: count.orphanCount };
  });
  return changed ? next : (documents as DocumentSummary[]);
}
