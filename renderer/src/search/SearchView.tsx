import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { KIND_TITLES } from '../../../shared/search/group.ts';
import { SEARCH_KINDS, type SearchHit, type SearchKind } from '../../../shared/search/types.ts';
import { useApp } from '../app-services.ts';
import { ResultRow } from './ResultRow.tsx';
import { useSearch } from './use-search.ts';

/** Enough for longer work; marking matches for more would cost more than a keystroke. */
const LIMIT = 500;

/**
 * Search for longer work: the whole result list (virtualised, so thousands of rows scroll
 * smoothly), the same query language as the palette, and counts by kind to narrow it down.
 */
export function SearchView({
  query,
  onQueryChange,
  onOpen,
}: {
  query: string;
  onQueryChange: (query: string) => void;
  onOpen: (hit: SearchHit) => void;
}) {
  const { tags, onError, exporter } = useApp();
  const [kind, setKind] = useState<SearchKind | null>(null);
  const { results, pending } = useSearch(query, LIMIT, onError);
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const counts = useMemo(() => {
    const c: Record<SearchKind, number> = { quote: 0, note: 0, tag: 0, document: 0 };
    for (const hit of results.hits) c[hit.kind]++;
    return c;
  }, [results.hits]);
  // A kind that no longer has results is not left selected over an empty list.
  useEffect(() => {
    if (kind && counts[kind] === 0) setKind(null);
  }, [kind, counts]);
  const shown = useMemo(
    () => (kind ? results.hits.filter((h) => h.kind === kind) : results.hits),
    [results.hits, kind],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 8,
  });

  useEffect(() => inputRef.current?.focus(), []);

  return (
    <section className="search-view" aria-label="Search">
      <div className="search-bar">
        <input
          ref={inputRef}
          type="search"
          aria-label="Search the notebook"
          placeholder="Search quotes, notes, tags, documents…   (tag:  doc:  color:  is:  &quot;phrase&quot;  -word)"
          spellCheck={false}
          value={query}
          onChange={(e) => onQueryChange(e.target.value)}
        />
        {/* biome-ignore lint/a11y/useSemanticElements: toggle buttons, not form fields. */}
        <div className="search-kinds" role="group" aria-label="Show">
          <button type="button" aria-pressed={kind === null} onClick={() => setKind(null)}>
            All <span className="count">{results.hits.length}</span>
          </button>
          {SEARCH_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={kind === k}
              disabled={counts[k] === 0}
              onClick={() => setKind(kind === k ? null : k)}
            >
              {KIND_TITLES[k]} <span className="count">{counts[k]}</span>
            </button>
          ))}
        </div>
        <div className="search-summary-row">
          <p className="search-summary" aria-live="polite">
            {query.trim() === ''
              ? 'Type to search the whole notebook.'
              : pending && results.total === 0
                ? 'Searching…'
                : results.total === 0
                  ? 'No matches.'
                  : `${results.total.toLocaleString()} ${results.total === 1 ? 'match' : 'matches'}${results.total > LIMIT ? `, the best ${LIMIT.toLocaleString()} shown` : ''} · ${results.tookMs.toFixed(1)} ms`}
          </p>
          {results.total > 0 && (
            <button
              type="button"
              className="search-export"
              title="Export the quotes and notes found (Markdown, CSV, report…)"
              onClick={() => exporter.open({ scope: { kind: 'search', query: query.trim() } })}
            >
              Export Results…
            </button>
          )}
        </div>
      </div>
      <div className="search-results" ref={scrollRef}>
        <ol
          className="search-list"
          aria-label="Results"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const hit = shown[row.index]!;
            return (
              <li
                key={`${hit.kind}:${hit.id}`}
                data-index={row.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <button type="button" className="search-row" onClick={() => onOpen(hit)}>
                  <ResultRow hit={hit} tags={tagById} />
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
