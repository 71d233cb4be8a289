import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../shared/model.ts';
import { createViewportPainter } from './highlight-painter.ts';
import type { ReaderProps } from './Reader.tsx';
import type { ReaderSurface } from './use-text-surface.ts';

/**
 * Paint the document's highlights on the text surface. They are registered near the viewport
 * only, and again as the reader scrolls (thousands on a long text would slow every frame); and
 * again when they, the open one, the panel's filter or the surface drawn change. Returns the ref
 * of the scroller to watch.
 */
export function useHighlightPainter(
  { index, indexed }: ReaderSurface,
  visible: readonly Annotation[],
  activeId: string | null,
  isShown: ReaderProps['isShown'],
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const painter = useRef<ReturnType<typeof createViewportPainter> | null>(null);
  useEffect(() => {
    if (!scrollRef.current) return;
    const created = createViewportPainter(scrollRef.current);
    painter.current = created;
    return () => {
      created.dispose();
      if (painter.current === created) painter.current = null;
    };
  }, []);
  useEffect(() => {
    if (indexed > 0 && index.current)
      painter.current?.update({ surface: index.current, annotations: visible, activeId, isShown });
  }, [index, visible, activeId, isShown, indexed]);
  return scrollRef;
}
