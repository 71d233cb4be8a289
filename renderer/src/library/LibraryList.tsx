import { formatPublishedDate, plural } from '../../../shared/format.ts';
import type { DocumentSummary } from '../../../shared/model.ts';
import { useApp } from '../app-services.ts';
import { LineIcon } from '../ui/LineIcon.tsx';

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
        <ul className="document-list">
          {documents.map((doc) => (
            <li key={doc.id} className={doc.id === selectedId ? 'selected' : undefined}>
              <button
                type="button"
                className="document-item"
                aria-current={doc.id === selectedId ? 'page' : undefined}
                onClick={() => onSelect(doc.id)}
              >
                <span className="document-title">{doc.title || 'Untitled document'}</span>
                <span className="document-meta">
                  {[doc.source, doc.publishedDate && formatPublishedDate(doc.publishedDate)]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <span className="document-stats">
                  {doc.annotationCount === 1 ? '1 highlight' : `${doc.annotationCount} highlights`}{' '}
                  ·{' '}
                  {doc.pageCount !== undefined
                    ? `PDF, ${plural(doc.pageCount, 'page', 'pages')} · `
                    : ''}
                  {doc.wordCount.toLocaleString()} words
                  {doc.orphanCount > 0 && (
                    <span className="unplaced-badge">{doc.orphanCount} unplaced</span>
                  )}
                </span>
              </button>
              <button
                type="button"
                className="icon-button document-delete"
                aria-label={`Delete ${doc.title}`}
                title="Delete document"
                onClick={() => onDelete(doc)}
              >
                <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                  <path
                    d="M3 4h10M6.5 4V2.5h3V4M5 4l.6 9h4.8L11 4"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.3"
                  />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
