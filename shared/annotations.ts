import type { Annotation, AnnotationTarget, AreaTarget, NotebookDocument } from './model.ts';

/** A highlight of text (offsets and quote over the canonical text). */
export type TextAnnotation = Annotation & { target: AnnotationTarget };
/** A highlight of a region of a PDF page, without text. */
export type AreaAnnotation = Annotation & { target: AreaTarget };

export const isAreaAnnotation = (a: Annotation): a is AreaAnnotation => 'area' in a.target;
export const isTextAnnotation = (a: Annotation): a is TextAnnotation => !('area' in a.target);

/** The words a highlight holds, or for an area what it is: "Area on p. 12". */
export function quoteText(
  a: Pick<Annotation, 'target'>,
  doc?: Pick<NotebookDocument, 'pdf'>,
): string {
  if (!('area' in a.target)) return a.target.quote.exact;
  const page = a.target.area.page;
  return `Area on p. ${doc?.pdf?.pageLabels?.[page] ?? String(page + 1)}`;
}

/** Where a highlight is for ordering: its page when known, then its offset (areas after text). */
function orderKey({ target }: Annotation): [number, number, number] {
  if ('area' in target) {
    const [, , , top] = target.area.rect;
    return [target.area.page, Number.POSITIVE_INFINITY, -top];
  }
  const { start, end } = target.position;
  return [target.page?.page ?? 0, start, -end];
}

/** Text order: by page, by start, then the longer (enclosing) highlight first; areas by place. */
export function compareByPosition(a: Annotation, b: Annotation): number {
  const ka = orderKey(a);
  const kb = orderKey(b);
  if (!isAreaAnnotation(a) && !isAreaAnnotation(b)) return ka[1] - kb[1] || ka[2] - kb[2];
  return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || 0;
}

/**
 * Text highlights under a text offset, innermost (shortest) first: clicking where two overlap
 * opens the more specific one, and the editor can step to the others.
 */
export function annotationsAt(
  annotations: readonly Annotation[],
  offset: number,
): TextAnnotation[] {
  return annotations
    .filter(isTextAnnotation)
    .filter((a) => !a.orphan && a.target.position.start <= offset && offset < a.target.position.end)
    .sort(
      (a, b) =>
        a.target.position.end -
        a.target.position.start -
        (b.target.position.end - b.target.position.start),
    );
}
