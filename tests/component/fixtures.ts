import type { HighlightColor } from '../../shared/colors.ts';
import type { Annotation, Tag } from '../../shared/model.ts';

/** Hand-built model objects that satisfy the zod schemas in shared/model.ts. */

const CREATED = '2024-05-01T10:00:00.000Z';

export function makeTag(id: string, name: string, color: HighlightColor = 'blue'): Tag {
  return { id, name, color, description: '', createdAt: CREATED };
}

export function makeAnnotation(
  id: string,
  exact: string,
  overrides: Partial<Omit<Annotation, 'id' | 'target'>> & { start?: number } = {},
): Annotation {
  const { start = 0, ...rest } = overrides;
  return {
    id,
    documentId: 'doc_1',
    target: {
      documentId: 'doc_1',
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    },
    color: 'yellow',
    tagIds: [],
    comment: '',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...rest,
  };
}
