import { memo, useRef } from 'react';
import type { AnnotationFilter } from '../../../shared/annotation-filter.ts';
import type { Annotation, DocumentSummary, NotebookDocument } from '../../../shared/model.ts';
import { AnnotationPanel } from '../annotations/AnnotationPanel.tsx';
import { useApp } from '../app-services.ts';
import { FindBar } from '../find/FindBar.tsx';
import { useFind } from '../find/use-find.ts';
import { LibraryList } from '../library/LibraryList.tsx';
import { HighlightMinimap } from '../minimap/HighlightMinimap.tsx';
import { QuotePanel } from '../quotes/QuotePanel.tsx';
import { useReadingPlace } from '../reading/use-reading-place.ts';
import { DocumentDetailsDialog } from './DocumentDetailsDialog.tsx';
import { Reader } from './Reader.tsx';
import { ReaderHeaderActions } from './ReaderHeaderActions.tsx';
import { useDocumentActions } from './use-document-actions.ts';
import { useHighlightActions } from './use-highlight-actions.ts';
import { usePanelActions } from './use-panel-actions.ts';
import { useReaderNavigation } from './use-reader-navigation.ts';
import { useReattach } from './use-reattach.ts';
import { useSidePanel } from './use-side-panel.tsx';

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

/** The library redraws only when its own props change (not on every change to a highlight). */
const MemoLibraryList = memo(LibraryList);
const NO_DOCUMENTS: readonly DocumentSummary[] = [];

/**
 * The library, the reader and the side panel: reading and highlighting one document. It only
 * wires the hooks that hold each concern (see their files) to the components that show them,
 * so a change to one concern is made in one place.
 */
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
  const { tags, reading } = useApp();
  const readerRef = useRef<HTMLElement>(null);
  const { isShown, filterActions, notesActions } = usePanelActions(
    document,
    filter,
    onFilterChange,
  );
  const navigation = useReaderNavigation(selectedId, jumpRequest, onJumpHandled);
  const { activeId, editorFocus, jumpTo } = navigation;
  // A document opens where it was left, unless it was opened to show a quote (one is active).
  useReadingPlace(readerRef, document?.id ?? null, reading[document?.id ?? ''], activeId !== null);
  const reattach = useReattach(annotations, selectedId, navigation.open);
  const documentActions = useDocumentActions(document, selectedId, onSelect);
  const highlights = useHighlightActions(document, navigation);
  const find = useFind(document?.id ?? null, document?.text ?? '');
  const panel = useSidePanel(document, annotations, selectedId, navigation);

  return (
    <div className={document ? 'workspace' : 'workspace without-panel'}>
      <MemoLibraryList
        documents={documents ?? NO_DOCUMENTS}
        selectedId={selectedId}
        onSelect={onSelect}
        onDelete={documentActions.deleteFromLibrary}
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
            jump={navigation.jump}
            onCreate={(range, color, then) => void highlights.create(range, color, then)}
            onCreateArea={(area) => void highlights.createArea(area)}
            onOpen={navigation.open}
            editorActions={highlights.editorActions}
            isShown={isShown}
            reveal={navigation.reveal}
            candidates={panel.quotes.candidates}
            find={find.painted}
            onSelectionChange={panel.quotes.onReaderSelection}
            reattach={reattach.request}
            headerActions={
              <ReaderHeaderActions
                document={document}
                quotesShown={panel.mode === 'quotes'}
                onGo={(entry) => navigation.revealSpan({ start: entry.start, end: entry.end })}
                onToggleQuotes={panel.toggleQuotes}
                onEditDetails={() => documentActions.setEditingDetails(true)}
              />
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
      {document && panel.mode === 'quotes' && (
        <QuotePanel
          key={document.id}
          tabs={panel.tabs}
          text={document.text}
          {...panel.quotes.panel}
        />
      )}
      {document && panel.mode === 'highlights' && (
        <AnnotationPanel
          tabs={panel.tabs}
          // A virtual list, so it follows a new highlight in the reader's own render (deferred,
          // it took a render and a frame of its own before the card showed).
          annotations={annotations}
          tags={tags}
          activeId={activeId}
          onOpen={jumpTo}
          onDelete={highlights.deleteFromPanel}
          document={document}
          notesActions={notesActions}
          filterActions={filterActions}
          orphanActions={reattach.orphanActions}
        />
      )}
      {document && documentActions.editingDetails && (
        <DocumentDetailsDialog
          document={document}
          onSave={documentActions.saveDetails}
          onClose={() => documentActions.setEditingDetails(false)}
        />
      )}
    </div>
  );
}
