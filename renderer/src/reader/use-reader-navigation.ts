import { useCallback, useEffect, useState } from 'react';
import type { Annotation } from '../../../shared/model.ts';
import { useApp } from '../app-services.ts';
import type { EditorFocus } from './AnnotationEditor.tsx';
import type { ReaderViewProps } from './ReaderView.tsx';
import { useDocumentSwitch } from './use-document-switch.ts';
import { useSequencedRequest } from './use-sequenced-request.ts';

/**
 * Where the reader's attention is sent: the highlight open in its editor (and which of the
 * editor's fields takes focus), a highlight to scroll to and flash (from the panel, the
 * minimap, a note's citation), and a span of the text to reveal (the outline, the quote finder).
 * Kept apart from the reader so every view that points at the text goes through one place.
 */
export function useReaderNavigation(
  selectedId: string | null,
  jumpRequest: ReaderViewProps['jumpRequest'],
  onJumpHandled: () => void,
) {
  const { notify } = useApp();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [editorFocus, setEditorFocus] = useState<EditorFocus>('dialog');
  const [jump, requestJump] = useSequencedRequest<{ id: string }>();
  const [reveal, revealSpan] = useSequencedRequest<{ start: number; end: number }>();

  const open = useCallback((id: string | null, focus: EditorFocus = 'dialog') => {
    setEditorFocus(focus);
    setActiveId(id);
  }, []);
  /** Scroll to a highlight, flash it and open its editor. */
  const show = useCallback(
    (id: string) => {
      requestJump({ id });
      open(id);
    },
    [requestJump, open],
  );

  // Another document closes the editor. Declared before the jump below, which must win when
  // both happen at once.
  useDocumentSwitch(selectedId, () => setActiveId(null));

  // A jump asked for from outside (a note's citation) behaves like a click in the panel.
  useEffect(() => {
    if (!jumpRequest) return;
    show(jumpRequest.id);
    onJumpHandled();
  }, [jumpRequest, onJumpHandled, show]);

  const jumpTo = useCallback(
    (annotation: Annotation) => {
      if (annotation.orphan) {
        notify({
          tone: 'info',
          message:
            'This highlight’s text is no longer in the document. Re-attach it from the list of unplaced highlights.',
        });
      }
      show(annotation.id);
    },
    [notify, show],
  );

  return { activeId, setActiveId, editorFocus, open, jump, jumpTo, reveal, revealSpan };
}

export type ReaderNavigation = ReturnType<typeof useReaderNavigation>;
