import { useCallback, useEffect, useMemo, useState } from 'react';
import { createTextFinder, type FindMatch } from '../../../shared/find/find-in-text.ts';

/**
 * Find in the open document (Ctrl/Cmd+F): whether the bar is open, what is typed, the matches
 * and which one the count is on. The text is folded once per document, on the first search.
 * Stepping wraps around; each step bumps `seq` so the reader scrolls the match into view.
 */
export function useFind(documentId: string | null, text: string) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [seq, setSeq] = useState(0);
  // Counts every Ctrl/Cmd+F, so pressing it again puts the cursor back in the box.
  const [shown, setShown] = useState(0);
  const finder = useMemo(() => createTextFinder(text), [text]);
  const { matches, more } = useMemo(
    () => (open ? finder.find(query) : { matches: [] as FindMatch[], more: false }),
    [finder, query, open],
  );

  // A new document closes the bar: its matches were for another text.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the document changes.
  useEffect(() => {
    setOpen(false);
    setQuery('');
  }, [documentId]);

  // A new query starts from its first match; the matches themselves are found once, above.
  const type = useCallback((next: string) => {
    setQuery(next);
    setCurrent(0);
    setSeq((n) => n + 1);
  }, []);
  const step = useCallback(
    (by: 1 | -1) => {
      if (matches.length === 0) return;
      setCurrent((c) => (c + by + matches.length) % matches.length);
      setSeq((n) => n + 1);
    },
    [matches.length],
  );
  const index = Math.min(current, Math.max(0, matches.length - 1));
  const show = useCallback(() => {
    setOpen(true);
    setShown((n) => n + 1);
    setSeq((n) => n + 1);
  }, []);

  // Ctrl/Cmd+F opens it (again: back to its box) while a document is open and no dialog is.
  useEffect(() => {
    if (!documentId) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== 'f') return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      event.preventDefault();
      show();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [documentId, show]);

  const active = matches[index] ?? null;
  // What the reader paints and scrolls to: one object per change, so it repaints only then.
  const painted = useMemo(
    () => (open ? { spans: matches, active, seq } : null),
    [open, matches, active, seq],
  );
  return {
    open,
    query,
    matches,
    more,
    /** Which match the count is on (0-based), when there are any. */
    index,
    active,
    seq,
    painted,
    shown,
    show,
    close: () => setOpen(false),
    type,
    next: () => step(1),
    previous: () => step(-1),
  };
}

export type FindState = ReturnType<typeof useFind>;
