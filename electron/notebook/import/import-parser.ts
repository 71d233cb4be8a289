import { Worker } from 'node:worker_threads';
import { parseImportFile, parsePasted } from './parse-import.ts';
import type { ParseReply, ParseRequest } from './parse-messages.ts';
import type { ParsedDocument } from './parsed-document.ts';
import { ImportProblem } from './problems.ts';

/** Thrown when the parse in hand was stopped by a cancel. */
export class ParseCancelled extends Error {
  constructor() {
    super('The import was cancelled.');
    this.name = 'ParseCancelled';
  }
}

export interface ImportParser {
  parseFile(file: ParseFileRequest): Promise<ParsedDocument>;
  parsePasted(content: { text: string; html: string }): Promise<ParsedDocument>;
  /** Stop the parse in hand now (it rejects with ParseCancelled). */
  cancel(): void;
  close(): void;
}

/** A pathological file must not hold an import forever. */
const TIME_LIMIT_MS = 3 * 60 * 1000;

/** A file to parse: its bytes or its path, and where a PDF's bytes are kept. */
export interface ParseFileRequest {
  name: string;
  bytes?: Uint8Array;
  path?: string;
  filesDir?: string;
}

type Request =
  | ({ kind: 'file' } & ParseFileRequest)
  | { kind: 'pasted'; content: { text: string; html: string } };

/**
 * Parse imports in a worker thread when given the worker's script (the built
 * `parse-worker.js`, or its TypeScript source where Node runs TypeScript), else in this thread.
 * With a worker, a cancel stops even a long parse at once (the worker is ended and a new one
 * starts for the next file), and a parse that runs past the time limit is refused.
 */
export function createImportParser(worker: URL | string | null): ImportParser {
  if (!worker) {
    return {
      parseFile: parseImportFile,
      parsePasted,
      cancel() {},
      close() {},
    };
  }
  let thread: Worker | null = null;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (d: ParsedDocument) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  const failAll = (error: Error) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(error);
      pending.delete(id);
    }
  };
  const stop = (error: Error) => {
    const current = thread;
    thread = null;
    failAll(error);
    void current?.terminate();
  };
  const start = () => {
    const created = new Worker(worker);
    created.on('message', (reply: ParseReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      clearTimeout(p.timer);
      if (pending.size === 0) created.unref();
      if (reply.ok) p.resolve(reply.document);
      else p.reject(new ImportProblem(reply.code, reply.message));
    });
    created.on('error', (error) => {
      if (thread === created)
        stop(new ImportProblem('unreadable', `it could not be read (${error.message})`));
    });
    created.on('exit', () => {
      if (thread === created)
        stop(new ImportProblem('unreadable', 'the reader stopped unexpectedly'));
    });
    return created;
  };

  const send = (request: Request) =>
    new Promise<ParsedDocument>((resolve, reject) => {
      thread ??= start();
      const id = nextId++;
      const timer = setTimeout(
        () =>
          stop(
            new ImportProblem(
              'unreadable',
              `reading it took longer than ${TIME_LIMIT_MS / 60_000} minutes`,
            ),
          ),
        TIME_LIMIT_MS,
      );
      pending.set(id, { resolve, reject, timer });
      // Busy, it keeps the process alive (a script waits for it); idle, it does not.
      thread.ref();
      // Bytes move to the worker rather than being copied (a PDF may be 200 MB).
      const transfer =
        request.kind === 'file' && request.bytes && request.bytes.byteLength > 1_000_000
          ? [request.bytes.buffer as ArrayBuffer]
          : [];
      thread.postMessage({ id, ...request } as ParseRequest, transfer);
    });

  return {
    parseFile: (file) => send({ kind: 'file', ...file }),
    parsePasted: (content) => send({ kind: 'pasted', content }),
    cancel: () => stop(new ParseCancelled()),
    close: () => stop(new ParseCancelled()),
  };
}
