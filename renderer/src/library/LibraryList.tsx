import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { LIBRARY_SORTS, libraryView } from '../../../shared/library/library-view.ts';
import type { DocumentSummary } from '../../../shared/model.ts';
import { useApp } from '../app-services.ts';
import { CollectionList } from '../collections/CollectionList.tsx';
import { requestExchangeImport } from '../exchange/exchange-requests.ts';
import { IconButton } from '../ui/IconButton.tsx';
import { LineIcon } from '../ui/LineIcon.tsx';
import { BulkBar } from './BulkBar.tsx';
import { DocumentRow } from './DocumentRow.tsx';
import { LibraryControls } from './LibraryControls.tsx';
import { useBulkDelete } from './use-bulk-delete.ts';
import { useDocumentSelection } from './use-document-selection.ts';
import { useLibraryView } from './use-library-view.ts';

/** A library row's height in pixels: two lines of title, the source line, the counts. */
const ROW_HEIGHT = 92;

export function LibraryList({
  documents,
  selectedId,
  onSelect,
  onDelete,
}: {
  documents: readonly DocumentSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onDelete: (doc: DocumentSummary) => void;
}) {
  const { importer, exporter, collections, reading } = useApp();
  const view = useLibraryView();
  const current = collections.list.find((c) => c.id === view.collectionId) ?? null;
  const within = useMemo(() => (current ? new Set(current.documentIds) : null), [current]);
  // "Last opened" is the only order that moves while reading; the others ignore reading places.
  const readingForSort = view.sort === 'opened' ? reading : undefined;
  const shown = useMemo(
    () =>
      libraryView(documents, {
        sort: view.sort,
        filter: view.filter,
        within,
        reading: readingForSort,
      }),
    [documents, view.sort, view.filter, within, readingForSort],
  );
  const shownIds = useMemo(() => shown.map((d) => d.id), [shown]);
  const selection = useDocumentSelection(shownIds);
  const deleteMany = useBulkDelete();
  const [creating, setCreating] = useState<{ documentIds: string[] } | null>(null);
  const choose = (id: string, how: 'toggle' | 'extend') =>
    how === 'toggle' ? selection.toggle(id) : selection.extendTo(id);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    // Every row is the same height (titles clamp to two lines), so nothing is measured and a
    // row that changes (a renamed title, a new highlight) never overlaps the next.
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => shown[i]?.id ?? i,
  });
  return (
    <nav className="library" aria-label="Library">
      <header className="panel-header">
        <h2>Library</h2>
        <span className="count">{documents.length}</span>
        <span className="library-actions">
          <IconButton
            label="Export"
            title="Export quotes, notes or a backup (Ctrl+E)"
            onClick={() =>
              exporter.open({
                scope: selectedId
                  ? { kind: 'document', documentId: selectedId }
                  : { kind: 'notebook' },
              })
            }
          >
            <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
              <path
                d="M8 10V2.5M5 5.5l3-3 3 3M3.5 8.5v5h9v-5"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.3"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </IconButton>
          <IconButton
            label="New document from clipboard"
            title="New document from clipboard (or paste anywhere outside a text field)"
            onClick={() => void importer.fromClipboard()}
          >
            <LineIcon d="M5.5 2.5h5v2h-5zM5.5 3.5H3.5v10h9v-10h-2M6 8h4M6 10.5h4" />
          </IconButton>
          <IconButton
            label="Import from another tool"
            title="Import from another tool (Ctrl+Shift+O): an NVivo, ATLAS.ti, MAXQDA or QualCoder project (.qdpx), a codebook, Hypothesis annotations"
            onClick={requestExchangeImport}
          >
            <LineIcon d="M2.5 4.5h4l1.5 1.5h5.5v7h-11zM8 7.5v4M6 9.5l2 2 2-2" />
          </IconButton>
          <button
            type="button"
            className="import-button"
            title="Import text, Markdown, HTML or PDF files (Ctrl+O), or drop them on the window"
            onClick={() => void importer.fromDialog()}
          >
            Import…
          </button>
        </span>
      </header>
      <CollectionList
        collections={collections}
        total={documents.length}
        current={current?.id ?? null}
        onChoose={(id) => {
          view.setCollectionId(id);
          selection.clear();
        }}
        creating={creating}
        onCreating={setCreating}
      />
      {selection.ids.length > 0 && (
        <BulkBar
          ids={selection.ids}
          collections={collections}
          current={current}
          onNewCollection={(documentIds) => setCreating({ documentIds })}
          onExport={(documentIds) => exporter.open({ scope: { kind: 'documents', documentIds } })}
          onDelete={(documentIds) => {
            selection.clear();
            void deleteMany(documentIds);
          }}
          onClear={selection.clear}
        />
      )}
      {documents.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">Your library is empty</p>
          <p>
            Import text, Markdown or saved web pages, drop files on the window, or paste an article
            as a new document.
          </p>
          <p>
            Coded in NVivo, ATLAS.ti, MAXQDA or QualCoder, or highlighted in Hypothesis?{' '}
            <button type="button" className="link-button" onClick={requestExchangeImport}>
              Import from another tool…
            </button>
          </p>
        </div>
      ) : (
        <>
          <LibraryControls view={view} total={documents.length} />
          {shown.length === 0 ? (
            current && current.documentIds.length === 0 ? (
              <div className="empty-state">
                <p className="empty-title">“{current.name}” is empty</p>
                <p>
                  Drag documents from All documents onto it, or choose some and use Add to
                  collection.
                </p>
              </div>
            ) : (
              <div className="empty-state">
                <p className="empty-title">No document matches</p>
                <p>Nothing in the title, author or source has every word typed.</p>
              </div>
            )
          ) : (
            // biome-ignore lint/a11y/noStaticElementInteractions: keys bubble up from the rows' buttons and boxes.
            <div
              className="document-list"
              ref={scrollRef}
              onKeyDown={(e) => {
                // Ctrl/Cmd+A chooses every document shown; Escape lets them go.
                if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  selection.selectAll();
                } else if (e.key === 'Escape' && selection.ids.length > 0) {
                  e.preventDefault();
                  selection.clear();
                }
              }}
            >
              {/* Only the rows in view are drawn: a library of thousands stays light. */}
              <ul
                className="document-rows"
                style={{ height: virtualizer.getTotalSize() }}
                aria-label={`Documents by ${LIBRARY_SORTS.find((s) => s.id === view.sort)?.description ?? ''}`}
              >
                {virtualizer.getVirtualItems().map((row) => {
                  const doc = shown[row.index] as DocumentSummary;
                  return (
                    <DocumentRow
                      key={doc.id}
                      doc={doc}
                      index={row.index}
                      top={row.start}
                      selected={doc.id === selectedId}
                      chosen={selection.has(doc.id)}
                      reading={reading[doc.id]}
                      dragIds={() => (selection.has(doc.id) ? selection.ids : [doc.id])}
                      onSelect={(id) => {
                        selection.clear();
                        onSelect(id);
                      }}
                      onChoose={choose}
                      onDelete={onDelete}
                    />
                  );
                })}
              </ul>
            </div>
          )}
        </>
      )}
    </nav>
  );
}
