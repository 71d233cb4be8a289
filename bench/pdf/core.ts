import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import type { ImportReport } from '../../shared/import.ts';
import type { Result } from '../../shared/result.ts';
import { repoRoot } from './fixture.ts';

/**
 * A notebook core opened as the app opens one (store journal with compaction in a worker,
 * imports parsed in the parse worker, both from their TypeScript sources as Node runs them),
 * in a temp folder of its own. The host's file dialog "returns" whatever `dialogFiles` holds.
 */
export interface BenchCore {
  dataDir: string;
  notebook: Notebook;
  dialogFiles: string[];
  /** Close and open again from the same folder (what a restart of the app does). */
  reopen(): Promise<void>;
  /** Close and delete the folder. */
  dispose(): Promise<void>;
}

export async function openBenchCore(options: { seed?: boolean } = {}): Promise<BenchCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-bench-pdf-'));
  const dialogFiles: string[] = [];
  const open = () =>
    openNotebook({
      dataDir,
      resourcesDir: join(repoRoot, 'resources'),
      seed: options.seed ?? false,
      store: { compactionWorker: join(repoRoot, 'electron/notebook/store/compact-worker.ts') },
      parseWorker: join(repoRoot, 'electron/notebook/import/parse-worker.ts'),
      host: { chooseImportFiles: async () => [...dialogFiles] },
    });
  const core: BenchCore = {
    dataDir,
    notebook: await open(),
    dialogFiles,
    async reopen() {
      await core.notebook.close();
      core.notebook = await open();
    },
    async dispose() {
      await core.notebook.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return core;
}

/**
 * The longest gap between ticks of a 5 ms timer on this thread: how long the thread that owns
 * the store (and, in the app, answers the window) was unable to run anything else. Timer ticks
 * rather than `monitorEventLoopDelay`, whose figures are delays past a sampling period, not gaps.
 */
export function stallProbe(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

export interface ImportMeasure {
  file: string;
  ms: number;
  /** Longest main-thread gap while the import ran (dialog answered → report back). */
  stallMs: number;
  /** Longest gap in what the import sets off afterwards: saving, search indexing (1 s). */
  afterStallMs: number;
  pages: number;
  chars: number;
}

/**
 * Import one PDF through the contract, as the renderer's Import… button does, into `core`.
 * Returns the figures and the new document's id; the core stays open for the caller.
 */
export async function importPdf(
  core: BenchCore,
  path: string,
): Promise<{ measure: ImportMeasure; documentId: string }> {
  core.dialogFiles.splice(0, core.dialogFiles.length, path);
  const probe = stallProbe();
  const started = performance.now();
  const result = (await core.notebook.dispatch('importFromDialog', {
    jobId: 'b',
  })) as Result<ImportReport>;
  const ms = performance.now() - started;
  const stallMs = probe.stop();
  if (!result.ok) throw new Error(`import of ${basename(path)} failed: ${result.error.message}`);
  const item = result.value.items[0];
  if (item?.status !== 'imported' && item?.status !== 'duplicate') {
    throw new Error(`import of ${basename(path)}: ${JSON.stringify(item)}`);
  }
  // What follows an import in the app: the journal written, the search index brought up to
  // date in its background slices. A stall there is felt the same.
  const after = stallProbe();
  await core.notebook.store.flush();
  await new Promise((r) => setTimeout(r, 1000));
  const afterStallMs = after.stop();
  const doc = core.notebook.store.data.documents.find((d) => d.id === item.documentId)!;
  return {
    documentId: item.documentId,
    measure: {
      file: basename(path),
      ms,
      stallMs,
      afterStallMs,
      pages: doc.pdf?.pageCount ?? 0,
      chars: doc.text.length,
    },
  };
}
