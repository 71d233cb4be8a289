import { useLayoutEffect, useMemo, useState } from 'react';
import { annotationsAt } from '../../../shared/annotations.ts';
import type { Annotation } from '../../../shared/model.ts';
import { editorPlacement } from './popover-placement.ts';
import { boxOf } from './reader-geometry.ts';
import type { ReaderSurface } from './use-text-surface.ts';

/**
 * The open highlight's editor in the reader: which highlight it shows, the highlights it can
 * switch to (those under the point where it was opened, set with `setPointOffset`), and where it
 * sits, under its highlight (placed again whenever a surface is drawn, as a PDF page may be).
 */
export function useHighlightEditor(
  { placeOf, contentRef, indexed }: ReaderSurface,
  visible: readonly Annotation[],
  activeId: string | null,
) {
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const [pointOffset, setPointOffset] = useState<number | null>(null);

  const active = visible.find((a) => a.id === activeId) ?? null;
  const overlapping = useMemo(() => {
    if (!active) return [];
    if ('area' in active.target) return [active];
    const at = pointOffset ?? active.target.position.start;
    const under = annotationsAt(visible, at);
    return under.some((a) => a.id === active.id) ? under : [active];
  }, [visible, active, pointOffset]);

  // Place the editor under its highlight (again when a PDF page is drawn).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `indexed` counts text surfaces drawn.
  useLayoutEffect(() => {
    if (!active || !contentRef.current) return setPosition(null);
    const range = placeOf(active);
    if (!range) return setPosition(null);
    setPosition(editorPlacement(boxOf(range, contentRef.current)));
  }, [active, indexed, placeOf]);

  return { active, overlapping, position, setPointOffset };
}
