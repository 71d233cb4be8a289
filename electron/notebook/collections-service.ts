import type { NotebookHandlers } from '../../shared/contract.ts';
import type { Collection, StoreData } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import type { Changed } from './service.ts';
import type { Store } from './store.ts';

type CollectionHandlers = Pick<
  NotebookHandlers,
  | 'listCollections'
  | 'createCollection'
  | 'renameCollection'
  | 'deleteCollection'
  | 'restoreCollection'
  | 'addToCollection'
  | 'removeFromCollection'
>;

/** A collection as the page sees it: only documents still in the notebook, in the order added. */
function visible(collection: Collection, existing: ReadonlySet<string>): Collection {
  const documentIds = collection.documentIds.filter((id) => existing.has(id));
  return documentIds.length === collection.documentIds.length
    ? collection
    : { ...collection, documentIds };
}

const folded = (name: string) => name.trim().toLocaleLowerCase();

/**
 * Collections of documents: a project, a chapter, a case. One document may be in several.
 * Membership is stored on the collection (one small record changes when 300 documents are
 * added); ids of deleted documents are skipped where read, so undoing a deletion relinks itself.
 */
export function createCollectionsService(
  store: Store,
  changed: Changed,
  options: { newId: () => string; now: () => string },
): CollectionHandlers {
  const documentIds = (data: StoreData) => new Set(data.documents.map((d) => d.id));
  const find = (data: StoreData, id: string) => {
    const collection = data.collections.find((c) => c.id === id);
    if (!collection)
      throw new NotebookError('not-found', 'That collection is no longer in the notebook.');
    return collection;
  };
  const checkName = (data: StoreData, name: string, except?: string) => {
    const same = data.collections.find((c) => c.id !== except && folded(c.name) === folded(name));
    if (same)
      throw new NotebookError('conflict', `There is already a collection named “${same.name}”.`);
  };
  const checkDocuments = (data: StoreData, ids: readonly string[]) => {
    const existing = documentIds(data);
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length > 0)
      throw new NotebookError(
        'not-found',
        `${missing.length === 1 ? 'A document' : `${missing.length} documents`} to add ${missing.length === 1 ? 'is' : 'are'} no longer in the notebook.`,
      );
  };

  return {
    listCollections() {
      const existing = documentIds(store.data);
      return store.data.collections
        .map((c) => visible(c, existing))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    },

    createCollection({ name, documentIds: ids = [] }) {
      checkName(store.data, name);
      checkDocuments(store.data, ids);
      const now = options.now();
      const collection: Collection = {
        id: options.newId(),
        name,
        documentIds: [...new Set(ids)],
        createdAt: now,
        updatedAt: now,
      };
      store.change((data) => {
        data.collections.push(collection);
      });
      changed('collections');
      return collection;
    },

    renameCollection({ id, name }) {
      find(store.data, id);
      checkName(store.data, name, id);
      const renamed = store.change((data, touch) => {
        const collection = find(data, id);
        collection.name = name;
        collection.updatedAt = options.now();
        touch('collections', collection);
        return { ...collection };
      });
      changed('collections');
      return renamed;
    },

    deleteCollection({ id }) {
      find(store.data, id);
      // The documents stay: a collection is a view of the library, not a container.
      const removed = store.change((data) => {
        const collection = find(data, id);
        data.collections = data.collections.filter((c) => c.id !== id);
        return collection;
      });
      changed('collections');
      return removed;
    },

    restoreCollection({ collection }) {
      if (store.data.collections.some((c) => c.id === collection.id))
        throw new NotebookError('conflict', `The collection “${collection.name}” is already here.`);
      checkName(store.data, collection.name);
      store.change((data) => {
        data.collections.push(collection);
      });
      changed('collections');
      return visible(collection, documentIds(store.data));
    },

    addToCollection({ id, documentIds: ids }) {
      find(store.data, id);
      checkDocuments(store.data, ids);
      const result = store.change((data, touch) => {
        const collection = find(data, id);
        const present = new Set(collection.documentIds);
        const added = [...new Set(ids)].filter((d) => !present.has(d));
        if (added.length > 0) {
          collection.documentIds = [...collection.documentIds, ...added];
          collection.updatedAt = options.now();
          touch('collections', collection);
        }
        return { collection: { ...collection }, changed: added };
      });
      changed('collections');
      return { ...result, collection: visible(result.collection, documentIds(store.data)) };
    },

    removeFromCollection({ id, documentIds: ids }) {
      find(store.data, id);
      const result = store.change((data, touch) => {
        const collection = find(data, id);
        const removing = new Set(ids);
        const removed = collection.documentIds.filter((d) => removing.has(d));
        if (removed.length > 0) {
          collection.documentIds = collection.documentIds.filter((d) => !removing.has(d));
          collection.updatedAt = options.now();
          touch('collections', collection);
        }
        return { collection: { ...collection }, changed: removed };
      });
      changed('collections');
      return { ...result, collection: visible(result.collection, documentIds(store.data)) };
    },
  };
}
