import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import {
  type AnnotationFilter,
  isFiltering,
  NO_FILTER,
} from '../../../shared/annotation-filter.ts';
import type { Annotation, NotebookDocument, NoteSummary, Tag } from '../../../shared/model.ts';
import { TagInput } from '../ui/TagInput.tsx';
import { AnnotationCard } from './AnnotationCard.tsx';
import { PanelFilter } from './PanelFilter.tsx';
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

  const panelRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => panelRef.current,
    estimateSize: () => 96,
    overscan: 6,
    // The cards start below the panel's header and filter.
    scrollMargin: listRef.current?.offsetTop ?? 0,
    getItemKey: (i) => shown[i]?.id ?? i,
  });
  // The arrow keys move between cards; one not drawn yet is scrolled to, then focused.
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex === null) return;
    const card = listRef.current?.querySelector<HTMLElement>(
      `li[data-index="${focusIndex}"] .annotation-card`,
    );
    if (card) {
      card.focus();
      setFocusIndex(null);
    }
  });
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, annotation: Annotation) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onDelete(annotation);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const at = shown.indexOf(annotation) + (event.key === 'ArrowDown' ? 1 : -1);
      if (at < 0 || at >= shown.length) return;
      virtualizer.scrollToIndex(at, { align: 'auto' });
      setFocusIndex(at);
    }
  };

  return (
    <aside className="annotation-panel" aria-label="Highlights in this document" ref={panelRef}>
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
        // Only the cards in view are drawn (the panel scrolls as a whole): 5,000 highlights
        // cost a screenful of cards, not 5,000.
        <ol
          className="annotation-list"
          ref={listRef}
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const annotation = shown[row.index] as Annotation;
            return (
              <AnnotationCard
                key={annotation.id}
                index={row.index}
                top={row.start - virtualizer.options.scrollMargin}
                measure={virtualizer.measureElement}
                annotation={annotation}
                active={annotation.id === activeId}
                tagById={tagById}
                document={document}
                citedBy={citing.get(annotation.id) ?? []}
                notesActions={notesActions}
                onOpen={onOpen}
                onKeyDown={onKeyDown}
              />
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
