import type { NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import { createCodebookService } from './codebook-service.ts';
import { createDispatcher, type Dispatch } from './dispatch.ts';
import { headlessHost, type NotebookHost } from './host.ts';
import { newId } from './ids.ts';
import { createImportService } from './import-service.ts';
import { createNotesService } from './notes-service.ts';
import { createSearchService } from './search/search-service.ts';
import { seedOnce } from './seed.ts';
import { type Changed, createDocumentService } from './service.ts';
import { openStore, type Store, type StoreOptions } from './store.ts';

export interface Notebook {
  store: Store;
  handlers: NotebookHandlers;
  dispatch: Dispatch;
  /** Listen to the event channel (one listener per transport). */
  subscribe(listener: (event: NotebookEvent) => void): () => void;
  close(options?: { force?: boolean }): Promise<void>;
}

/**
 * Open a notebook in plain Node: the composition root shared by the Electron main process, the
 * browser end-to-end harness and tests.
 */
export async function openNotebook(options: {
  dataDir: string;
  resourcesDir: string;
  store?: StoreOptions;
  /** File dialog and clipboard; without one, those imports answer "unavailable". */
  host?: NotebookHost;
  /**
   * Script of the import parser worker (`parse-worker.js` in a build, the `.ts` source where
   * Node runs TypeScript). Without one, imports are parsed in this thread.
   */
  parseWorker?: URL | string | null;
}): Promise<Notebook> {
  const listeners = new Set<(event: NotebookEvent) => void>();
  const emit = (event: NotebookEvent) => {
    for (const listener of listeners) listener(event);
  };
  const store = await openStore(options.dataDir, {
    ...options.store,
    onWriteError(error) {
      console.error('[store] write failed', error);
      const reason = error instanceof Error ? error.message : String(error);
      emit({
        type: 'save-failed',
        message: `Changes could not be saved to disk (${reason}). They are kept and Marginalia keeps trying.`,
      });
      options.store?.onWriteError?.(error);
    },
    onWriteRecovered() {
      emit({ type: 'save-recovered' });
      options.store?.onWriteRecovered?.();
    },
    onBackupError(error) {
      console.warn('[store] backup failed', error);
      options.store?.onBackupError?.(error);
    },
  });
  await seedOnce(store, options.resourcesDir);
  const changed: Changed = (...entities) => emit({ type: 'changed', entities });
  const subscribe = (listener: (event: NotebookEvent) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  const search = createSearchService(store, subscribe);
  search.buildInBackground();
  const handlers: NotebookHandlers = {
    ...createDocumentService(store, changed),
    ...createCodebookService(store, changed, {
      newId: () => newId('tag'),
      now: () => new Date().toISOString(),
    }),
    ...createNotesService(store, changed, () => newId('note')),
    ...createImportService(store, changed, {
      host: options.host ?? headlessHost,
      emit,
      newId: () => newId('doc'),
      now: () => new Date().toISOString(),
      parseWorker: options.parseWorker ?? null,
    }),
    ...search.handlers,
  };
  return {
    store,
    handlers,
    dispatch: createDispatcher(handlers),
    subscribe,
    async close(closeOptions) {
      await store.close(closeOptions);
      search.close();
    },
  };
}
