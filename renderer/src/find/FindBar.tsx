import '../styles/find.css';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { IconButton } from '../ui/IconButton.tsx';
import { LineIcon } from '../ui/LineIcon.tsx';
import type { FindState } from './use-find.ts';

/** `3 of 17`, `1 of 1,000+`, `No matches`. */
export function findCount(state: Pick<FindState, 'matches' | 'more' | 'index' | 'query'>): string {
  if (state.query.trim() === '') return '';
  if (state.matches.length === 0) return 'No matches';
  const total = `${state.matches.length.toLocaleString('en')}${state.more ? '+' : ''}`;
  return `${(state.index + 1).toLocaleString('en')} of ${total}`;
}

/**
 * The find bar over the reader: type to find (folded as search folds: case, accents, curly
 * quotes), Enter for the next match, Shift+Enter for the one before, Escape to close. The count
 * is announced as it changes.
 */
export function FindBar({ find }: { find: FindState }) {
  const input = useRef<HTMLInputElement>(null);
  // Opening (or pressing Ctrl/Cmd+F again) puts the cursor in the box with its words selected.
  const { open, shown } = find;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shown` counts every Ctrl/Cmd+F.
  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    input.current?.select();
  }, [open, shown]);

  if (!find.open) return null;
  const count = findCount(find);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.shiftKey) find.previous();
      else find.next();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      find.close();
    }
  };
  return (
    <search className="find-bar" aria-label="Find in document">
      <input
        ref={input}
        type="search"
        className="find-input"
        aria-label="Find in document"
        placeholder="Find in document"
        value={find.query}
        onChange={(e) => find.type(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="find-count"
        spellCheck={false}
      />
      <output id="find-count" className="find-count" aria-live="polite">
        {count}
      </output>
      <IconButton
        label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={find.matches.length === 0}
        onClick={find.previous}
      >
        <LineIcon d="M4 10l4-4 4 4" size={14} />
      </IconButton>
      <IconButton
        label="Next match"
        title="Next match (Enter)"
        disabled={find.matches.length === 0}
        onClick={find.next}
      >
        <LineIcon d="M4 6l4 4 4-4" size={14} />
      </IconButton>
      <IconButton label="Close find" title="Close (Escape)" onClick={find.close}>
        <LineIcon d="M4.5 4.5l7 7M11.5 4.5l-7 7" size={14} />
      </IconButton>
    </search>
  );
}
