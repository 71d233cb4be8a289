import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import type { Tag } from '../../../shared/model.ts';
import { findTagByName, normalizeTagName, suggestTags } from '../../../shared/tags.ts';

/**
 * Chips for the chosen tags plus a combobox that finds or creates one. Enter takes the
 * highlighted option, which is the typed name (existing or new) until the arrows pick another; Backspace in the
 * empty box removes the last chip; Escape closes the list (and, when closed, lets the editor
 * handle it).
 */
export function TagInput({
  allTags,
  selectedIds,
  onAdd,
  onCreate,
  onRemove,
  autoFocus = false,
  label = 'Add a tag',
  chipsLabel = 'Tags',
  placeholder,
  allowCreate = true,
}: {
  allTags: readonly Tag[];
  selectedIds: readonly string[];
  onAdd: (tag: Tag) => void;
  onCreate: (name: string) => void;
  onRemove: (tagId: string) => void;
  autoFocus?: boolean;
  /** The combobox's accessible name. */
  label?: string;
  chipsLabel?: string;
  placeholder?: string;
  /** Off where a new tag makes no sense (a filter). */
  allowCreate?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const selected = useMemo(
    () =>
      selectedIds.map((id) => allTags.find((t) => t.id === id)).filter((t): t is Tag => Boolean(t)),
    [allTags, selectedIds],
  );
  const suggestions = useMemo(
    () => suggestTags(allTags, query, new Set(selectedIds)),
    [allTags, query, selectedIds],
  );
  const typed = normalizeTagName(query);
  const canCreate = allowCreate && typed !== '' && !findTagByName(allTags, typed);
  // The first option is what Enter does: create the typed name, or (when it exists) pick it.
  // Longer names that merely start with it are one arrow key away, never chosen by surprise.
  const options: ({ kind: 'tag'; tag: Tag } | { kind: 'create'; name: string })[] = [
    ...(canCreate ? [{ kind: 'create' as const, name: typed }] : []),
    ...suggestions.map((tag) => ({ kind: 'tag' as const, tag })),
  ];
  const showList = open && options.length > 0;

  const choose = (index: number) => {
    const option = options[index];
    if (option?.kind === 'tag') onAdd(option.tag);
    else if (option?.kind === 'create') onCreate(option.name);
    setQuery('');
    setActive(0);
    // Typing opens the list again; an open list of every other tag would cover what is below.
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      // A closed list opens on its first option.
      setActive((a) => (showList ? (a + 1) % options.length : 0));
      setOpen(true);
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault();
      setActive((a) => (a - 1 + options.length) % options.length);
    } else if (event.key === 'Enter') {
      if (typed === '') return;
      event.preventDefault();
      const exact = findTagByName(allTags, typed);
      // An option the arrows picked wins; otherwise the typed name of a tag this highlight
      // already has means that tag (nothing to add), not a longer one.
      if (showList && active > 0) choose(active);
      else if (exact && selectedIds.includes(exact.id)) setQuery('');
      else if (options.length > 0) choose(0);
    } else if (event.key === 'Escape' && showList) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === 'Backspace' && query === '' && selected.length > 0) {
      onRemove(selected[selected.length - 1]!.id);
    }
  };

  return (
    <div className="tag-input">
      <ul className="chips" aria-label={chipsLabel}>
        {selected.map((tag) => (
          <li key={tag.id} className={`chip chip-${tag.color}`}>
            <span>{tag.name}</span>
            <button
              type="button"
              aria-label={`Remove tag ${tag.name}`}
              onClick={() => onRemove(tag.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="combobox">
        <input
          ref={inputRef}
          // biome-ignore lint/a11y/noAutofocus: the editor opens to add a tag when asked to.
          autoFocus={autoFocus}
          type="text"
          role="combobox"
          aria-label={label}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList ? `${listId}-${active}` : undefined}
          placeholder={placeholder ?? (selected.length ? 'Add another tag…' : 'Add a tag…')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {showList && (
          <div className="listbox" id={listId} role="listbox" aria-label="Tag suggestions">
            {options.map((option, i) => (
              <div
                key={option.kind === 'tag' ? option.tag.id : `create:${option.name}`}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                // mousedown, not click: the input must not lose focus first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(i);
                }}
              >
                {option.kind === 'tag' ? (
                  <>
                    <span className={`dot dot-${option.tag.color}`} aria-hidden="true" />
                    {option.tag.name}
                  </>
                ) : (
                  <>
                    Create tag <strong>“{option.name}”</strong>
                  </>
                )}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
