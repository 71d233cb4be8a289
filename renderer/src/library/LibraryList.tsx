import { formatPublishedDate } from '../../../shared/format.ts';
import type { DocumentSummary } from '../../../shared/model.ts';

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
  return (
    <nav className="library" aria-label="Library">
      <header className="panel-header">
        <h2>Library</h2>
        <span className="count">{documents.length}</span>
      </header>
      {documents.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">Your library is empty</p>
          <p>Documents you add will be listed here.</p>
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
                  · {doc.wordCount.toLocaleString()} words
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
