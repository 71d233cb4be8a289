import { useCallback, useMemo } from 'react';
import { plural } from '../../../shared/format.ts';
import type { Collection } from '../../../shared/model.ts';
import type { AppServices } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { useLiveValue } from '../use-live-list.ts';

export interface Collections {
  list: readonly Collection[];
  create(name: string, documentIds?: string[]): Promise<Collection | null>;
  rename(collection: Collection, name: string): Promise<boolean>;
  remove(collection: Collection): Promise<void>;
  add(collection: Collection, documentIds: string[]): Promise<void>;
  takeOut(collection: Collection, documentIds: string[]): Promise<void>;
}

/**
 * The notebook's collections and what can be done to them; every change that loses something
 * (a deletion, documents taken out) can be undone, and so can adding documents.
 */
export function useCollections(
  services: Pick<AppServices, 'notify' | 'onError' | 'offerUndo'>,
): Collections {
  const { notify, onError, offerUndo } = services;
  const load = useCallback(() => call('listCollections', {}), []);
  const [list] = useLiveValue(load, [] as Collection[], ['collections', 'documents'], onError);

  const create = useCallback(
    async (name: string, documentIds?: string[]) => {
      try {
        const collection = await call('createCollection', { name, documentIds });
        notify({
          tone: 'info',
          message: `Collection “${collection.name}” created${documentIds?.length ? ` with ${plural(documentIds.length, 'document')}` : ''}.`,
        });
        return collection;
      } catch (error) {
        onError(error);
        return null;
      }
    },
    [notify, onError],
  );

  const rename = useCallback(
    async (collection: Collection, name: string) => {
      try {
        await call('renameCollection', { id: collection.id, name });
        return true;
      } catch (error) {
        onError(error);
        return false;
      }
    },
    [onError],
  );

  const remove = useCallback(
    async (collection: Collection) => {
      try {
        const removed = await call('deleteCollection', { id: collection.id });
        offerUndo(
          `Collection “${collection.name}” deleted; its documents stay in the library.`,
          'delete collection',
          async () => void (await call('restoreCollection', { collection: removed })),
        );
      } catch (error) {
        onError(error);
      }
    },
    [offerUndo, onError],
  );

  const add = useCallback(
    async (collection: Collection, documentIds: string[]) => {
      try {
        const { changed } = await call('addToCollection', { id: collection.id, documentIds });
        if (changed.length === 0) {
          notify({ tone: 'info', message: `Already in “${collection.name}”.` });
          return;
        }
        offerUndo(
          `${plural(changed.length, 'document')} added to “${collection.name}”.`,
          'add to collection',
          async () =>
            void (await call('removeFromCollection', { id: collection.id, documentIds: changed })),
        );
      } catch (error) {
        onError(error);
      }
    },
    [notify, offerUndo, onError],
  );

  const takeOut = useCallback(
    async (collection: Collection, documentIds: string[]) => {
      try {
        const { changed } = await call('removeFromCollection', {
          id: collection.id,
          documentIds,
        });
        if (changed.length === 0) return;
        offerUndo(
          `${plural(changed.length, 'document')} taken out of “${collection.name}”.`,
          'remove from collection',
          async () =>
            void (await call('addToCollection', { id: collection.id, documentIds: changed })),
        );
      } catch (error) {
        onError(error);
      }
    },
    [offerUndo, onError],
  );

  return useMemo(
    () => ({ list, create, rename, remove, add, takeOut }),
    [list, create, rename, remove, add, takeOut],
  );
}
