import { useMemo, useRef } from 'react';
import { isAreaAnnotation } from '../../../shared/annotations.ts';
import type { Annotation } from '../../../shared/model.ts';

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Only this document's highlights: while another document loads, the list may still be the old
 * one. Its areas apart, for the PDF view, which draws them as boxes over its pages; the same
 * array while they are the same, so a highlight of text added or changed does not render the
 * PDF's pages again.
 */
export function useDocumentHighlights(annotations: readonly Annotation[], documentId: string) {
  const visible = useMemo(
    () => annotations.filter((a) => a.documentId === documentId),
    [annotations, documentId],
  );
  const lastAreas = useRef<readonly Annotation[]>([]);
  const areas = useMemo(() => {
    const next = visible.filter(isAreaAnnotation);
    if (sameItems(next, lastAreas.current)) return lastAreas.current as typeof next;
    lastAreas.current = next;
    return next;
  }, [visible]);
  return { visible, areas };
}
