import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/colors.ts';
import type { EditorFocus } from './AnnotationEditor.tsx';

/** What a key press in the article asks for. */
export type ReaderKeyAction =
  | {
      kind: 'caret';
      alter: 'move' | 'extend';
      direction: 'forward' | 'backward';
      granularity: 'character' | 'word' | 'line';
    }
  | { kind: 'highlight'; color: HighlightColor | null; focus: EditorFocus }
  | { kind: 'clear-selection' }
  | { kind: 'open-at-caret' };

interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

const DIRECTIONS: Record<string, 'forward' | 'backward'> = {
  ArrowRight: 'forward',
  ArrowDown: 'forward',
  ArrowLeft: 'backward',
  ArrowUp: 'backward',
};

/**
 * The reader's keyboard map. Arrows move a reading caret (Shift extends the selection,
 * Ctrl/Alt/Cmd by word) so text can be selected without a mouse or caret browsing. With text
 * selected, 1–6 highlight in a colour, H or Enter in the last colour, T to tag, C to comment,
 * Escape drops the selection. Enter on a highlight opens it. Keys with Ctrl/Cmd/Alt other than
 * the arrows are left alone (Ctrl+C must copy, not comment).
 */
export function readerKeyAction(event: KeyLike, hasSelection: boolean): ReaderKeyAction | null {
  const direction = DIRECTIONS[event.key];
  const modified = event.ctrlKey || event.altKey || event.metaKey;
  if (direction) {
    const vertical = event.key === 'ArrowUp' || event.key === 'ArrowDown';
    return {
      kind: 'caret',
      alter: event.shiftKey ? 'extend' : 'move',
      direction,
      granularity: vertical ? 'line' : modified ? 'word' : 'character',
    };
  }
  if (modified) return null;
  if (hasSelection) {
    const color = HIGHLIGHT_COLORS[Number.parseInt(event.key, 10) - 1];
    if (color && /^[1-9]$/.test(event.key)) return { kind: 'highlight', color, focus: 'dialog' };
    switch (event.key.toLowerCase()) {
      case 'enter':
      case 'h':
        return { kind: 'highlight', color: null, focus: 'dialog' };
      case 't':
        return { kind: 'highlight', color: null, focus: 'tag' };
      case 'c':
        return { kind: 'highlight', color: null, focus: 'comment' };
      case 'escape':
        return { kind: 'clear-selection' };
      default:
        return null;
    }
  }
  return event.key === 'Enter' ? { kind: 'open-at-caret' } : null;
}
