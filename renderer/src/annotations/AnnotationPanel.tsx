import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
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

const NO_NOTES: readonly NoteSummary[] = [];
/** A card's height before it is measured: a two-line quote and its buttons. */
const ESTIMATED_CARD = 96;
/** The space between cards (`.annotation-list li + li`). */
const CARD_GAP = 8;

/**
 * The document's highlights in text order. Each card is one button: click or Enter jumps to the
 * highlight and opens it; Delete removes it (with undo); arrow keys move between cards. Cards
 * can be dragged into a note, cited in a note, and show the notes that cite them.
 *
 * The cards are a virtual list over the panel's own scroll: only those in view (and a few
 * either side) are drawn, in the normal flow of the list, which is padded above and below for
 * the rest. Each drawn card is measured as it draws and again whenever it changes size (an
 * edited comment, a new tag), so the padding stays right and a card that grows moves the next
 * one down, never over it. Memoised: the reader's own updates do not redraw it.
 */
export const AnnotationPanel = memo(function AnnotationPanel({
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
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
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
  const shownTagIds = useMemo(() => [...new Set(shown.flatMap((a) => a.tagIds))], [shown]);

  const panelRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // Where the list starts in the panel's scroll (below the header, filter and unplaced list),
  // read after each render: what is above it changes with the filter and the orphans.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const panel = panelRef.current;
    const list = listRef.current;
    if (!panel || !list) return;
    const top =
      list.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    setScrollMargin((current) => (Math.abs(current - top) < 0.5 ? current : top));
  });
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => panelRef.current,
    estimateSize: () => ESTIMATED_CARD,
    gap: CARD_GAP,
    overscan: 6,
    scrollMargin,
    // Sizes are kept by highlight, so a card keeps its measured height when others come and go.
    getItemKey: (i) => shown[i]?.id ?? i,
  });
  const rows = virtualizer.getVirtualItems();
  const padTop = rows.length > 0 ? rows[0]!.start - scrollMargin : 0;
  const padBottom =
    rows.length > 0 ? virtualizer.getTotalSize() - (rows[rows.length - 1]!.end - scrollMargin) : 0;

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
  // Stable for the memoised cards: it reads the current list and callbacks through refs.
  const latest = useRef({ shown, onDelete, virtualizer });
  latest.current = { shown, onDelete, virtualizer };
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLButtonElement>, annotation: Annotation) => {
      const { shown, onDelete, virtualizer } = latest.current;
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
    },
    [],
  );

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
        <ol
          className="annotation-list"
          ref={listRef}
          style={{ paddingTop: padTop, paddingBottom: padBottom + 16 }}
        >
          {rows.map((row) => {
            const annotation = shown[row.index] as Annotation;
            return (
              <AnnotationCard
                key={annotation.id}
                index={row.index}
                measure={virtualizer.measureElement}
                annotation={annotation}
                active={annotation.id === activeId}
                tagById={tagById}
                document={document}
                citedBy={citing.get(annotation.id) ?? NO_NOTES}
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
                  <button type="button" onClick={() => notesActions.onOpenNote(note.id)}>
                    <span className="visually-hidden">Note: </span>
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
});
