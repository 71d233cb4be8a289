import { useMemo } from 'react';
import { isAreaAnnotation } from '../../../shared/annotations.ts';
import type { Annotation } from '../../../shared/model.ts';

/**
 * Only this document's highlights: while another document loads, the list may still be the old
 * one. Its areas apart, for the PDF view, which draws them as boxes over its pages.
 */
export function useDocumentHighlights(annotations: readonly Annotation[], documentId: string) {
  const visible = useMemo(
    () => annotations.filter((a) => a.documentId === documentId),
    [annotations, documentId],
  );
  const areas = useMemo(() => visible.filter(isAreaAnnotation), [visible]);
  return { visible, areas };
}
