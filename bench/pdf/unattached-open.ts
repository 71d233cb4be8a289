import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNotebookApi } from '../../shared/bridge.ts';
import { METHOD_NAMES } from '../../shared/contract.ts';
import { PDF_OPEN_MARKS } from '../../shared/pdf/open-marks.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.ts';
import type { BenchCore } from './core.ts';
import { clickAndWatchFirstPage, type OpenMarks } from './page-measures.ts';
import { EVENTS_PATH, INVOKE_PATH, serveDirectory } from './static-server.ts';

const REPORT_PATH = '/__bench/report';

/**
 * Cold opens of the PDF with nothing attached to the browser. Playwright attaches DevTools to
 * every page and worker it drives, and that alone doubled the time pdf.js's worker took to start
 * (measured here: ready 57-62 ms after `new Worker` in a Chromium nobody drives, 115-134 ms in
 * one Playwright drives), which the app's window never pays. So here the page drives itself: a
 * script served beside the renderer wires `window.notebook` over http (as `wirePage` does),
 * clicks the book in the library as soon as it is listed, times page 1 in the page, reports to
 * this process, and reloads for the next run, in a Chromium started with no debugging port.
 */
export async function unattachedOpens(options: {
  core: BenchCore;
  rendererDir: string;
  title: string;
  startDocumentId: string;
  runs: number;
}): Promise<Omit<OpenMarks, 'coreCallsMs'>[]> {
  const { core, runs } = options;
  const results: Omit<OpenMarks, 'coreCallsMs'>[] = [];
  let done: (error?: Error) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    done = (error) => (error ? reject(error) : resolve());
  });
  const report = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: Record<string, number | string | null>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        response.writeHead(400).end();
        done(new Error(`the page's report is not JSON: ${String(error)}`));
        return;
      }
      if (body.error) done(new Error(`the page could not open the PDF: ${body.error}`));
      else
        results.push({
          canvasMs: Number(body.canvasMs),
          firstPaintMs: Number(body.firstPaintMs),
          textLayerMs: Number(body.textLayerMs),
          bytesMs: Number(body.bytesMs ?? Number.NaN),
          openedMs: Number(body.openedMs ?? Number.NaN),
        });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ again: results.length < runs }));
      if (results.length >= runs) done();
    });
  };
  const server = await serveDirectory(options.rendererDir, {
    invoke: (method, input) => core.notebook.dispatch(method, input),
    subscribe: (listener) => core.notebook.subscribe(listener),
    files: (path, request) => core.notebook.pdfFiles(path, request),
    script: driverScript(options.title, options.startDocumentId),
    routes: { [REPORT_PATH]: report },
  });
  const profile = await mkdtemp(join(tmpdir(), 'marginalia-bench-chromium-'));
  const browser = spawn(
    CHROMIUM,
    [
      '--headless=new',
      ...CHROMIUM_ARGS,
      '--window-size=1360,860',
      `--user-data-dir=${profile}`,
      server.url,
    ],
    { stdio: 'ignore' },
  );
  browser.on('exit', (code) => done(new Error(`Chromium left early (exit ${code})`)));
  const timer = setTimeout(() => done(new Error('no result within 120 s')), 120_000);
  try {
    await finished;
    return results;
  } finally {
    clearTimeout(timer);
    browser.removeAllListeners('exit');
    browser.kill();
    await new Promise((resolve) =>
      browser.exitCode === null ? browser.once('exit', resolve) : resolve(null),
    );
    server.close();
    // Chromium's helpers may still be writing its profile as it goes: try again a few times.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

/** The page's own driver: the bridge, then a click on the book once listed, timed, reported. */
function driverScript(title: string, startDocumentId: string): string {
  return `(() => {
  const listeners = new Set();
  window.notebook = (${buildNotebookApi.toString()})(
    ${JSON.stringify(METHOD_NAMES)},
    (method, input) => fetch(${JSON.stringify(INVOKE_PATH)}, { method: 'POST', body: JSON.stringify({ method, input }) }).then((r) => { if (!r.ok) throw new Error('invoke ' + method + ': ' + r.status); return r.status === 204 ? undefined : r.json(); }),
    (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
  );
  new EventSource(${JSON.stringify(EVENTS_PATH)}).onmessage = (m) => { for (const l of listeners) l(JSON.parse(m.data)); };
  localStorage.setItem('marginalia.lastDocument', ${JSON.stringify(startDocumentId)});
  const watch = ${clickAndWatchFirstPage.toString()};
  const title = ${JSON.stringify(title)};
  const since = (name, at) => { const m = performance.getEntriesByName(name).find((e) => e.startTime >= at); return m ? m.startTime - at : null; };
  const send = (body) => fetch(${JSON.stringify(REPORT_PATH)}, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
  const go = () => {
    const entry = [...document.querySelectorAll('nav[aria-label="Library"] button')].find((b) => (b.textContent || '').trim().startsWith(title));
    if (!entry || document.querySelector('.pdf-page')) return void requestAnimationFrame(go);
    watch(entry)
      .then((m) => send({ ...m, bytesMs: since(${JSON.stringify(PDF_OPEN_MARKS.bytes)}, m.at), openedMs: since(${JSON.stringify(PDF_OPEN_MARKS.opened)}, m.at) }), (e) => send({ error: String(e) }))
      .then((next) => { if (next.again) location.reload(); });
  };
  addEventListener('DOMContentLoaded', () => requestAnimationFrame(go));
})();`;
}
