import type { KeyboardEvent } from 'react';
import { COLOR_LABELS } from '../../../shared/colors.ts';
import type { Annotation, Tag } from '../../../shared/model.ts';

/**
 * The document's highlights in text order. Each card is one button: click or Enter jumps to the
 * highlight and opens it; Delete removes it (with undo); arrow keys move between cards.
 */
export function AnnotationPanel({
  annotations,
  tags,
  activeId,
  onOpen,
  onDelete,
}: {
  annotations: readonly Annotation[];
  tags: readonly Tag[];
  activeId: string | null;
  onOpen: (annotation: Annotation) => void;
  onDelete: (annotation: Annotation) => void;
}) {
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, annotation: Annotation) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onDelete(annotation);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const item = event.currentTarget.closest('li');
      const next =
        event.key === 'ArrowDown' ? item?.nextElementSibling : item?.previousElementSibling;
      next?.querySelector('button')?.focus();
    }
  };
  return (
    <aside className="annotation-panel" aria-label="Highlights in this document">
      <header className="panel-header">
        <h2>Highlights</h2>
        <span className="count">{annotations.length}</span>
      </header>
      {annotations.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No highlights yet</p>
          <p>
            Select a passage in the text, then pick a colour. Tags and comments are one click
            further.
          </p>
        </div>
      ) : (
        <ol className="annotation-list">
          {annotations.map((annotation) => (
            <li key={annotation.id}>
              <button
                type="button"
                className={`annotation-card card-${annotation.color}${annotation.id === activeId ? ' active' : ''}`}
                aria-current={annotation.id === activeId ? 'true' : undefined}
                aria-label={`${COLOR_LABELS[annotation.color]} highlight: ${annotation.target.quote.exact}`}
                onClick={() => onOpen(annotation)}
                onKeyDown={(e) => onKeyDown(e, annotation)}
              >
                <q className="card-quote">{annotation.target.quote.exact}</q>
                {annotation.orphan && (
                  <span className="card-orphan">Not found in the current text</span>
                )}
                {annotation.tagIds.length > 0 && (
                  <span className="card-tags">
                    {annotation.tagIds.map((id) => {
                      const tag = tagById.get(id);
                      return tag ? (
                        <span key={id} className={`chip chip-${tag.color}`}>
                          {tag.name}
                        </span>
                      ) : null;
                    })}
                  </span>
                )}
                {annotation.comment && <span className="card-comment">{annotation.comment}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
