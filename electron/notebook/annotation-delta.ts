import type { AnnotationDelta } from '../../shared/contract.ts';
import type { Annotation, StoreData } from '../../shared/model.ts';
import type { Changed } from './service.ts';
import type { Store } from './store.ts';

/**
 * The delta of a change that touched a few highlights: them as stored now (`put`), those removed,
 * and the highlight counts of their documents after it, counted in one pass over the highlights
 * (a fraction of a millisecond at 50,000; the page then never reloads the document list for it).
 */
export function annotationDelta(
  data: StoreData,
  change: { put?: readonly Annotation[]; removed?: readonly Annotation[] },
): AnnotationDelta {
  const put = [...(change.put ?? [])];
  const removed = (change.removed ?? []).map((a) => ({ id: a.id, documentId: a.documentId }));
  const counts = new Map<
    string,
    { documentId: string; annotationCount: number; orphanCount: number }
  >();
  for (const a of [...put, ...removed])
    counts.set(a.documentId, { documentId: a.documentId, annotationCount: 0, orphanCount: 0 });
  for (const a of data.annotations) {
    const count = counts.get(a.documentId);
    if (!count) continue;
    count.annotationCount++;
    if (a.orphan) count.orphanCount++;
  }
  return { put, removed, counts: [...counts.values()] };
}

/** Announce a change to a few highlights with its delta (or, without a channel for it, plainly). */
export function announceAnnotations(
  store: Pick<Store, 'data'>,
  changed: Changed,
  change: { put?: readonly Annotation[]; removed?: readonly Annotation[] },
): void {
  if (changed.annotations) changed.annotations(annotationDelta(store.data, change));
  else changed('annotations');
}
