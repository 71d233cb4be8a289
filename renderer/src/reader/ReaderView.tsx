import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { type AnnotationFilter, annotationMatcher } from '../../../shared/annotation-filter.ts';
import { quoteText } from '../../../shared/annotations.ts';
import type { HighlightColor } from '../../../shared/colors.ts';
import { DEFAULT_COLOR } from '../../../shared/colors.ts';
import type { MethodInput } from '../../../shared/contract.ts';
import type {
  Annotation,
  DocumentSummary,
  NotebookDocument,
  PageSelector,
  Tag,
} from '../../../shared/model.ts';
import {
  draftSpan,
  openQuotations,
  speakersByAnnotation,
  suggestionKey,
} from '../../../shared/quotes/suggestion-list.ts';
import {
  AnnotationPanel,
  type PanelFilterActions,
  type PanelNotesActions,
} from '../annotations/AnnotationPanel.tsx';
import { useApp } from '../app-services.ts';
import { FindBar } from '../find/FindBar.tsx';
import { useFind } from '../find/use-find.ts';
import { LibraryList } from '../library/LibraryList.tsx';
import { HighlightMinimap } from '../minimap/HighlightMinimap.tsx';
import { call } from '../notebook-client.ts';
import { OutlineMenu } from '../outline/OutlineMenu.tsx';
import type { NewArea } from '../pdf/AreaLayer.tsx';
import { QuotePanel } from '../quotes/QuotePanel.tsx';
import { useQuoteFinder } from '../quotes/use-quote-finder.ts';
import { useReadingPlace } from '../reading/use-reading-place.ts';
import { LineIcon } from '../ui/LineIcon.tsx';
import { PanelTabs } from '../ui/PanelTabs.tsx';
import type { AnnotationEditorActions, EditorFocus } from './AnnotationEditor.tsx';
import { type DocumentDetails, DocumentDetailsDialog } from './DocumentDetailsDialog.tsx';
import { Reader } from './Reader.tsx';

export interface ReaderViewProps {
  documents: readonly DocumentSummary[] | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  document: NotebookDocument | null;
  annotations: readonly Annotation[];
  /** A quote to show (from a note's citation, say); `seq` makes a repeat count. */
  jumpRequest: { id: string; seq: number } | null;
  onJumpHandled: () => void;
  /** The open document's panel filter (kept by App, so it survives switching views). */
  filter: AnnotationFilter;
  onFilterChange: (filter: AnnotationFilter) => void;
}

type PanelMode = 'highlights' | 'quotes';
/** The library redraws only when its own props change (not on every change to a highlight). */
const MemoLibraryList = memo(LibraryList);
const NO_DOCUMENTS: readonly DocumentSummary[] = [];
/** Kept while the app runs: coming back to the reader finds the panel as it was left. */
const panelMemory: { mode: PanelMode } = { mode: 'highlights' };

