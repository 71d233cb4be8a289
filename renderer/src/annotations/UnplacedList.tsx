import { quoteText } from '../../../shared/annotations.ts';
import type { Annotation, Tag } from '../../../shared/model.ts';
import { QuoteSummary } from './QuoteSummary.tsx';

/**
 * Highlights whose quote is no longer in the document's text (after a re-import). They are kept,
 * never dropped: the user places each one again on a new selection, or deletes it.
 */
export function UnplacedList({
  orphans,
  tags,
  reattachingId,
  onReattach,
  onDelete,
}: {
  orphans: readonly Annotation[];
  tags: readonly Tag[];
  reattachingId: string | null;
  onReattach: (annotation: Annotation) => void;
  onDelete: (annotation: Annotation) => void;
}) {
  const tagById = new Map(tags.map((t) => [t.id, t]));
  return (
    <section className="unplaced" aria-labelledby="unplaced-title">
      <header className="unplaced-header">
        <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
          <path
            d="M8 1.8 15 14H1z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
            strokeLinejoin="round"
          />
          <path d="M8 6.2v3.6" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
          <circle cx="8" cy="11.8" r=".85" fill="currentColor" />
        </svg>
        <h3 id="unplaced-title">
          {orphans.length === 1
            ? '1 highlight could not be placed'
            : `${orphans.length} highlights could not be placed`}
        </h3>
      </header>
      <p className="unplaced-help">
        Their text is not in this version of the document. Select where each belongs now and
        re-attach it, or delete it.
      </p>
      <ul className="unplaced-list">
        {orphans.map((annotation) => (
          <li
            key={annotation.id}
            className={`unplaced-item card-${annotation.color}${annotation.id === reattachingId ? ' reattaching' : ''}`}
          >
            <QuoteSummary annotation={annotation} tagById={tagById} />
            <span className="unplaced-actions">
              <button
                type="button"
                aria-label={`Re-attach: ${quoteText(annotation).slice(0, 60)}`}
                onClick={() => onReattach(annotation)}
                aria-pressed={annotation.id === reattachingId}
              >
                Re-attach…
              </button>
              <button
                type="button"
                className="link-button danger"
                aria-label={`Delete unplaced highlight: ${quoteText(annotation).slice(0, 60)}`}
                onClick={() => onDelete(annotation)}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
