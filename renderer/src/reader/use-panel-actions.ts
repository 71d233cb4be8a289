import { useCallback, useMemo } from 'react';
import { type AnnotationFilter, annotationMatcher } from '../../../shared/annotation-filter.ts';
import type { NotebookDocument, Tag } from '../../../shared/model.ts';
import type { PanelFilterActions, PanelNotesActions } from '../annotations/AnnotationPanel.tsx';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';

/**
 * The highlights panel's actions, wired to the notebook: its filter (which the reader also uses,
 * to dim the highlights it leaves out) with tagging of all it shows, and the notes a highlight
 * or the document can start or go into. Memoised: the panel is, and redraws only when they change.
 */
export function usePanelActions(
  document: NotebookDocument | null,
  filter: AnnotationFilter,
  onFilterChange: (filter: AnnotationFilter) => void,
) {
  const { tags, notes, offerUndo, onError, notify, openNote, startNoteFromQuote } = useApp();
  const isShown = useMemo(() => annotationMatcher(filter, tags), [filter, tags]);

  const retagShown = useCallback(
    async (ids: string[], change: { add?: Tag; create?: string; remove?: string }) => {
      try {
        const tag = change.create ? await call('createTag', { name: change.create }) : change.add;
        const { changed, undo } = await call('retagAnnotations', {
          annotationIds: ids,
          addTagIds: tag ? [tag.id] : [],
          removeTagIds: change.remove ? [change.remove] : [],
        });
        const name = tag?.name ?? tags.find((t) => t.id === change.remove)?.name ?? 'tag';
        offerUndo(
          tag
            ? `Tagged ${changed} highlights “${name}”.`
            : `Removed “${name}” from ${changed} highlights.`,
          'bulk retag',
          async () => {
            await call('restoreTags', { undo });
          },
        );
      } catch (error) {
        onError(error);
      }
    },
    [tags, offerUndo, onError],
  );

  const filterActions = useMemo<PanelFilterActions>(
    () => ({
      filter,
      onFilterChange,
      isShown,
      onRetagShown: (ids, change) => void retagShown(ids, change),
    }),
    [filter, onFilterChange, isShown, retagShown],
  );

  const notesActions = useMemo<PanelNotesActions>(
    () => ({
      notes,
      onStartNote: (annotation) => startNoteFromQuote(annotation.id),
      onOpenNote: openNote,
      async onInsertIntoNote(annotation, noteId) {
        try {
          const note = await call('appendQuoteToNote', { noteId, annotationId: annotation.id });
          notify({ tone: 'info', message: `Quote added to “${note.title || 'Untitled note'}”.` });
        } catch (error) {
          onError(error);
        }
      },
      onNewDocumentNote() {
        if (!document) return;
        void call('createNote', { title: '', body: '', tagIds: [], documentId: document.id }).then(
          (note) => openNote(note.id),
          onError,
        );
      },
    }),
    [notes, startNoteFromQuote, openNote, notify, onError, document],
  );

  return { isShown, filterActions, notesActions };
}
