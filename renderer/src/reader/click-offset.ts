import { annotationsAt } from '../../../shared/annotations.ts';
import type { Annotation } from '../../../shared/model.ts';

/**
 * The offset a click in the text means, for finding the highlights under it. The caret lands
 * between characters: a click on the right half of a highlight's last character reports the
 * offset after it, so when no highlight is there the character before counts too.
 */
export function clickedOffset(annotations: readonly Annotation[], offset: number): number {
  if (annotationsAt(annotations, offset).length > 0) return offset;
  return annotationsAt(annotations, offset - 1).length > 0 ? offset - 1 : offset;
}
