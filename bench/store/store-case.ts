import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { createSearchService } from '../../electron/notebook/search/search-service.ts';
import { createDocumentService } from '../../electron/notebook/service.ts';
import { listJournals } from '../../electron/notebook/store/journal.ts';
import type { Store } from '../../electron/notebook/store.ts';
import type { NotebookHandlers } from '../../shared/contract.ts';
import { median, percentile } from '../search/stats.ts';
import { openWholeFileStore } from './whole-file-store.ts';

/**
 * One benchmark case in its own process (so memory and garbage are its own): open a notebook
 * folder written beforehand, list the library and show a document with its highlights, answer
 * a first search, then type `edits` comment edits at ten characters a second. Prints one JSON
 * line of figures. Usage: node bench/store/store-case.ts '{"design":…,"dataDir":…,"edits":…}'
 */
export interface CaseInput {
  design: 'journal' | 'whole-file';
  dataDir: string;
  edits: number;
}

export interface CaseResult {
  openMs: number;
  openStallMs: number;
  firstSearchMs: number;
  editDurableMedianMs: number;
  editStallP99Ms: number;
  bytesPerEdit: number;
  rssMB: number;
}

type Handlers = Pick<
  NotebookHandlers,
  'listDocuments' | 'getDocument' | 'listAnnotations' | 'updateAnnotation' | 'search'
>;

async function open(input: CaseInput): Promise<{
  handlers: Handlers;
  store: Store;
  bytesWritten: () => Promise<number>;
  close: () => Promise<void>;
}> {
  if (input.design === 'journal') {
    const notebook = await openNotebook({
      dataDir: input.dataDir,
      resourcesDir: resolve('resources'),
      seed: false,
      store: { compactionWorker: resolve('electron/notebook/store/compact-worker.ts') },
    });
    const journalBytes = async () => {
      let total = 0;
      for (const j of await listJournals(input.dataDir)) total += (await stat(j.path)).size;
      return total;
    };
    return {
      handlers: notebook.handlers,
      store: notebook.store,
      bytesWritten: journalBytes,
      close: () => notebook.close(),
    };
  }
  const store = await openWholeFileStore(input.dataDir);
  const listeners = new Set<(e: never) => void>();
  const subscribe = (l: (e: never) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  const changed = (...entities: string[]) => {
    for (const l of listeners) l({ type: 'changed', entities } as never);
  };
  const search = createSearchService(store, subscribe as never);
  search.buildInBackground();
  const documents = createDocumentService(store, changed as never, {
    openExternalLink: async () => ({ opened: false }),
  });
  return {
    handlers: { ...documents, ...search.handlers },
    store,
    bytesWritten: async () => store.bytesWritten,
    close: () => store.close(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCase(input: CaseInput): Promise<CaseResult> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const { handlers, store, bytesWritten, close } = await open(input);
  const documents = await handlers.listDocuments({});
  const document = documents[0]!;
  await handlers.getDocument({ id: document.id });
  const annotations = await handlers.listAnnotations({ documentId: document.id });
  const openMs = performance.now() - started;
  const openStallMs = delay.max / 1e6;

  const searchStarted = performance.now();
  await handlers.search({ query: 'convoy', limit: 20 });
  const firstSearchMs = performance.now() - searchStarted;
  const rssMB = process.memoryUsage().rss / 2 ** 20;

  if (input.edits === 0) {
    await close();
    return {
      openMs,
      openStallMs,
      firstSearchMs,
      editDurableMedianMs: 0,
      editStallP99Ms: 0,
      bytesPerEdit: 0,
      rssMB,
    };
  }
  // Let a start-up compaction or backup finish, so the edits measure typing alone.
  await store.flush();
  await sleep(2000);
  const target = annotations[0]!;
  const before = await bytesWritten();
  const durable: number[] = [];
  const stalls: number[] = [];
  const pending: Promise<void>[] = [];
  let comment = target.comment;
  for (let i = 0; i < input.edits; i++) {
    delay.reset();
    const at = performance.now();
    comment += 'abcdefghij'[i % 10];
    await handlers.updateAnnotation({ id: target.id, comment });
    pending.push(store.flush().then(() => void durable.push(performance.now() - at)));
    await sleep(100);
    stalls.push(delay.max / 1e6);
  }
  await Promise.all(pending);
  await store.flush();
  const bytesPerEdit = ((await bytesWritten()) - before) / input.edits;
  delay.disable();
  await close();
  return {
    openMs,
    openStallMs,
    firstSearchMs,
    editDurableMedianMs: median(durable),
    editStallP99Ms: percentile(stalls, 99),
    bytesPerEdit,
    rssMB,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const input = JSON.parse(process.argv[2] ?? '{}') as CaseInput;
  runCase(input).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
