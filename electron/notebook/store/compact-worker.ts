import { parentPort, workerData } from 'node:worker_threads';
import { compactNotebook } from './compaction.ts';

// Compaction in a worker thread: reading and rewriting the snapshot takes seconds at 100,000
// records, and the process that owns the store must keep answering the window meanwhile.
if (!parentPort) throw new Error('compact-worker must run as a worker thread');
const port = parentPort;
const { dataDir, upTo } = workerData as { dataDir: string; upTo: number };
compactNotebook(dataDir, upTo).then(
  (result) => port.postMessage({ ok: true, result }),
  (error: unknown) =>
    port.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    }),
);
