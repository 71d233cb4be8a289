import type { MouseEvent } from 'react';
import { formatPublishedDate, plural } from '../../../shared/format.ts';
import type { DocumentSummary } from '../../../shared/model.ts';
import { progressLabel, type ReadingState } from '../../../shared/reading/reading-state.ts';
import { DOCUMENTS_DRAG_TYPE } from '../collections/CollectionList.tsx';
import { IconButton } from '../ui/IconButton.tsx';

/**
 * One document in the library: a box to choose it for bulk actions, its title, where it is
 * from, its counts, how far it was read, and delete. Drag it (or the chosen ones) onto a
 * collection to add it there.
 */
export function DocumentRow({
  doc,
  index,
  top,
  selected,
  chosen,
  reading,
  dragIds,
  onSelect,
  onChoose,
  onDelete,
}: {
  doc: DocumentSummary;
  index: number;
  top: number;
  selected: boolean;
  /** Chosen for a bulk action. */
  chosen: boolean;
  reading: ReadingState | undefined;
  /** What dragging this row carries: the chosen documents when it is one of them. */
  dragIds: () => readonly string[];
  onSelect: (id: string) => void;
  onChoose: (id: string, how: 'toggle' | 'extend') => void;
  onDelete: (doc: DocumentSummary) => void;
}) {
  const progress = progressLabel(reading);
  const click = (event: MouseEvent) => {
    if (event.shiftKey) onChoose(doc.id, 'extend');
    else if (event.ctrlKey || event.metaKey) onChoose(doc.id, 'toggle');
    else return onSelect(doc.id);
    event.preventDefault();
  };
  return (
    <li
      data-index={index}
      className={
        [selected && 'selected', chosen && 'chosen'].filter(Boolean).join(' ') || undefined
      }
      style={{ transform: `translateY(${top}px)` }}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(DOCUMENTS_DRAG_TYPE, JSON.stringify(dragIds()));
        e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <input
        type="checkbox"
        className="document-check"
        aria-label={`Choose ${doc.title || 'untitled document'}`}
        checked={chosen}
        onChange={() => onChoose(doc.id, 'toggle')}
        onClick={(e) => {
          if (e.shiftKey) {
            e.preventDefault();
            onChoose(doc.id, 'extend');
          }
        }}
      />
      <button
        type="button"
        className="document-item"
        aria-current={selected ? 'page' : undefined}
        onClick={click}
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
          {progress && <span className="visually-hidden"> · {progress}</span>}
        </span>
        {reading && (
          <span
            className="document-progress"
            title={progress}
            aria-hidden="true"
            style={{ '--progress': reading.progress } as React.CSSProperties}
          />
        )}
      </button>
      <IconButton
        className="document-delete"
        label={`Delete ${doc.title}`}
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
      </IconButton>
    </li>
  );
}
