import { useEffect, useRef } from 'react';

/**
 * Runs `reset` when the reader shows another document (not for the first one), so state that
 * belonged to the last document (an open editor, a mode, a dialog) does not carry over.
 */
export function useDocumentSwitch(documentId: string | null, reset: () => void) {
  const shown = useRef(documentId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of document resets; `reset` sets state.
  useEffect(() => {
    if (shown.current === documentId) return;
    shown.current = documentId;
    reset();
  }, [documentId]);
}
