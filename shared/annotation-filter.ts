import { subtreeOf } from './codebook.ts';
import type { HighlightColor } from './colors.ts';
import type { Annotation, Tag } from './model.ts';

/** What the highlights panel narrows to. Empty parts do not narrow. */
export interface AnnotationFilter {
  tagIds: string[];
  /** any: carries at least one of the tags; all: carries every one of them. */
  tagMode: 'any' | 'all';
  colors: HighlightColor[];
  hasComment: boolean;
}

export const NO_FILTER: AnnotationFilter = {
  tagIds: [],
  tagMode: 'any',
  colors: [],
  hasComment: false,
};

export const isFiltering = (f: AnnotationFilter) =>
  f.tagIds.length > 0 || f.colors.length > 0 || f.hasComment;

/**
 * A predicate for the filter. A tag stands for its whole subtree, as in a codebook: filtering
 * by `actors` also finds quotes tagged `actors/afghan`.
 */
export function annotationMatcher(
  filter: AnnotationFilter,
  tags: readonly Tag[],
): (a: Annotation) => boolean {
  const groups = filter.tagIds
    .map((id) => tags.find((t) => t.id === id))
    .filter((t): t is Tag => Boolean(t))
    .map((tag) => new Set(subtreeOf(tags, tag).map((t) => t.id)));
  const colors = new Set(filter.colors);
  return (a) => {
    if (colors.size > 0 && !colors.has(a.color)) return false;
    if (filter.hasComment && a.comment.trim() === '') return false;
    if (groups.length === 0) return true;
    const carries = (group: Set<string>) => a.tagIds.some((t) => group.has(t));
    return filter.tagMode === 'all' ? groups.every(carries) : groups.some(carries);
  };
}
