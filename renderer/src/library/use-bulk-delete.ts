import { useCallback } from 'react';
import { plural } from '../../../shared/format.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';

/**
 * Delete several documents as one action, undone as one: each document comes back with its
 * highlights and its notes reattached, in the collections it was in (memberships are kept).
 */
export function useBulkDelete() {
  const { offerUndo, onError, notify } = useApp();
  return useCallback(
    async (ids: readonly string[]) => {
      const removed: Awaited<ReturnType<typeof deleteOne>>[] = [];
      try {
        for (const id of ids) removed.push(await deleteOne(id));
      } catch (error) {
        onError(error);
      }
      if (removed.length === 0) return;
      offerUndo(`${plural(removed.length, 'document')} deleted.`, 'delete documents', async () => {
        for (const bundle of [...removed].reverse()) await call('restoreDocument', bundle);
        notify({ tone: 'info', message: `${plural(removed.length, 'document')} restored.` });
      });
    },
    [offerUndo, onError, notify],
  );
}

const deleteOne = (id: string) => call('deleteDocument', { id });
