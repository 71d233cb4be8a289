import { useCallback, useState } from 'react';
import type { HighlightColor } from '../../../shared/colors.ts';
import { DEFAULT_COLOR } from '../../../shared/colors.ts';
import type { MethodInput } from '../../../shared/contract.ts';
import type { Annotation, NotebookDocument, PageSelector } from '../../../shared/model.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import type { NewArea } from '../pdf/AreaLayer.tsx';
import type { AnnotationEditorActions, EditorFocus } from './AnnotationEditor.tsx';
import type { ReaderNavigation } from './use-reader-navigation.ts';

type AnnotationPatch = Omit<MethodInput<'updateAnnotation'>, 'id'>;

/**
 * Making, editing and deleting highlights in the open document. Each change goes to the
 * notebook; a new highlight opens in the editor, a deleted one closes it and can be undone. The
 * colour last chosen (from the toolbar or the editor) is the next highlight's.
 */
export function useHighlightActions(
  document: NotebookDocument | null,
  { open, setActiveId }: Pick<ReaderNavigation, 'open' | 'setActiveId'>,
) {
  const { offerUndo, onError } = useApp();
  const [lastColor, setLastColor] = useState<HighlightColor>(DEFAULT_COLOR);

  const deleteAnnotation = useCallback(
    async (annotation: Annotation) => {
      try {
        const removed = await call('deleteAnnotation', { id: annotation.id });
        setActiveId((id) => (id === annotation.id ? null : id));
        offerUndo('Highlight deleted.', 'delete highlight', async () => {
          await call('restoreAnnotation', { annotation: removed });
        });
      } catch (error) {
        onError(error);
      }
    },
    [offerUndo, onError, setActiveId],
  );

  const create = useCallback(
    async (
      range: { start: number; end: number; page?: PageSelector },
      color: HighlightColor | null,
      then: EditorFocus,
    ) => {
      if (!document) return;
      const chosen = color ?? lastColor;
      if (color) setLastColor(color);
      try {
        const created = await call('createAnnotation', {
          documentId: document.id,
          ...range,
          color: chosen,
        });
        open(created.id, then);
      } catch (error) {
        onError(error);
      }
    },
    [document, lastColor, onError, open],
  );

  const createArea = useCallback(
    async (area: NewArea) => {
      if (!document) return;
      try {
        const created = await call('createAreaAnnotation', {
          documentId: document.id,
          ...area,
          color: lastColor,
        });
        open(created.id);
      } catch (error) {
        onError(error);
      }
    },
    [document, lastColor, onError, open],
  );

  const update = useCallback(
    (id: string, patch: AnnotationPatch) =>
      call('updateAnnotation', { id, ...patch }).catch((error: unknown) => {
        onError(error);
        throw error;
      }),
    [onError],
  );
  const updateQuietly = useCallback(
    (id: string, patch: AnnotationPatch) => void update(id, patch).catch(() => {}),
    [update],
  );

  const editorActions = useCallback(
    (annotation: Annotation): AnnotationEditorActions => ({
      onColor: (color) => {
        setLastColor(color);
        updateQuietly(annotation.id, { color });
      },
      onAddTag: (tag) => updateQuietly(annotation.id, { addTagIds: [tag.id] }),
      onCreateTag: (name) =>
        void call('createTag', { name }).then(
          (tag) => updateQuietly(annotation.id, { addTagIds: [tag.id] }),
          onError,
        ),
      onRemoveTag: (tagId) => updateQuietly(annotation.id, { removeTagIds: [tagId] }),
      onComment: (comment) => update(annotation.id, { comment }),
      onDelete: () => void deleteAnnotation(annotation),
      onClose: () => {
        setActiveId(null);
        globalThis.document.querySelector<HTMLElement>('.article')?.focus({ preventScroll: true });
      },
      onSwitch: (id) => setActiveId(id),
    }),
    [update, updateQuietly, deleteAnnotation, onError, setActiveId],
  );

  // Stable while `deleteAnnotation` is: the memoised panel redraws only for changes of its own.
  const deleteFromPanel = useCallback(
    (a: Annotation) => void deleteAnnotation(a),
    [deleteAnnotation],
  );

  return { create, createArea, editorActions, deleteFromPanel };
}
