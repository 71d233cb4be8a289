import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import { openStoreReadOnly } from '../../electron/notebook/store.ts';
import { buildNotebookApi } from '../../shared/bridge.ts';
import { METHOD_NAMES, type NotebookEvent } from '../../shared/contract.ts';
import type { StoreData } from '../../shared/model.ts';
import { PDF_FILE_ROUTE } from '../../shared/pdf/file-route.ts';

/**
 * The browser transport of the contract: the page gets `window.notebook` built by the same
 * `buildNotebookApi` the preload uses, and every call lands in the real notebook core's
 * dispatcher, which reads and writes a real store in a temp folder. Nothing is mocked.
 */
export interface Harness {
  dataDir: string;
  notebook: Notebook;
  /**
   * Close the core (flushing to disk) and open a fresh one from the same folder; `whileClosed`
   * runs in between (to damage the file, say).
   */
  restart(whileClosed?: () => Promise<void>): Promise<void>;
  /** The store file as it is on disk right now (after flushing pending writes). */
  readStoreFile(): Promise<StoreData>;
  /** Error notices the test expects to see; any other one fails the test. */
  expectedErrors: RegExp[];
  /**
   * Stands in for the native dialogs, the system clipboard and the file manager: the files the
   * "user picks" next, where they save, what the clipboard holds, and the files shown.
   */
  host: {
    dialogFiles: string[];
    clipboard: { text: string; html: string };
    savePath: string | null;
    /** The folder the "user" picks for a folder export (Obsidian). */
    exportFolder: string | null;
    shownInFolder: string[];
    /** Links the page asked to open in the browser (the "user" confirms each). */
    openedLinks: string[];
  };
}

async function wire(page: Page, holder: { notebook: Notebook }) {
  // A PDF's bytes by URL on the page's own origin, answered by the core's route as the app://
  // protocol answers them in the app (electron/main/app-protocol.ts).
  await page.route(`**${PDF_FILE_ROUTE}**`, async (route) => {
    const request = route.request();
    const answer = await holder.notebook.pdfFiles(new URL(request.url()).pathname, {
      method: request.method(),
      range: (await request.headerValue('range')) ?? null,
    });
    if (!answer) return route.fulfill({ status: 404 });
    return route.fulfill({
      status: answer.status,
      headers: answer.headers,
      body: answer.body ? Buffer.from(answer.body) : '',
    });
  });
  await page.exposeFunction('__notebookInvoke', (method: string, input: unknown) =>
    holder.notebook.dispatch(method, input),
  );
  // Injected as source text (not eval'd), so the page's strict CSP stays in force.
  await page.addInitScript({
    content: `(() => {
      const listeners = new Set();
      window.__notebookEmit = (event) => { for (const listener of listeners) listener(event); };
      window.notebook = (${buildNotebookApi.toString()})(
        ${JSON.stringify(METHOD_NAMES)},
        (method, input) => window.__notebookInvoke(method, input),
        (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
      );
      // Every error notice the app shows, for the fixture to check after the test.
      window.__errorToasts = [];
      new MutationObserver((changes) => {
        for (const change of changes) for (const node of change.addedNodes) {
          if (node instanceof HTMLElement && node.matches('.toast-error')) window.__errorToasts.push(node.textContent);
        }
      }).observe(document, { childList: true, subtree: true });
    })();`,
  });
}

function forward(page: Page, notebook: Notebook) {
  return notebook.subscribe((event: NotebookEvent) => {
    page
      .evaluate(
        (e) => (window as unknown as { __notebookEmit?: (e: unknown) => void }).__notebookEmit?.(e),
        event,
      )
      .catch(() => {});
  });
}

export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-e2e-'));
    const host: Harness['host'] = {
      dialogFiles: [],
      clipboard: { text: '', html: '' },
      savePath: null,
      exportFolder: null,
      shownInFolder: [],
      openedLinks: [],
    };
    const open = () =>
      openNotebook({
        dataDir,
        resourcesDir: resolve('resources'),
        store: {
          writeDelayMs: 30,
          // As in the app: compaction runs in a worker thread (here from the TypeScript source).
          compactionWorker: resolve('electron/notebook/store/compact-worker.ts'),
          verifyJournal: true,
        },
        // As in the app: imports are parsed in a worker thread (here from the TypeScript source).
        parseWorker: resolve('electron/notebook/import/parse-worker.ts'),
        host: {
          chooseImportFiles: async () => host.dialogFiles,
          readClipboard: async () => host.clipboard,
          chooseSavePath: async () => host.savePath,
          chooseExportFolder: async () => host.exportFolder,
          showItemInFolder: async (path) => {
            host.shownInFolder.push(path);
          },
          openExternalLink: async (url) => {
            host.openedLinks.push(url);
            return { opened: true };
          },
        },
      });
    const holder = { notebook: await open() };
    // Any uncaught error in the page fails the test, even when the screen looks fine.
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    let unsubscribe = forward(page, holder.notebook);
    await wire(page, holder);
    const harness: Harness = {
      dataDir,
      expectedErrors: [],
      host,
      get notebook() {
        return holder.notebook;
      },
      async restart(whileClosed) {
        unsubscribe();
        await holder.notebook.close();
        await whileClosed?.();
        holder.notebook = await open();
        unsubscribe = forward(page, holder.notebook);
      },
      async readStoreFile() {
        // What is on disk: the snapshot with the journal replayed, as the command line reads it.
        await holder.notebook.store.flush();
        const reader = await openStoreReadOnly(dataDir);
        return reader.data;
      },
    };
    await use(harness);
    base.expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    const shown = await page
      .evaluate(() => (window as unknown as { __errorToasts?: string[] }).__errorToasts ?? [])
      .catch(() => [] as string[]);
    const unexpected = shown.filter((text) => !harness.expectedErrors.some((re) => re.test(text)));
    base.expect(unexpected, 'error notices the test did not expect').toEqual([]);
    unsubscribe();
    await holder.notebook.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/** Screenshots land here for people to look at (kept out of git). */
export const screenshotPath = (name: string) => join('tests', 'e2e', 'screenshots', `${name}.png`);
