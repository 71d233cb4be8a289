import { useCallback, useRef } from 'react';
import { isTextField } from '../ui/text-field.ts';
import { type UndoEntry, UndoStack } from '../undo-stack.ts';
import { useShortcut } from './use-shortcut.ts';
import type { Notices } from './use-toasts.ts';

/**
 * Undo for destructive actions: each is offered in a notice with Undo, and Ctrl/Cmd+Z takes back
 * the last one (except inside a text field, which has its own undo).
 */
export function useUndo({ notify, dismiss, onError }: Notices) {
  const undo = useRef(new UndoStack()).current;
  const undoToasts = useRef(new WeakMap<UndoEntry, number>());

  const offerUndo = useCallback(
    (message: string, label: string, run: () => Promise<void>) => {
      const entry = undo.push({ label, undo: run });
      const toast = notify({
        tone: 'info',
        message,
        action: { label: 'Undo', run: () => void undo.run(entry).catch(onError) },
      });
      undoToasts.current.set(entry, toast);
      return () => {
        undo.remove(entry);
        undoToasts.current.delete(entry);
        dismiss(toast);
      };
    },
    [undo, notify, onError, dismiss],
  );

  useShortcut((event) => {
    if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey)
      return false;
    if (isTextField(event.target)) return false;
    const entry = undo.peek();
    undo
      .undoLast()
      .then((label) => {
        // Its notice no longer offers anything to undo.
        const toast = entry && undoToasts.current.get(entry);
        if (toast !== undefined) dismiss(toast);
        notify({ tone: 'info', message: label ? `Undone: ${label}.` : 'Nothing to undo.' });
      })
      .catch(onError);
    return true;
  });

  return offerUndo;
}
