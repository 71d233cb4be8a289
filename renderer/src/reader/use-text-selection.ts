import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { HighlightColor } from '../../../shared/colors.ts';
import type { NotebookDocument } from '../../../shared/model.ts';
import type { EditorFocus } from './AnnotationEditor.tsx';
import { toolbarPlacement } from './popover-placement.ts';
import type { ReaderProps } from './Reader.tsx';
import { boxOf } from './reader-geometry.ts';
import { selectionOffsetsOn } from './text-surface.ts';
import type { ReaderSurface } from './use-text-surface.ts';

/** A selection in the text, as offsets, and where its toolbar goes. */
export interface PendingSelection {
  start: number;
  end: number;
  top: number;
  left: number;
}

/**
 * The text selected in the reader and what it becomes: `pending` (with its toolbar's place)
 * once a mouse or Shift+arrow selection ends, told to `onSelectionChange`, dropped when the
 * selection collapses or the text changes; `highlight` makes a highlight of it and `attach`
 * gives it to a highlight being re-attached, both then letting the selection go.
 */
export function useTextSelection(
  doc: NotebookDocument,
  { index, articleRef, contentRef }: ReaderSurface,
  { onSelectionChange, onCreate, reattach }: ReaderProps,
) {
  const [pending, setPending] = useState<PendingSelection | null>(null);

  // A new text (another document, a new version) starts with nothing selected, before it paints.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `doc` is the text the selection was on.
  useLayoutEffect(() => setPending(null), [doc]);

  const selectionListener = useRef(onSelectionChange);
  selectionListener.current = onSelectionChange;
  useEffect(() => {
    selectionListener.current?.(pending ? { start: pending.start, end: pending.end } : null);
  }, [pending]);

  /** Show the toolbar for the current selection, or hide it. */
  const readSelection = useCallback(() => {
    const article = articleRef.current;
    const content = contentRef.current;
    if (!article || !content || !index.current) return;
    const selection = window.getSelection();
    const offsets = selectionOffsetsOn(index.current, selection);
    if (!offsets || !selection) return setPending(null);
    setPending({ ...offsets, ...toolbarPlacement(boxOf(selection.getRangeAt(0), content)) });
  }, [articleRef, contentRef, index]);

  useEffect(() => {
    const onSelectionChange = () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed) setPending(null);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  /** The selection is used: let it go, and its toolbar with it. */
  const release = () => {
    window.getSelection()?.removeAllRanges();
    setPending(null);
  };

  const highlight = (color: HighlightColor | null, then: EditorFocus) => {
    if (!pending) return;
    // On a PDF, where the selection is drawn on its pages goes with it (page and rectangles).
    const page = index.current?.pageSelector?.(pending.start, pending.end);
    onCreate({ start: pending.start, end: pending.end, ...(page ? { page } : {}) }, color, then);
    release();
  };

  const attach = () => {
    if (!pending || !reattach) return;
    reattach.onAttach({ start: pending.start, end: pending.end });
    release();
  };

  return { pending, readSelection, highlight, attach };
}

export type TextSelection = ReturnType<typeof useTextSelection>;
