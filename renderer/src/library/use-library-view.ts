import { useState } from 'react';
import type { LibrarySort } from '../../../shared/library/library-view.ts';

/** Kept while the app runs: the library comes back sorted as it was left. */
const memory: { sort: LibrarySort } = { sort: 'added' };

/** How the library is shown: its order, and the words it is narrowed to. */
export function useLibraryView() {
  const [sort, setSortState] = useState<LibrarySort>(memory.sort);
  const [filter, setFilter] = useState('');
  return {
    sort,
    filter,
    setSort: (next: LibrarySort) => {
      memory.sort = next;
      setSortState(next);
    },
    setFilter,
  };
}

export type LibraryViewState = ReturnType<typeof useLibraryView>;
