import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import type { DocumentSummary, NoteSummary, Tag } from '../../../shared/model.ts';
import { formatFull, formatWhen, useNow } from './note-time.ts';

export const noteTitle = (note: { title: string }) => note.title.trim() || 'Untitled note';

/**
 * The notes, newest first, as a listbox: click or arrow keys select (and show) a note, Enter
 * moves into it, Delete removes it. The filter box narrows the list by title, text, document
 * and tag.
 */
export function NoteList({
  notes,
  total,
  filter,
  onFilterChange,
  selectedId,
  onSelect,
  onOpen,
  onDelete,
  onCreate,
  tags,
  documents,
  focusRequest,
}: {
  /** The notes shown (already filtered). */
  notes: readonly NoteSummary[];
  /** How many notes there are in all. */
  total: number;
  filter: string;
  onFilterChange: (filter: string) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onDelete: (note: NoteSummary) => void;
  onCreate: () => void;
  tags: readonly Tag[];
  documents: readonly DocumentSummary[];
  /** Changes when the selected option should take the keyboard focus. */
  focusRequest: number;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const scrolledTo = useRef<string | null>(null);
  const now = useNow();
  const baseId = useId();
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const documentById = new Map(documents.map((d) => [d.id, d]));
  const focusIndex = Math.max(
    0,
    notes.findIndex((n) => n.id === selectedId),
  );

  const optionAt = (index: number) =>
    listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[index] ?? null;

  // Keep the selected note in sight once, when it is chosen (or first appears in the list).
  useEffect(() => {
    if (!selectedId || scrolledTo.current === selectedId) return;
    const option = listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!option) return;
    scrolledTo.current = selectedId;
    option.scrollIntoView({ block: 'nearest' });
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when asked to, after the list updates.
  useEffect(() => {
    if (focusRequest === 0) return;
    const option =
      listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]') ?? optionAt(0);
    if (option) option.focus();
    else filterRef.current?.focus();
  }, [focusRequest]);

  const move = (index: number) => {
    const note = notes[Math.max(0, Math.min(notes.length - 1, index))];
    if (!note) return;
    onSelect(note.id);
    // Focus follows at once, so holding an arrow key walks the list.
    optionAt(notes.indexOf(note))?.focus();
  };

  const onOptionKeyDown = (event: KeyboardEvent<HTMLElement>, index: number) => {
    const note = notes[index];
    if (!note) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (index === 0) filterRef.current?.focus();
        else move(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        move(0);
        break;
      case 'End':
        event.preventDefault();
        move(notes.length - 1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        onOpen(note.id);
        break;
      case 'Delete':
      case 'Backspace':
        event.preventDefault();
        onDelete(note);
        break;
    }
  };

  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && notes.length > 0) {
      event.preventDefault();
      move(focusIndex);
    } else if (event.key === 'Enter' && notes[0]) {
      event.preventDefault();
      onSelect(notes[0].id);
      onOpen(notes[0].id);
    } else if (event.key === 'Escape' && filter) {
      event.preventDefault();
      onFilterChange('');
    }
  };

  return (
    <nav className="notes-sidebar" aria-label="Notes list">
      <header className="panel-header">
        <h2>Notes</h2>
        <span className="count">{filter.trim() ? `${notes.length} of ${total}` : total}</span>
        <button type="button" className="new-note" onClick={onCreate} title="New note">
          <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
            <path
              d="M8 3v10M3 8h10"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
            />
          </svg>
          New note
        </button>
      </header>
      <div className="notes-filter">
        <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
          <circle cx="7" cy="7" r="4.25" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path
            d="m10.2 10.2 3.3 3.3"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinecap="round"
          />
        </svg>
        <input
          ref={filterRef}
          type="search"
          aria-label="Filter notes"
          placeholder="Filter"
          value={filter}
          onChange={(e) => onFilterChange(e.target.value)}
          onKeyDown={onFilterKeyDown}
        />
      </div>

      {total === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No notes yet</p>
          <p>
            Write one with New note, or start one from a highlight in the reader: its quote comes
            along, linked back to the text.
          </p>
        </div>
      ) : notes.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No matching notes</p>
          <p>No note mentions “{filter.trim()}” in its title, text, document or tags.</p>
        </div>
      ) : null}

      <div ref={listRef} className="notes-list" role="listbox" aria-label="Notes">
        {notes.map((note, index) => {
          const selected = note.id === selectedId;
          const document = note.documentId ? documentById.get(note.documentId) : undefined;
          const noteTags = note.tagIds.map((id) => tagById.get(id)).filter((t) => t !== undefined);
          const describedBy = `${baseId}-${index}`;
          return (
            <div
              key={note.id}
              role="option"
              aria-selected={selected}
              // Named by its content (title, excerpt, date), as it is seen (WCAG 2.5.3).
              tabIndex={index === focusIndex ? 0 : -1}
              className={`note-row${selected ? ' selected' : ''}`}
              onClick={() => onSelect(note.id)}
              onKeyDown={(e) => onOptionKeyDown(e, index)}
            >
              <span className={`note-row-title${note.title.trim() ? '' : ' untitled'}`}>
                {noteTitle(note)}
              </span>
              <span id={describedBy} className="note-row-excerpt">
                {note.excerpt || 'No text'}
              </span>
              <span className="note-row-meta">
                <time dateTime={note.updatedAt} title={`Updated ${formatFull(note.updatedAt)}`}>
                  {formatWhen(note.updatedAt, now)}
                </time>
                {document && (
                  <span className="note-row-document" title={document.title}>
                    <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
                      <path
                        d="M4 1.75h5.25L12.5 5v9.25h-8.5zM9 2v3.25h3.25"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.3"
                        strokeLinejoin="round"
                      />
                    </svg>
                    <span>{document.title || 'Untitled document'}</span>
                  </span>
                )}
                {noteTags.length > 0 && (
                  <span className="note-row-tags" title={noteTags.map((t) => t.name).join(', ')}>
                    {noteTags.slice(0, 5).map((tag) => (
                      <span key={tag.id} className={`dot dot-${tag.color}`} />
                    ))}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </nav>
  );
}
