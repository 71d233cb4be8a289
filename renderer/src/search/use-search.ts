import { useEffect, useRef, useState } from 'react';
import type { SearchResults } from '../../../shared/search/types.ts';
import { call } from '../notebook-client.ts';

const EMPTY: SearchResults = { hits: [], total: 0, tookMs: 0 };

/**
 * Results for a query as it is typed. Every keystroke asks the core (which answers in a few
 * milliseconds); an answer that arrives after a newer question is dropped, and any change to the
 * notebook asks again, so what is shown is never older than the data.
 */
export function useSearch(
  query: string,
  limit: number,
  onError: (error: unknown) => void,
): { results: SearchResults; pending: boolean } {
  const [results, setResults] = useState<SearchResults>(EMPTY);
  const [pending, setPending] = useState(false);
  const asked = useRef(0);
  const [changes, setChanges] = useState(0);

  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type === 'changed') setChanges((n) => n + 1);
      }),
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` asks again after an edit.
  useEffect(() => {
    const seq = ++asked.current;
    if (query.trim() === '') {
      setResults(EMPTY);
      setPending(false);
      return;
    }
    setPending(true);
    call('search', { query, limit }).then(
      (value) => {
        if (seq !== asked.current) return;
        setResults(value);
        setPending(false);
      },
      (error: unknown) => {
        if (seq !== asked.current) return;
        setPending(false);
        onError(error);
      },
    );
  }, [query, limit, onError, changes]);

  return { results, pending };
}