/** The library, the reader and the highlights panel: reading and highlighting one document. */
export function ReaderView({
  documents,
  selectedId,
  onSelect,
  document,
  annotations,
  jumpRequest,
  onJumpHandled,
  filter,
  onFilterChange,
}: ReaderViewProps) {
  const {
    tags,
    notes,
    offerUndo,
    onError,
    notify,
    openNote,
    startNoteFromQuote,
    importer,
    reading,
  } = useApp();
  const readerRef = useRef<HTMLElement>(null);
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

  const [activeId, setActiveId] = useState<string | null>(null);
  const [editorFocus, setEditorFocus] = useState<EditorFocus>('dialog');
  const [jump, setJump] = useState<{ id: string; seq: number } | null>(null);
  const [lastColor, setLastColor] = useState<HighlightColor>(DEFAULT_COLOR);

  // A document opens where it was left, unless it was opened to show a quote (one is active).
  useReadingPlace(readerRef, document?.id ?? null, reading[document?.id ?? ''], activeId !== null);

  const [reattaching, setReattaching] = useState<Annotation | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);

  // Another document closes the editor. Declared before the jump below, which
  // must win when both happen at once.
  const shownDocument = useRef(selectedId);
  useEffect(() => {
    if (shownDocument.current === selectedId) return;
    shownDocument.current = selectedId;
    setActiveId(null);
    setReattaching(null);
    setEditingDetails(false);
  }, [selectedId]);

  const reattach = useCallback(
    async (annotation: Annotation, range: { start: number; end: number }) => {
      try {
        const { annotation: placed, previous } = await call('reattachAnnotation', {
          id: annotation.id,
          ...range,
        });
        setReattaching(null);
        setEditorFocus('dialog');
        setActiveId(placed.id);
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
    [offerUndo, onError],
  );

  // The highlight being re-attached was deleted, or placed again (an undo): the mode ends.
  useEffect(() => {
    if (reattaching && !annotations.some((a) => a.id === reattaching.id && a.orphan))
      setReattaching(null);
  }, [annotations, reattaching]);

  const orphanActions = useMemo(
    () => ({
      reattachingId: reattaching?.id ?? null,
      onReattach: (annotation: Annotation) =>
        setReattaching((current) => (current?.id === annotation.id ? null : annotation)),
    }),
    [reattaching],
  );

  const saveDetails = useCallback(
    async (changes: Partial<DocumentDetails>) => {
      if (!document) return;
      const before = Object.fromEntries(
        Object.keys(changes).map((key) => [
          key,
          key === 'csl' ? (document.csl ?? null) : document[key as keyof DocumentDetails],
        ]),
      );
      const id = document.id;
      await call('updateDocument', { id, ...changes });
      offerUndo('Document details saved.', 'edit details', async () => {
        await call('updateDocument', { id, ...before });
      });
    },
    [document, offerUndo],
  );

  // A jump asked for from outside (a note's citation) behaves like a click in the panel.
  useEffect(() => {
    if (!jumpRequest) return;
    setJump((j) => ({ id: jumpRequest.id, seq: (j?.seq ?? 0) + 1 }));
    setEditorFocus('dialog');
    setActiveId(jumpRequest.id);
    onJumpHandled();
  }, [jumpRequest, onJumpHandled]);

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
          onSelect(removed.document.id);
        });
      } catch (error) {
        onError(error);
      }
    },
    [offerUndo, onError, onSelect],
  );

  const createAnnotation = useCallback(
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
        setEditorFocus(then);
        setActiveId(created.id);
      } catch (error) {
        onError(error);
      }
    },
    [document, lastColor, onError],
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
        setEditorFocus('dialog');
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

  const jumpTo = useCallback(
    (annotation: Annotation) => {
      if (annotation.orphan) {
        notify({
          tone: 'info',
          message:
            'This highlight’s text is no longer in the document. Re-attach it from the list of unplaced highlights.',
        });
      }
      setJump((j) => ({ id: annotation.id, seq: (j?.seq ?? 0) + 1 }));
      setEditorFocus('dialog');
      setActiveId(annotation.id);
    },
    [notify],
  );

  // The side panel's other mode: the quote finder's candidates for this document.
  const [panelMode, setPanelModeState] = useState<PanelMode>(panelMemory.mode);
  const setPanelMode = useCallback((mode: PanelMode) => {
    panelMemory.mode = mode;
    setPanelModeState(mode);
  }, []);
  const finder = useQuoteFinder(document?.id ?? null, panelMode === 'quotes');
  const [readerSelection, setReaderSelection] = useState<{ start: number; end: number } | null>(
    null,
  );
  // The last selection stays available to "Use current selection" after focus moves to the panel.
  const onReaderSelection = useCallback((selection: { start: number; end: number } | null) => {
    if (selection) setReaderSelection(selection);
  }, []);
  const [activeQuote, setActiveQuote] = useState<{ start: number; end: number } | null>(null);
  const [reveal, setReveal] = useState<{ start: number; end: number; seq: number } | null>(null);
  const find = useFind(document?.id ?? null, document?.text ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: another document starts afresh.
  useEffect(() => {
    setReaderSelection(null);
    setActiveQuote(null);
  }, [selectedId]);
  // The side panel lists every highlight (thousands on a long PDF): it follows a new highlight in
  // a render of its own, after the reader has painted it.
  const panelAnnotations = useDeferredValue(annotations);
  const acceptedSpeakers = useMemo(
    () => speakersByAnnotation(annotations, tags),
    [annotations, tags],
  );
  const candidates = useMemo(() => {
    if (panelMode !== 'quotes' || !finder.result || finder.result.documentId !== document?.id)
      return null;
    const spans = openQuotations(finder.result.suggestions).map((s) => draftSpan(s, finder.drafts));
    // The active candidate is marked where its correction puts it, as its card shows it.
    return { spans, active: activeQuote && draftSpan(activeQuote, finder.drafts) };
  }, [panelMode, finder.result, finder.drafts, document?.id, activeQuote]);

  // Ctrl/Cmd+Shift+A (attributions): find quotes, or back to the highlights. Not Q: ⇧⌘Q is
  // the Mac's Log Out.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== 'a') return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setPanelMode(panelMemory.mode === 'quotes' ? 'highlights' : 'quotes');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setPanelMode]);

  const openCount =
    finder.result && finder.result.documentId === document?.id
      ? openQuotations(finder.result.suggestions).length
      : null;
  const highlightCount = annotations.length;
  // Memoised, as are the callbacks below: the memoised panel and library then redraw only for
  // changes of their own.
  const tabs = useMemo(
    () => (
      <PanelTabs
        label="Side panel"
        current={panelMode}
        onChange={setPanelMode}
        tabs={[
          { id: 'highlights', label: 'Highlights', count: highlightCount },
          {
            id: 'quotes',
            label: 'Quotes',
            count: panelMode === 'quotes' ? openCount : null,
            title: 'Find quotes and their speakers (Ctrl+Shift+A)',
          },
        ]}
      />
    ),
    [panelMode, setPanelMode, highlightCount, openCount],
  );
  const deleteFromPanel = useCallback(
    (a: Annotation) => void deleteAnnotation(a),
    [deleteAnnotation],
  );
  const deleteFromLibrary = useCallback(
    (doc: DocumentSummary) => void deleteDocument(doc),
    [deleteDocument],
  );

  return (
    <div className={document ? 'workspace' : 'workspace without-panel'}>
      <MemoLibraryList
        documents={documents ?? NO_DOCUMENTS}
        selectedId={selectedId}
        onSelect={onSelect}
        onDelete={deleteFromLibrary}
      />
      <main className="reader" aria-label="Reader" ref={readerRef}>
        {document && <FindBar find={find} />}
        {document && (
          <HighlightMinimap document={document} annotations={annotations} onJump={jumpTo} />
        )}
        {document ? (
          <Reader
            document={document}
            annotations={annotations}
            tags={tags}
            activeId={activeId}
            editorFocus={editorFocus}
            jump={jump}
            onCreate={(range, color, then) => void createAnnotation(range, color, then)}
            onCreateArea={(area) => void createArea(area)}
            onOpen={openAnnotation}
            editorActions={editorActions}
            isShown={isShown}
            reveal={reveal}
            candidates={candidates}
            find={find.painted}
            onSelectionChange={onReaderSelection}
            reattach={
              reattaching
                ? {
                    quote: quoteText(reattaching),
                    onAttach: (range) => void reattach(reattaching, range),
                    onCancel: () => setReattaching(null),
                  }
                : null
            }
            headerActions={
              <>
                <OutlineMenu
                  document={document}
                  onGo={(entry) =>
                    setReveal((r) => ({
                      start: entry.start,
                      end: entry.end,
                      seq: (r?.seq ?? 0) + 1,
                    }))
                  }
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Find quotes"
                  aria-pressed={panelMode === 'quotes'}
                  title="Find quotes and their speakers (Ctrl+Shift+A)"
                  onClick={() => setPanelMode(panelMode === 'quotes' ? 'highlights' : 'quotes')}
                >
                  <LineIcon d="M2.5 9.5h3.2v3.8H2.5zM2.5 9.5c0-3 .8-4.6 3-5.6M9.5 9.5h3.2v3.8H9.5zM9.5 9.5c0-3 .8-4.6 3-5.6" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Edit document details"
                  title="Edit details: title, author, source, URL, date"
                  onClick={() => setEditingDetails(true)}
                >
                  <LineIcon d="M10.5 2.5l3 3-8 8H2.5v-3z M9 4l3 3" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Replace text with a newer version"
                  title="Replace text with a newer version (highlights are re-anchored)"
                  onClick={() => void importer.replaceText(document.id)}
                >
                  <LineIcon d="M13 6.5A5 5 0 0 0 3.8 4.2M3 9.5a5 5 0 0 0 9.2 2.3M3.5 2v2.6h2.6M12.5 14v-2.6H9.9" />
                </button>
              </>
            }
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
      {document && panelMode === 'quotes' && (
        <QuotePanel
          key={document.id}
          tabs={tabs}
          result={finder.result?.documentId === document.id ? finder.result : null}
          text={document.text}
          drafts={finder.drafts}
          acceptedSpeakers={acceptedSpeakers}
          selection={readerSelection}
          activeKey={activeQuote && suggestionKey(activeQuote)}
          onSelect={(s) => {
            const span = draftSpan(s, finder.drafts);
            setActiveQuote({ start: s.start, end: s.end });
            setReveal((r) => ({ start: span.start, end: span.end, seq: (r?.seq ?? 0) + 1 }));
          }}
          onAccept={(s, draft) => void finder.accept(s, draft)}
          onAcceptAll={() => void finder.acceptAll()}
          onDismiss={(s) => void finder.dismiss(s)}
          onRestore={(list) => void finder.restore(list)}
          onSaveDraft={finder.setDraft}
          onOpenHighlight={(id) => {
            const annotation = annotations.find((a) => a.id === id);
            if (annotation) jumpTo(annotation);
          }}
        />
      )}
      {document && panelMode === 'highlights' && (
        <AnnotationPanel
          tabs={tabs}
          annotations={panelAnnotations}
          tags={tags}
          activeId={activeId}
          onOpen={jumpTo}
          onDelete={deleteFromPanel}
          document={document}
          notesActions={notesActions}
          filterActions={filterActions}
          orphanActions={orphanActions}
        />
      )}
      {document && editingDetails && (
        <DocumentDetailsDialog
          document={document}
          onSave={saveDetails}
          onClose={() => setEditingDetails(false)}
        />
      )}
    </div>
  );
}
