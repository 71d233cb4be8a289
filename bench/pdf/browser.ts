import { type Browser, chromium, type Page } from '@playwright/test';
import { buildNotebookApi } from '../../shared/bridge.ts';
import { METHOD_NAMES, type NotebookEvent } from '../../shared/contract.ts';
import type { BenchCore } from './core.ts';
import { EVENTS_PATH, INVOKE_PATH } from './static-server.ts';

/** The operating system's Chromium (Playwright's own browsers cannot be downloaded here). */
export const CHROMIUM = process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium';

/** How every Chromium of the benches runs: headless here, no sandbox or GPU, nothing fetched. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // performance.memory in exact bytes, not bucketed (Chromium rounds it otherwise).
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
}

/**
 * `window.notebook` in the page, wired to the real core exactly as the end-to-end harness does
 * (tests/e2e/harness.ts): the preload's own `buildNotebookApi`, serialised into an init script,
 * over a Playwright binding into the core's dispatcher. Events go back over `page.evaluate`.
 *
 * Besides, for the measurements: a long-task observer from the first script on, the time of
 * every call into the core (`window.__calls`: here they cross a CDP binding as JSON, in the app
 * Electron's IPC, which is faster with a 1.4 MB text or 3.5 MB of base64), and the
 * sample article selected at every load, so opening the PDF is always a click in the library.
 */
export async function wirePage(
  page: Page,
  core: BenchCore,
  startDocumentId: string,
  options: {
    /**
     * Calls go as `fetch` to the page's own server (`serveDirectory` with `invoke`), answers
     * as JSON, and events come as server-sent events (`subscribe`): no CDP on the way. A
     * 2.85 MB highlight list takes ~600 ms over the binding even as JSON, ~30 ms this way, and
     * an event some 30–100 ms over `page.evaluate` on a busy machine: this is nearer what
     * Electron's IPC costs, so what is timed is the page.
     */
    overHttp?: boolean;
  } = {},
): Promise<{ pause(): void; resume(): void }> {
  if (!options.overHttp)
    await page.exposeFunction('__notebookInvoke', (method: string, input: unknown) =>
      core.notebook.dispatch(method, input),
    );
  const invoke = options.overHttp
    ? `fetch(${JSON.stringify(INVOKE_PATH)}, { method: 'POST', body: JSON.stringify({ method, input }) }).then((r) => { if (!r.ok) throw new Error('invoke ' + method + ': ' + r.status); return r.status === 204 ? undefined : r.json(); })`
    : 'window.__notebookInvoke(method, input)';
  await page.addInitScript({
    content: `(() => {
      const listeners = new Set();
      window.__notebookEmit = (event) => { for (const listener of listeners) listener(event); };
      window.__calls = [];
      window.notebook = (${buildNotebookApi.toString()})(
        ${JSON.stringify(METHOD_NAMES)},
        (method, input) => {
          const start = performance.now();
          const call = ${invoke};
          call.then(() => { window.__calls.push({ method, start, ms: performance.now() - start }); performance.mark('answered:' + method); });
          return call;
        },
        (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
      );
      ${options.overHttp ? `new EventSource(${JSON.stringify(EVENTS_PATH)}).onmessage = (m) => window.__notebookEmit(JSON.parse(m.data));` : ''}
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      localStorage.setItem('marginalia.lastDocument', ${JSON.stringify(startDocumentId)});
    })();`,
  });
  // Events follow whichever notebook the core has open now (it is reopened for the round trip).
  let paused = false;
  let unsubscribe = () => {};
  const follow = () => {
    const notebook = core.notebook;
    unsubscribe = notebook.subscribe((event: NotebookEvent) => {
      if (paused || core.notebook !== notebook) return;
      page
        .evaluate(
          (e) =>
            (window as unknown as { __notebookEmit?: (e: unknown) => void }).__notebookEmit?.(e),
          event,
        )
        .catch(() => {});
    });
  };
  // Over http the page hears the core's events from its server instead (which holds them back
  // itself: see the PDF suite's `subscribe`), so there is nothing here to forward or pause.
  if (!options.overHttp) follow();
  return {
    /** Stop forwarding (while the bench writes thousands of records straight into the core). */
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      unsubscribe();
      if (!options.overHttp) follow();
    },
  };
}
