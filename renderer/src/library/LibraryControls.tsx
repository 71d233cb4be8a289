import { LIBRARY_SORTS, type LibrarySort } from '../../../shared/library/library-view.ts';
import type { LibraryViewState } from './use-library-view.ts';

/** The library's filter box (title, author, source, as you type) and its order. */
export function LibraryControls({ view, total }: { view: LibraryViewState; total: number }) {
  return (
    <div className="library-controls">
      <input
        type="search"
        className="library-filter"
        aria-label="Filter documents"
        placeholder="Filter…"
        title={`Narrow the ${total.toLocaleString('en')} documents by title, author or source (Escape clears)`}
        value={view.filter}
        spellCheck={false}
        onChange={(e) => view.setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && view.filter !== '') {
            e.preventDefault();
            view.setFilter('');
          }
        }}
      />
      <select
        className="library-sort"
        aria-label="Sort documents by"
        value={view.sort}
        onChange={(e) => view.setSort(e.target.value as LibrarySort)}
      >
        {LIBRARY_SORTS.map((s) => (
          <option key={s.id} value={s.id} title={`Sort by ${s.description}`}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
  );
}
