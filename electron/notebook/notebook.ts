import type { AnnotationDelta, NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import { colorLabels } from '../../shared/settings/settings.ts';
import { createAnalysisService } from './analysis-service.ts';
import { createCitationService } from './citations/citation-service.ts';
import { createCodebookService } from './codebook-service.ts';
import { createCollectionsService } from './collections-service.ts';
import { createDispatcher, type Dispatch } from './dispatch.ts';
import { readHypothesisFile } from './exchange/hypothesis-reader.ts';
import { createExchangeService } from './exchange-service.ts';
import { createExportService } from './export-service.ts';
import { headlessHost, type NotebookHost } from './host.ts';
import { newId } from './ids.ts';
import { createImportService } from './import-service.ts';
import { createNotesService } from './notes-service.ts';
import { createPdfFileRoute, type PdfFileRoute } from './pdf-file-route.ts';
import { createQuotesService } from './quotes-service.ts';
import { createReadingService } from './reading-service.ts';
import { createRestoreService } from './restore-service.ts';
import { createRoundsService } from './rounds-service.ts';
import { createSearchService } from './search/search-service.ts';
import { seedOnce } from './seed.ts';
import { type Changed, createDocumentService } from './service.ts';
import { createSettingsService } from './settings-service.ts';
import { openStore, openStoreReadOnly, type Store, type StoreOptions } from './store.ts';
import { filesDirIn } from './stored-files.ts';

export interface Notebook {
  store: Store;
  handlers: NotebookHandlers;
  dispatch: Dispatch;
  /** Export and restore without dialogs, for the command line. */
  exports: ReturnType<typeof createExportService>;
  restores: ReturnType<typeof createRestoreService>;
  /** Import other tools' files without a dialog (the command line). */
  exchange: ReturnType<typeof createExchangeService>;
  /**
   * A PDF's bytes by URL (`PDF_FILE_ROUTE`), with range requests: what the app:// protocol and
   * the browser harnesses answer the page's pdf.js with.
   */
  pdfFiles: PdfFileRoute;
  /** Bring the search index up to date now (the command line searches once and exits). */
  searchReady(): void;
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
  /** Dialogs, clipboard, file manager; what is left out answers "unavailable". */
  host?: Partial<NotebookHost>;
  /**
   * Script of the import parser worker (`parse-worker.js` in a build, the `.ts` source where
   * Node runs TypeScript). Without one, imports are parsed in this thread.
   */
  parseWorker?: URL | string | null;
  /** Read without locking or writing (the command line's list, search and export). */
  readOnly?: boolean;
  /** Put the sample article in a new notebook (the app does; the command line does not). */
  seed?: boolean;
  /** The clock exports are stamped with (tests fix it for byte-identical files). */
  now?: () => string;
}): Promise<Notebook> {
  const listeners = new Set<(event: NotebookEvent) => void>();
  const emit = (event: NotebookEvent) => {
    for (const listener of listeners) listener(event);
  };
  const store = options.readOnly
    ? await openStoreReadOnly(options.dataDir)
    : await openStore(options.dataDir, {
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
  if (!options.readOnly && options.seed !== false) await seedOnce(store, options.resourcesDir);
  const changed: Changed = Object.assign(
    (...entities: Parameters<Changed>) => emit({ type: 'changed', entities }),
    {
      annotations: (delta: AnnotationDelta) =>
        emit({ type: 'changed', entities: ['annotations'], annotations: delta }),
    },
  );
  const subscribe = (listener: (event: NotebookEvent) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  // The search index is cached beside the notebook; a read-only opening leaves the folder alone.
  const search = createSearchService(store, subscribe, { writeCache: !options.readOnly });
  const host: NotebookHost = { ...headlessHost, ...options.host };
  const now = options.now ?? (() => new Date().toISOString());
  const settings = await createSettingsService(options.dataDir, emit, {
    readOnly: options.readOnly,
  });
  const reading = await createReadingService(options.dataDir, emit, {
    readOnly: options.readOnly,
    now: () => new Date().toISOString(),
    hasDocument: (id) => store.data.documents.some((d) => d.id === id),
  });
  const exports = createExportService(store, {
    host,
    emit,
    now,
    search: search.handlers.search,
    colorLabels: () => colorLabels(settings.getSettings({}).settings.colorNames),
    author: () => settings.getSettings({}).settings.coder,
    resourcesDir: options.resourcesDir,
  });
  const restores = createRestoreService(store, changed, { host });
  const rounds = createRoundsService(store, changed, {
    host,
    emit,
    now,
    coder: () => settings.getSettings({}).settings.coder,
  });
  const exchange = createExchangeService(store, {
    host,
    now,
    apply: restores.apply,
    json: readHypothesisFile,
  });
  const analysis = createAnalysisService(store, { host });
  // The Analysis view's index, built in steps once the notebook is open (not when read-only).
  const warmAnalysis = options.readOnly
    ? undefined
    : setTimeout(() => void analysis.warmInBackground(), 1000).unref();
  const handlers: NotebookHandlers = {
    ...createDocumentService(store, changed, host, () => settings.getSettings({}).settings.coder),
    ...createCodebookService(store, changed, {
      newId: () => newId('tag'),
      now: () => new Date().toISOString(),
    }),
    ...createNotesService(store, changed, () => newId('note')),
    ...createCollectionsService(store, changed, {
      newId: () => newId('col'),
      now: () => new Date().toISOString(),
    }),
    ...createQuotesService(store, changed, {
      newId: () => newId('tag'),
      newAnnotationId: () => newId('ann'),
      now: () => new Date().toISOString(),
      coder: () => settings.getSettings({}).settings.coder,
    }),
    ...createImportService(store, changed, {
      host,
      emit,
      newId: () => newId('doc'),
      now: () => new Date().toISOString(),
      parseWorker: options.parseWorker ?? null,
      filesDir: filesDirIn(options.dataDir),
    }),
    ...createCitationService(),
    ...search.handlers,
    ...exports.handlers,
    ...analysis.handlers,
    ...restores.handlers,
    ...exchange.handlers,
    ...rounds.handlers,
    ...settings,
    getReadingStates: reading.getReadingStates,
    saveReadingState: reading.saveReadingState,
  };
  // The index is built (or restored from its cache) in slices once the notebook is composed:
  // started earlier, its slices ran at every await above and held back the library's first
  // calls by up to a slice each.
  search.buildInBackground();
  return {
    store,
    handlers,
    dispatch: createDispatcher(handlers),
    exports,
    restores,
    exchange,
    pdfFiles: createPdfFileRoute(() => store.data.documents, filesDirIn(options.dataDir)),
    searchReady: search.ready,
    subscribe,
    async close(closeOptions) {
      clearTimeout(warmAnalysis);
      await reading.flush();
      await store.close(closeOptions);
      // Stops following the store and writes the index cache when the index changed.
      await search.close();
    },
  };
}
