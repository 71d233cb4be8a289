import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HighlightColor } from '../../shared/colors.ts';
import { DEFAULT_COLOR } from '../../shared/colors.ts';
import type { MethodInput } from '../../shared/contract.ts';
import type { Annotation, DocumentSummary } from '../../shared/model.ts';
import { AnnotationPanel } from './annotations/AnnotationPanel.tsx';
import { LibraryList } from './library/LibraryList.tsx';
import { call } from './notebook-client.ts';
import type { AnnotationEditorActions, EditorFocus } from './reader/AnnotationEditor.tsx';
import { Reader } from './reader/Reader.tsx';
import { type ToastMessage, Toasts } from './ui/Toasts.tsx';
import { UndoStack } from './undo-stack.ts';
import { useNotebook } from './use-notebook.ts';

const TOAST_MS = 7000;
const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

export function App() {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const nextToast = useRef(1);
  const undo = useRef(new UndoStack()).current;

  const dismiss = useCallback(
    (id: number) => setToasts((all) => all.filter((t) => t.id !== id)),
    [],
  );
  const notify = useCallback(
    (toast: Omit<ToastMessage, 'id'>) => {
      const id = nextToast.current++;
      // Keep every sticky notice and the two newest others.
      setToasts((all) => {
        const others = all.filter((t) => !t.sticky);
        return [...all.filter((t) => t.sticky), ...others.slice(-2), { ...toast, id }];
      });
      if (!toast.sticky) window.setTimeout(() => dismiss(id), TOAST_MS);
      return id;
    },
    [dismiss],
  );
  const onError = useCallback(
    (error: unknown) =>
      notify({ tone: 'error', message: error instanceof Error ? error.message : String(error) }),
    [notify],
  );

  const { info, documents, tags, selectedId, setSelectedId, document, annotations } =
    useNotebook(onError);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [editorFocus, setEditorFocus] = useState<EditorFocus>('dialog');
  const [jump, setJump] = useState<{ id: string; seq: number } | null>(null);
  const [lastColor, setLastColor] = useState<HighlightColor>(DEFAULT_COLOR);

  useEffect(() => {
    // Recovery from a damaged store is news the user must not miss: it stays until dismissed.
    if (info?.recovery) notify({ tone: 'error', message: info.recovery.message, sticky: true });
  }, [info, notify]);

  // Failed saves stay on screen until saving works again.
  useEffect(() => {
    let failure: number | null = null;
    return window.notebook.onEvent((event) => {
      if (event.type === 'save-failed' && failure === null) {
        failure = notify({ tone: 'error', message: event.message, sticky: true });
      } else if (event.type === 'save-recovered' && failure !== null) {
        dismiss(failure);
        failure = null;
        notify({ tone: 'info', message: 'Saving works again; all changes are on disk.' });
      }
    });
  }, [notify, dismiss]);

  /** Record an undoable action and offer it in a toast. */
  const offerUndo = useCallback(
    (message: string, label: string, run: () => Promise<void>) => {
      const entry = undo.push({ label, undo: run });
      notify({
        tone: 'info',
        message,
        action: { label: 'Undo', run: () => void undo.run(entry).catch(onError) },
      });
    },
    [undo, notify, onError],
  );

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
    [offerUndo, onError],
  );

  const deleteDocument = useCallback(
    async (doc: DocumentSummary) => {
      try {
        const removed = await call('deleteDocument', { id: doc.id });
        offerUndo(`“${doc.title}” deleted.`, 'delete document', async () => {
          await call('restoreDocument', removed);
          setSelectedId(removed.document.id);
        });
      } catch (error) {
        onError(error);
      }
    },
    [offerUndo, onError, setSelectedId],
  );

  const createAnnotation = useCallback(
    async (
      range: { start: number; end: number },
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
        setEditorFocus(then);
        setActiveId(created.id);
      } catch (error) {
        onError(error);
      }
    },
    [document, lastColor, onError],
  );

  const openAnnotation = useCallback((id: string | null, focus: EditorFocus = 'dialog') => {
    setEditorFocus(focus);
    setActiveId(id);
  }, []);

  const update = useCallback(
    (id: string, patch: Omit<MethodInput<'updateAnnotation'>, 'id'>) =>
      call('updateAnnotation', { id, ...patch }).catch((error: unknown) => {
        onError(error);
        throw error;
      }),
    [onError],
  );
  const updateQuietly = useCallback(
    (id: string, patch: Omit<MethodInput<'updateAnnotation'>, 'id'>) =>
      void update(id, patch).catch(() => {}),
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
    [update, updateQuietly, deleteAnnotation, onError],
  );

  // Ctrl/Cmd+Z undoes the last destructive action, except inside a text field (its own undo).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey)
        return;
      if (isTextField(event.target)) return;
      event.preventDefault();
      undo
        .undoLast()
        .then((label) =>
          notify({ tone: 'info', message: label ? `Undone: ${label}.` : 'Nothing to undo.' }),
        )
        .catch(onError);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, notify, onError]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another document closes the editor.
  useEffect(() => setActiveId(null), [selectedId]);

  const jumpTo = useCallback((annotation: Annotation) => {
    setJump((j) => ({ id: annotation.id, seq: (j?.seq ?? 0) + 1 }));
    setEditorFocus('dialog');
    setActiveId(annotation.id);
  }, []);

  const title = useMemo(
    () => (document ? `${document.title} — Marginalia` : 'Marginalia'),
    [document],
  );
  useEffect(() => {
    globalThis.document.title = title;
  }, [title]);

  return (
    <div className={document ? 'app' : 'app without-panel'}>
      <LibraryList
        documents={documents ?? []}
        selectedId={selectedId}
        onSelect={setSelectedId}
        onDelete={(doc) => void deleteDocument(doc)}
      />
      <main className="reader" aria-label="Reader">
        {document ? (
          <Reader
            document={document}
            annotations={annotations}
            tags={tags}
            activeId={activeId}
            editorFocus={editorFocus}
            jump={jump}
            onCreate={(range, color, then) => void createAnnotation(range, color, then)}
            onOpen={openAnnotation}
            editorActions={editorActions}
          />
        ) : (
          <div className="empty-state reader-empty">
            <p className="empty-title">
              {documents === null ? 'Opening your notebook…' : 'No document open'}
            </p>
            {documents !== null && <p>Choose a document from the library to start reading.</p>}
          </div>
        )}
      </main>
      {document && (
        <AnnotationPanel
          annotations={annotations}
          tags={tags}
          activeId={activeId}
          onOpen={jumpTo}
          onDelete={(a) => void deleteAnnotation(a)}
        />
      )}
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
