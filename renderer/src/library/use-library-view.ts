import { useState } from 'react';
import type { LibrarySort } from '../../../shared/library/library-view.ts';

/** Kept while the app runs: the library comes back sorted as it was left. */
const memory: { sort: LibrarySort; collectionId: string | null } = {
  sort: 'added',
  collectionId: null,
};

/** How the library is shown: its order, the collection and the words it is narrowed to. */
export function useLibraryView() {
  const [sort, setSortState] = useState<LibrarySort>(memory.sort);
  const [filter, setFilter] = useState('');
  const [collectionId, setCollectionState] = useState<string | null>(memory.collectionId);
  return {
    sort,
    filter,
    /** The collection shown, or null for every document. */
    collectionId,
    setCollectionId: (next: string | null) => {
      memory.collectionId = next;
      setCollectionState(next);
    },
    setSort: (next: LibrarySort) => {
      memory.sort = next;
      setSortState(next);
    },
    setFilter,
  };
}

export type LibraryViewState = ReturnType<typeof useLibraryView>;
