import type { TextAnnotation } from '../annotations.ts';
import type { Annotation, NotebookDocument } from '../model.ts';
import { anchor } from './anchor.ts';
import { describeRange } from './describe.ts';

/**
 * Put a highlight where its quote is in a document's current text. Its stored offsets are not
 * trusted blindly: the text may differ from when it was taken (an undo, a re-imported version).
 * What cannot be placed is kept as an orphan, never dropped; tags no longer in the codebook are
 * left off.
 */
export function placeAnnotation(
  document: NotebookDocument,
  annotation: TextAnnotation,
  knownTags: ReadonlySet<string>,
): TextAnnotation;
export function placeAnnotation(
  document: NotebookDocument,
  annotation: Annotation,
  knownTags: ReadonlySet<string>,
): Annotation;
export function placeAnnotation(
  document: NotebookDocument,
  annotation: Annotation,
  knownTags: ReadonlySet<string>,
): Annotation {
  const tagIds = annotation.tagIds.filter((t) => knownTags.has(t));
  // An area is where it was drawn on its page: there is no text to find it by.
  if ('area' in annotation.target) {
    const pages = document.pdf?.pageCount ?? 0;
    return annotation.target.area.page < pages
      ? { ...annotation, tagIds }
      : { ...annotation, tagIds, orphan: true };
  }
  const result = anchor(document.text, annotation.target);
  if (result.status === 'orphan') return { ...annotation, tagIds, orphan: true };
  const { orphan: _, ...rest } = annotation;
  if (result.method === 'position') return { ...rest, tagIds };
  const { position, quote } = describeRange(document.text, result.start, result.end);
  return { ...rest, tagIds, target: { documentId: document.id, position, quote } };
}
