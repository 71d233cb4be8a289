import { paintCaret } from './highlight-painter.ts';
import type { ReaderKeyAction } from './reader-keys.ts';
import type { TextSurface } from './text-surface.ts';

/**
 * The reading caret: a collapsed selection moved with the arrow keys so text can be read and
 * selected without a mouse or caret browsing. Text that is not editable does not show a collapsed
 * selection, so the caret is painted as a highlight of the character after it.
 */

/** The offset of the collapsed caret on the surface, if there is one. */
export function caretOffsetOn(surface: TextSurface, selection: Selection | null): number | null {
  if (!selection?.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return surface.pointToOffset(range.startContainer, range.startOffset);
}

/** Paint the caret at an offset of the text (`textLength` long), or clear it (null). */
export function paintCaretAt(
  surface: TextSurface | null,
  offset: number | null,
  textLength: number,
) {
  paintCaret(
    offset === null || !surface ? null : surface.range(offset, Math.min(offset + 1, textLength)),
  );
}

/**
 * Move the caret, or extend the selection, as an arrow key asks, and keep it in view. With no
 * caret in the article yet it starts where the reader is looking, not at the top of the document.
 */
export function moveCaret(
  selection: Selection,
  action: Extract<ReaderKeyAction, { kind: 'caret' }>,
  article: HTMLElement,
  content: HTMLElement | null,
  surface: TextSurface | null,
) {
  if (selection.rangeCount === 0 || !article.contains(selection.anchorNode)) {
    const top = content?.parentElement?.getBoundingClientRect().top ?? 0;
    const inView = surface?.firstSpanBelow(top);
    if (inView?.firstChild) selection.collapse(inView.firstChild, 0);
  }
  selection.modify(action.alter, action.direction, action.granularity);
  selection.focusNode?.parentElement?.scrollIntoView({ block: 'nearest' });
}
