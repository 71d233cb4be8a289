import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { groupHits, KIND_TITLES } from '../../../shared/search/group.ts';
import type { SearchHit } from '../../../shared/search/types.ts';
import { useApp } from '../app-services.ts';
import { ResultRow } from './ResultRow.tsx';
import { useSearch } from './use-search.ts';

const PER_GROUP = 6;

/**
 * Ctrl/Cmd+K from anywhere: type, see the best quotes, notes, tags and documents with the
 * matches marked, move with the arrow keys and open with Enter (a quote opens in the reader,
 * scrolled to it and flashing). Ctrl/Cmd+Enter takes the query to the search view.
 */
export function CommandPalette({
  initialQuery,
  onOpen,
  onOpenSearchView,
  onClose,
}: {
  initialQuery: string;
  onOpen: (hit: SearchHit) => void;
  onOpenSearchView: (query: string) => void;
  onClose: () => void;
}) {
  const { tags, onError } = useApp();
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const { results } = useSearch(query, 60, onError);
  const { groups, flat } = useMemo(() => groupHits(results.hits, PER_GROUP), [results.hits]);
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    inputRef.current?.select();
    return () => {
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  // A new query starts at the top; results refreshed by an edit keep the place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the query changes.
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    if (active >= flat.length && flat.length > 0) setActive(flat.length - 1);
  }, [active, flat.length]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const open = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onClose();
    onOpen(hit);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (flat.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + flat.length) % flat.length);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onClose();
      onOpenSearchView(query);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(flat[active]);
    }
  };

  let index = -1;
  return (
    <dialog
      ref={dialogRef}
      className="palette"
      aria-label="Search the notebook"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        // A click on the backdrop (the dialog element itself) closes it.
        if (e.target === dialogRef.current) onClose();
      }}
    >
      <div className="palette-input">
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path
            d="M10.5 10.5 14 14"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
          />
        </svg>
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-expanded={flat.length > 0}
          aria-controls={listId}
          aria-activedescendant={flat.length > 0 ? `${listId}-${active}` : undefined}
          aria-label="Search quotes, notes, tags and documents"
          placeholder="Search quotes, notes, tags, documents…"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="palette-results" id={listId} role="listbox" aria-label="Results">
        {groups.map((group) => (
          // biome-ignore lint/a11y/useSemanticElements: an ARIA group of options inside a listbox, not a form fieldset.
          <div key={group.kind} role="group" aria-label={KIND_TITLES[group.kind]}>
            <div className="palette-group" aria-hidden="true">
              {KIND_TITLES[group.kind]}
            </div>
            {group.hits.map((hit) => {
              index++;
              const i = index;
              return (
                <div
                  key={`${hit.kind}:${hit.id}`}
                  id={`${listId}-${i}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i === active}
                  className={i === active ? 'palette-option active' : 'palette-option'}
                  onMouseMove={() => setActive(i)}
                  onClick={() => open(hit)}
                  onKeyDown={() => {}}
                >
                  <ResultRow hit={hit} tags={tagById} />
                </div>
              );
            })}
          </div>
        ))}
        {query.trim() !== '' && flat.length === 0 && (
          <p className="palette-empty">No matches for “{query.trim()}”.</p>
        )}
        {query.trim() === '' && (
          <div className="palette-help">
            <p>Type to search everything, typos and all.</p>
            <p>
              Narrow it down with <code>tag:threat</code> <code>doc:bagram</code>{' '}
              <code>color:yellow</code> <code>is:orphan</code> <code>is:note</code>{' '}
              <code>"exact phrase"</code> <code>-word</code>
            </p>
          </div>
        )}
      </div>
      <div className="palette-footer">
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> all results ·{' '}
          <kbd>Esc</kbd> close
        </span>
        {results.total > 0 && (
          <span>
            {results.total.toLocaleString()} {results.total === 1 ? 'match' : 'matches'}
          </span>
        )}
      </div>
    </dialog>
  );
}
