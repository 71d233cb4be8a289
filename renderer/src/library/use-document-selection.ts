import { useCallback, useMemo, useRef, useState } from 'react';

export interface DocumentSelection {
  /** The chosen documents that are still shown, in the library's order. */
  ids: readonly string[];
  has(id: string): boolean;
  /** Ctrl/Cmd+click or the checkbox: one document in or out. */
  toggle(id: string): void;
  /** Shift+click: everything between the last one chosen and this one. */
  extendTo(id: string): void;
  selectAll(): void;
  clear(): void;
}

/**
 * Several documents chosen at once in the library, for bulk actions. Only documents still shown
 * count (narrowing the list or switching collection leaves the others out of any action).
 */
export function useDocumentSelection(shown: readonly string[]): DocumentSelection {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  const ids = useMemo(() => shown.filter((id) => chosen.has(id)), [shown, chosen]);

  const toggle = useCallback((id: string) => {
    anchor.current = id;
    setChosen((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  const extendTo = useCallback(
    (id: string) => {
      const from = anchor.current === null ? -1 : shown.indexOf(anchor.current);
      const to = shown.indexOf(id);
      if (from < 0 || to < 0) return toggle(id);
      const [a, b] = from < to ? [from, to] : [to, from];
      setChosen((now) => new Set([...now, ...shown.slice(a, b + 1)]));
    },
    [shown, toggle],
  );

  const selectAll = useCallback(() => setChosen(new Set(shown)), [shown]);
  const clear = useCallback(() => {
    anchor.current = null;
    setChosen(new Set());
  }, []);

  return useMemo(
    () => ({ ids, has: (id) => chosen.has(id), toggle, extendTo, selectAll, clear }),
    [ids, chosen, toggle, extendTo, selectAll, clear],
  );
}
