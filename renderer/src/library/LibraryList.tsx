import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { LIBRARY_SORTS, libraryView } from '../../../shared/library/library-view.ts';
import type { DocumentSummary } from '../../../shared/model.ts';
import { useApp } from '../app-services.ts';
import { LineIcon } from '../ui/LineIcon.tsx';
import { DocumentRow } from './DocumentRow.tsx';
import { LibraryControls } from './LibraryControls.tsx';
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
  const { importer, exporter } = useApp();
  const view = useLibraryView();
  const shown = useMemo(
    () => libraryView(documents, { sort: view.sort, filter: view.filter }),
    [documents, view.sort, view.filter],
  );
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
          <button
            type="button"
            className="icon-button"
            aria-label="Export"
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
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="New document from clipboard"
            title="New document from clipboard (or paste anywhere outside a text field)"
            onClick={() => void importer.fromClipboard()}
          >
            <LineIcon d="M5.5 2.5h5v2h-5zM5.5 3.5H3.5v10h9v-10h-2M6 8h4M6 10.5h4" />
          </button>
          <button
            type="button"
            className="import-button"
            title="Import text, Markdown or HTML files (Ctrl+O), or drop them on the window"
            onClick={() => void importer.fromDialog()}
          >
            <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
              <path
                d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.5"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
            Import…
          </button>
        </span>
      </header>
      {documents.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">Your library is empty</p>
          <p>
            Import text, Markdown or saved web pages, drop files on the window, or paste an article
            as a new document.
          </p>
        </div>
      ) : (
        <>
          <LibraryControls view={view} total={documents.length} />
          {shown.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">No document matches</p>
              <p>Nothing in the title, author or source has every word typed.</p>
            </div>
          ) : (
            <div className="document-list" ref={scrollRef}>
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
                      onSelect={onSelect}
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
