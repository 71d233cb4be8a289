import { parentPort } from 'node:worker_threads';
import { parseImportFile, parsePasted } from './parse-import.ts';
import type { ParseReply, ParseRequest } from './parse-messages.ts';
import { ImportProblem } from './problems.ts';

// The import parsers in a worker thread: a big page can take seconds in Readability, and the
// process that owns the store (Electron's main process) must stay free to answer the window.
if (!parentPort) throw new Error('parse-worker must run as a worker thread');
const port = parentPort;

port.on('message', async (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    const document =
      request.kind === 'file' ? await parseImportFile(request) : await parsePasted(request.content);
    reply = { id: request.id, ok: true, document };
  } catch (error) {
    reply =
      error instanceof ImportProblem
        ? { id: request.id, ok: false, code: error.code, message: error.message }
        : {
            id: request.id,
            ok: false,
            code: 'unreadable',
            message: `it could not be read (${error instanceof Error ? error.message : String(error)})`,
          };
  }
  port.postMessage(reply);
});
