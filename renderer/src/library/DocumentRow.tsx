import { formatPublishedDate, plural } from '../../../shared/format.ts';
import type { DocumentSummary } from '../../../shared/model.ts';

/** One document in the library: title, where it is from, its counts, and delete. */
export function DocumentRow({
  doc,
  index,
  top,
  selected,
  onSelect,
  onDelete,
}: {
  doc: DocumentSummary;
  index: number;
  top: number;
  selected: boolean;
  onSelect: (id: string) => void;
  onDelete: (doc: DocumentSummary) => void;
}) {
  return (
    <li
      data-index={index}
      className={selected ? 'selected' : undefined}
      style={{ transform: `translateY(${top}px)` }}
    >
      <button
        type="button"
        className="document-item"
        aria-current={selected ? 'page' : undefined}
        onClick={() => onSelect(doc.id)}
      >
        <span className="document-title">{doc.title || 'Untitled document'}</span>
        <span className="document-meta">
          {[doc.source, doc.publishedDate && formatPublishedDate(doc.publishedDate)]
            .filter(Boolean)
            .join(' · ')}
        </span>
        <span className="document-stats">
          {doc.annotationCount === 1 ? '1 highlight' : `${doc.annotationCount} highlights`} ·{' '}
          {doc.pageCount !== undefined ? `PDF, ${plural(doc.pageCount, 'page', 'pages')} · ` : ''}
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
  );
}
