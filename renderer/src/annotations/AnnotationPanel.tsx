import { type KeyboardEvent, type ReactNode, useMemo, useState } from 'react';
import {
  type AnnotationFilter,
  isFiltering,
  NO_FILTER,
} from '../../../shared/annotation-filter.ts';
import { quoteText } from '../../../shared/annotations.ts';
import { COLOR_LABELS } from '../../../shared/colors.ts';
import type { Annotation, NotebookDocument, NoteSummary, Tag } from '../../../shared/model.ts';
import { QUOTE_DRAG_TYPE, quoteBlock } from '../../../shared/note-links.ts';
import { TagInput } from '../ui/TagInput.tsx';
import { InsertIntoNote } from './InsertIntoNote.tsx';
import { PanelFilter } from './PanelFilter.tsx';
import { QuoteSummary } from './QuoteSummary.tsx';
import { UnplacedList } from './UnplacedList.tsx';

/** Pick a tag, then remove it from every shown highlight with the button (never on a key press). */
function UntagShown({
  tagIds,
  tagName,
  count,
  onRemove,
}: {
  tagIds: string[];
  tagName: (id: string) => string;
  count: number;
  onRemove: (tagId: string) => void;
}) {
  const [chosen, setChosen] = useState('');
  return (
    <span className="untag-shown">
      <select
        aria-label="Untag all shown"
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
      >
        <option value="">Remove a tag from all {count}…</option>
        {tagIds.map((id) => (
          <option key={id} value={id}>
            {tagName(id)}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!chosen}
        onClick={() => {
          onRemove(chosen);
          setChosen('');
        }}
      >
        Remove
      </button>
    </span>
  );
}

export interface PanelNotesActions {
  notes: readonly NoteSummary[];
  onStartNote: (annotation: Annotation) => void;
  onInsertIntoNote: (annotation: Annotation, noteId: string) => void;
  onOpenNote: (noteId: string) => void;
  onNewDocumentNote: () => void;
}

export interface PanelFilterActions {
  filter: AnnotationFilter;
  onFilterChange: (filter: AnnotationFilter) => void;
  isShown: (annotation: Annotation) => boolean;
  /** Tag (or untag) every highlight the filter shows. */
  onRetagShown: (ids: string[], change: { add?: Tag; create?: string; remove?: string }) => void;
}

export interface PanelOrphanActions {
  reattachingId: string | null;
  onReattach: (annotation: Annotation) => void;
}

/**
 * The document's highlights in text order. Each card is one button: click or Enter jumps to the
 * highlight and opens it; Delete removes it (with undo); arrow keys move between cards. Cards
 * can be dragged into a note, cited in a note, and show the notes that cite them.
 */
export function AnnotationPanel({
  annotations,
  tags,
  activeId,
  onOpen,
  onDelete,
  document,
  notesActions,
  filterActions,
  orphanActions,
  tabs,
}: {
  annotations: readonly Annotation[];
  tags: readonly Tag[];
  activeId: string | null;
  onOpen: (annotation: Annotation) => void;
  onDelete: (annotation: Annotation) => void;
  document?: NotebookDocument;
  notesActions?: PanelNotesActions;
  filterActions?: PanelFilterActions;
  /** When given, highlights that lost their place get their own list to re-attach them from. */
  orphanActions?: PanelOrphanActions;
  /** The switch to the panel's other modes (the quote finder). */
  tabs?: ReactNode;
}) {
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const filter = filterActions?.filter ?? NO_FILTER;
  const orphans = useMemo(
    () => (orphanActions ? annotations.filter((a) => a.orphan) : []),
    [annotations, orphanActions],
  );
  const shown = useMemo(() => {
    const placed = orphanActions ? annotations.filter((a) => !a.orphan) : annotations;
    return filterActions ? placed.filter(filterActions.isShown) : placed;
  }, [annotations, filterActions, orphanActions]);
  const citing = useMemo(() => {
    const map = new Map<string, NoteSummary[]>();
    for (const note of notesActions?.notes ?? []) {
      for (const id of note.annotationIds) {
        const list = map.get(id);
        if (list) list.push(note);
        else map.set(id, [note]);
      }
    }
    return map;
  }, [notesActions?.notes]);
  const documentNotes = (notesActions?.notes ?? []).filter(
    (n) => document && n.documentId === document.id,
  );
  const shownTagIds = [...new Set(shown.flatMap((a) => a.tagIds))];

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
      {tabs}
      <header className="panel-header">
        <h2>Highlights</h2>
        <span className="count">{annotations.length}</span>
      </header>
      {orphanActions && orphans.length > 0 && (
        <UnplacedList
          orphans={orphans}
          tags={tags}
          reattachingId={orphanActions.reattachingId}
          onReattach={orphanActions.onReattach}
          onDelete={onDelete}
        />
      )}
      {filterActions && annotations.length > 0 && (
        <PanelFilter filter={filter} tags={tags} onChange={filterActions.onFilterChange} />
      )}
      {filterActions && isFiltering(filter) && (
        <div className="filter-summary" aria-live="polite">
          <span>
            Showing {shown.length} of {annotations.length}
          </span>
          <button
            type="button"
            className="link-button"
            onClick={() => filterActions.onFilterChange(NO_FILTER)}
          >
            Clear filter
          </button>
          {shown.length > 0 && (
            <div className="bulk-tag">
              <TagInput
                allTags={tags}
                selectedIds={[]}
                onAdd={(tag) =>
                  filterActions.onRetagShown(
                    shown.map((a) => a.id),
                    { add: tag },
                  )
                }
                onCreate={(name) =>
                  filterActions.onRetagShown(
                    shown.map((a) => a.id),
                    { create: name },
                  )
                }
                onRemove={() => {}}
                label="Tag all shown"
                chipsLabel="Bulk tags"
                placeholder={`Tag all ${shown.length}…`}
              />
              {shownTagIds.length > 0 && (
                <UntagShown
                  tagIds={shownTagIds}
                  tagName={(id) => tagById.get(id)?.name ?? id}
                  count={shown.length}
                  onRemove={(tagId) =>
                    filterActions.onRetagShown(
                      shown.map((a) => a.id),
                      { remove: tagId },
                    )
                  }
                />
              )}
            </div>
          )}
        </div>
      )}
      {annotations.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No highlights yet</p>
          <p>
            Select a passage in the text, then pick a colour. Tags and comments are one click
            further.
          </p>
        </div>
      ) : shown.length === 0 && orphans.length === annotations.length ? null : shown.length ===
        0 ? (
        <div className="empty-state">
          <p className="empty-title">Nothing matches the filter</p>
        </div>
      ) : (
        <ol className="annotation-list">
          {shown.map((annotation) => {
            const citedBy = citing.get(annotation.id) ?? [];
            return (
              <li
                key={annotation.id}
                draggable={Boolean(document)}
                onDragStart={(e) => {
                  if (!document) return;
                  e.dataTransfer.setData(QUOTE_DRAG_TYPE, annotation.id);
                  e.dataTransfer.setData('text/plain', `\n${quoteBlock(annotation, document)}\n`);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
              >
                <button
                  type="button"
                  className={`annotation-card card-${annotation.color}${annotation.id === activeId ? ' active' : ''}`}
                  aria-current={annotation.id === activeId ? 'true' : undefined}
                  aria-label={`${COLOR_LABELS[annotation.color]} highlight: ${quoteText(annotation)}`}
                  onClick={() => onOpen(annotation)}
                  onKeyDown={(e) => onKeyDown(e, annotation)}
                >
                  <QuoteSummary
                    annotation={annotation}
                    tagById={tagById}
                    remark={
                      annotation.orphan && (
                        <span className="card-orphan">Not found in the current text</span>
                      )
                    }
                  />
                </button>
                {notesActions && (
                  <div className="card-actions">
                    {citedBy.length > 0 && (
                      <span className="backlinks">
                        <span className="backlinks-label">Cited in</span>
                        {citedBy.map((note) => (
                          <button
                            key={note.id}
                            type="button"
                            className="link-button"
                            onClick={() => notesActions.onOpenNote(note.id)}
                          >
                            {note.title || 'Untitled note'}
                          </button>
                        ))}
                      </span>
                    )}
                    <span className="card-buttons">
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Start a note from this quote: ${quoteText(annotation).slice(0, 40)}`}
                        onClick={() => notesActions.onStartNote(annotation)}
                      >
                        Start a note
                      </button>
                      {notesActions.notes.length > 0 && (
                        <InsertIntoNote
                          notes={notesActions.notes}
                          onPick={(noteId) => notesActions.onInsertIntoNote(annotation, noteId)}
                        />
                      )}
                    </span>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {notesActions && document && (
        <section className="document-notes" aria-label="Notes on this document">
          <header className="panel-header">
            <h2>Notes on this document</h2>
            <span className="count">{documentNotes.length}</span>
            <button
              type="button"
              className="link-button push-right"
              onClick={notesActions.onNewDocumentNote}
            >
              New note
            </button>
          </header>
          {documentNotes.length > 0 && (
            <ul className="document-note-list">
              {documentNotes.map((note) => (
                <li key={note.id}>
                  <button
                    type="button"
                    aria-label={`Note: ${note.title || 'Untitled note'}`}
                    onClick={() => notesActions.onOpenNote(note.id)}
                  >
                    <span className="note-title">{note.title || 'Untitled note'}</span>
                    <span className="note-excerpt">{note.excerpt}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </aside>
  );
}
