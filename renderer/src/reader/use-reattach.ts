import { useCallback, useEffect, useMemo, useState } from 'react';
import { quoteText } from '../../../shared/annotations.ts';
import type { Annotation } from '../../../shared/model.ts';
import type { PanelOrphanActions } from '../annotations/AnnotationPanel.tsx';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import type { ReaderProps } from './Reader.tsx';
import { useDocumentSwitch } from './use-document-switch.ts';
import type { ReaderNavigation } from './use-reader-navigation.ts';

/**
 * Re-attaching a highlight that lost its place: chosen in the panel's list of unplaced
 * highlights, placed on the next selection in the reader, opened there, and undoable. A mode of
 * its own because the panel starts it and the reader finishes it.
 */
export function useReattach(
  annotations: readonly Annotation[],
  selectedId: string | null,
  open: ReaderNavigation['open'],
) {
  const { offerUndo, onError } = useApp();
  const [reattaching, setReattaching] = useState<Annotation | null>(null);

  // Another document ends the mode.
  useDocumentSwitch(selectedId, () => setReattaching(null));

  const reattach = useCallback(
    async (annotation: Annotation, range: { start: number; end: number }) => {
      try {
        const { annotation: placed, previous } = await call('reattachAnnotation', {
          id: annotation.id,
          ...range,
        });
        setReattaching(null);
        open(placed.id);
        offerUndo('Highlight re-attached.', 're-attach highlight', async () => {
          // Unplaced again, where it was; tags and comment added since are kept.
          await call('restoreAnnotationTarget', {
            id: placed.id,
            target: previous.target,
            orphan: Boolean(previous.orphan),
          });
        });
      } catch (error) {
        onError(error);
      }
    },
    [offerUndo, onError, open],
  );

  // The highlight being re-attached was deleted, or placed again (an undo): the mode ends.
  useEffect(() => {
    if (reattaching && !annotations.some((a) => a.id === reattaching.id && a.orphan))
      setReattaching(null);
  }, [annotations, reattaching]);

  const orphanActions = useMemo<PanelOrphanActions>(
    () => ({
      reattachingId: reattaching?.id ?? null,
      onReattach: (annotation: Annotation) =>
        setReattaching((current) => (current?.id === annotation.id ? null : annotation)),
    }),
    [reattaching],
  );

  /** What the reader needs while the mode is on: the quote to show, attach and cancel. */
  const request: ReaderProps['reattach'] = reattaching
    ? {
        quote: quoteText(reattaching),
        onAttach: (range) => void reattach(reattaching, range),
        onCancel: () => setReattaching(null),
      }
    : null;

  return { orphanActions, request };
}
