import { type KeyboardEvent, type MouseEvent, useContext } from 'react';
import { annotationsAt } from '../../../shared/annotations.ts';
import type { Annotation, NotebookDocument } from '../../../shared/model.ts';
import { AppServicesContext } from '../app-services.ts';
import { openLink } from '../open-link.ts';
import { clickedOffset } from './click-offset.ts';
import { paintCaret } from './highlight-painter.ts';
import type { ReaderProps } from './Reader.tsx';
import { caretOffsetOn, moveCaret, paintCaretAt } from './reader-caret.ts';
import { readerKeyAction } from './reader-keys.ts';
import { offsetAtPointOn } from './text-surface.ts';
import type { TextSelection } from './use-text-selection.ts';
import type { ReaderSurface } from './use-text-surface.ts';

/**
 * How the article answers the mouse and the keyboard. A click opens the highlight under it (a
 * Ctrl/Cmd+click on a link opens the link); keys move the reading caret, make a highlight of
 * the selection, open the highlight at the caret (see reader-keys.ts), and finish or cancel a
 * re-attachment.
 */
export function useReaderInput(
  doc: NotebookDocument,
  { index, articleRef, contentRef }: ReaderSurface,
  { reattach, onOpen }: ReaderProps,
  {
    visible,
    selection: { pending, readSelection, highlight, attach },
    setPointOffset,
  }: {
    visible: readonly Annotation[];
    selection: TextSelection;
    /** Tells the editor where it was opened from (which highlights overlap there). */
    setPointOffset: (offset: number | null) => void;
  },
) {
  const app = useContext(AppServicesContext);

  /** Offset of the collapsed caret in the article, if there is one. */
  const caretOffset = (): number | null =>
    index.current && articleRef.current
      ? caretOffsetOn(index.current, window.getSelection())
      : null;

  /** Draw the reading caret (a collapsed selection is invisible in text that is not editable). */
  const showCaret = () => paintCaretAt(index.current, caretOffset(), doc.text.length);

  const onClick = (event: MouseEvent) => {
    // Ctrl/Cmd+click on a link in the text: open it in the browser, once the user confirms.
    const link = (event.target as Element).closest?.('.doc-link');
    const href = link?.getAttribute('data-href');
    if (href && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      openLink(href).catch((error: unknown) => app?.onError(error));
      return;
    }
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    if (!index.current || !articleRef.current) return;
    paintCaret(null);
    const offset = offsetAtPointOn(index.current, event.clientX, event.clientY);
    if (offset === null) return onOpen(null);
    const hit = clickedOffset(visible, offset);
    setPointOffset(hit);
    onOpen(annotationsAt(visible, hit)[0]?.id ?? null, 'dialog');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (reattach && event.key === 'Enter' && pending) {
      event.preventDefault();
      return attach();
    }
    if (reattach && event.key === 'Escape' && !pending) {
      event.preventDefault();
      return reattach.onCancel();
    }
    const action = readerKeyAction(event, pending !== null);
    if (!action) return;
    event.preventDefault();
    const selection = window.getSelection();
    switch (action.kind) {
      case 'caret': {
        if (!selection || !articleRef.current) return;
        moveCaret(selection, action, articleRef.current, contentRef.current, index.current);
        if (action.alter === 'extend') readSelection();
        showCaret();
        return;
      }
      case 'highlight':
        return highlight(action.color, action.focus);
      case 'clear-selection':
        return selection?.removeAllRanges();
      case 'open-at-caret': {
        const offset = caretOffset();
        const under = offset === null ? [] : annotationsAt(visible, offset);
        if (under[0]) {
          setPointOffset(offset);
          onOpen(under[0].id, 'dialog');
        }
        return;
      }
    }
  };

  return { onClick, onKeyDown };
}
