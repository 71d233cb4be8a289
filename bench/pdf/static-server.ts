import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { FileAnswer } from '../../electron/notebook/pdf-file-route.ts';
import { PDF_FILE_ROUTE } from '../../shared/pdf/file-route.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Where the page posts its calls into the core when the harness wires them over http. */
export const INVOKE_PATH = '/__notebook/invoke';

export type Invoke = (method: string, input: unknown) => Promise<unknown>;

/** Where a script given to `serveDirectory` is served (index.html loads it first). */
export const SCRIPT_PATH = '/__bench/script.js';

/** Where the page listens for the core's events (server-sent events) when wired over http. */
export const EVENTS_PATH = '/__notebook/events';

/** Follow the core's events; returns the way to stop. */
export type Subscribe = (listener: (event: unknown) => void) => () => void;

/** A notebook file route (the core's `pdfFiles`): an answer, or null for another path. */
export type Files = (
  pathname: string,
  request: { method: string; range: string | null },
) => Promise<FileAnswer | null>;

/** An event stream for one page: each event of the core as one `data:` line of JSON. */
function streamEvents(subscribe: Subscribe, request: IncomingMessage, response: ServerResponse) {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  response.write(': open\n\n');
  const unsubscribe = subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  request.on('close', unsubscribe);
}

/** One call `{method, input}` in the request's body; the answer as JSON (204 for none). */
function answerInvoke(invoke: Invoke, request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let call: { method: string; input: unknown };
    try {
      call = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      response.writeHead(400).end(`not a call as JSON {method, input}: ${String(error)}`);
      return;
    }
    const { method, input } = call;
    invoke(method, input).then(
      (answer) => {
        if (answer === undefined) response.writeHead(204).end();
        else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(answer));
        }
      },
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
}

/**
 * The built renderer over http on a free port of 127.0.0.1. A few lines in this process rather
 * than `vite preview` as a child: no second Node to start on a busy two-core machine, no port to
 * guess, and nothing left running if the suite stops. The page's own CSP (in index.html) applies
 * as in the app. With `invoke` and `subscribe`, the page's calls into the core and the core's
 * events can go through here too (same origin, so the CSP's `connect-src 'self'` lets them
 * through): see `wirePage`'s `overHttp`; with `files`, the PDFs' bytes by URL as in the app.
 * With `script`, index.html loads that script (served at `SCRIPT_PATH`, same origin, so the
 * CSP's `script-src 'self'` allows it) before the app's own, and `routes` answer further paths.
 */
export async function serveDirectory(
  root: string,
  options: {
    invoke?: Invoke;
    subscribe?: Subscribe;
    files?: Files;
    script?: string;
    routes?: Record<string, (request: IncomingMessage, response: ServerResponse) => void>;
  } = {},
): Promise<{ url: string; close(): void }> {
  const base = normalize(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (options.invoke && request.method === 'POST' && path === INVOKE_PATH) {
      answerInvoke(options.invoke, request, response);
      return;
    }
    if (options.subscribe && request.method === 'GET' && path === EVENTS_PATH) {
      streamEvents(options.subscribe, request, response);
      return;
    }
    const route = options.routes?.[path];
    if (route) {
      route(request, response);
      return;
    }
    if (options.script !== undefined && path === SCRIPT_PATH) {
      response.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-cache' });
      response.end(options.script);
      return;
    }
    if (options.files && path.startsWith(PDF_FILE_ROUTE)) {
      // The raw path: the route refuses what is not a plain id itself.
      const raw = new URL(request.url ?? '/', 'http://x').pathname;
      const range = request.headers.range ?? null;
      options.files(raw, { method: request.method ?? 'GET', range }).then(
        (answer) => {
          if (!answer) return void response.writeHead(404).end();
          response.writeHead(answer.status, answer.headers);
          response.end(answer.body ?? undefined);
        },
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
      return;
    }
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        });
        const html = options.script !== undefined && extname(file) === '.html';
        response.end(
          html
            ? body
                .toString('utf8')
                .replace('<head>', `<head><script src="${SCRIPT_PATH}"></script>`)
            : body,
        );
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
