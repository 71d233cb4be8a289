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

/**
 * happy-dom lays nothing out, so a virtual list would see a panel 0 pixels tall and draw no
 * rows. Give the highlights panel a tall box and each card a card's height while a test runs.
 */
export function withPanelLayout(): () => void {
  // The virtualiser reads the scroller's clientHeight and each row's offsetHeight.
  const size = (el: HTMLElement, dimension: 'height' | 'width') => {
    if (el.classList.contains('annotation-panel')) return dimension === 'height' ? 4000 : 360;
    if (el.classList.contains('annotation-row')) return dimension === 'height' ? 90 : 340;
    return 0;
  };
  const saved = ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'].map(
    (name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const,
  );
  for (const [name] of saved)
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return size(this, name.endsWith('Height') ? 'height' : 'width');
      },
    });
  return () => {
    for (const [name, descriptor] of saved)
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  };
}
