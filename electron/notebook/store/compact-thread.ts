import { Worker } from 'node:worker_threads';
import { type CompactionResult, compactNotebook } from './compaction.ts';

/**
 * Run a compaction in a worker thread when given the worker's script (the built
 * `compact-worker.js`, or its TypeScript source where Node runs TypeScript), else in this
 * thread (tests and small notebooks: the same code, only not off the main thread).
 */
export function compactOffThread(
  script: URL | string | null,
  dataDir: string,
  upTo: number,
): Promise<CompactionResult> {
  if (!script) return compactNotebook(dataDir, upTo);
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { dataDir, upTo } });
    let settled = false;
    worker.once(
      'message',
      (reply: { ok: true; result: CompactionResult } | { ok: false; message: string }) => {
        settled = true;
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.message));
        void worker.terminate();
      },
    );
    worker.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The compaction worker stopped (exit code ${code}).`));
      settled = true;
    });
  });
}
