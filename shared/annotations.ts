import type { Annotation } from './model.ts';

/** Text order: by start, then the longer (enclosing) highlight first. */
export function compareByPosition(a: Annotation, b: Annotation): number {
  const pa = a.target.position;
  const pb = b.target.position;
  return pa.start - pb.start || pb.end - pa.end;
}

/**
 * Highlights under a text offset, innermost (shortest) first: clicking where two overlap opens
 * the more specific one, and the editor can step to the others.
 */
export function annotationsAt(annotations: readonly Annotation[], offset: number): Annotation[] {
  return annotations
    .filter((a) => !a.orphan && a.target.position.start <= offset && offset < a.target.position.end)
    .sort(
      (a, b) =>
        a.target.position.end -
        a.target.position.start -
        (b.target.position.end - b.target.position.start),
    );
}
