/**
 * The Electron main process (electron/main/*.ts) run for real, in Node, against a small in-memory
 * stand-in for the `electron` module. The Electron binary cannot be downloaded on every machine
 * that runs the tests, and without it this glue would never execute anywhere: here the real
 * entry point is imported once, with a temp data folder, and everything below it (the notebook
 * core in electron/notebook, the contract and schemas in shared/) is the real code writing a real
 * store to disk. Only `electron` is replaced, and the fake enforces the ordering rules Electron
 * itself enforces (privileged schemes before ready; windows, sessions and protocol handlers
 * after).
 *
 * The security checklist is tested here item by item (docs/SECURITY.md lists which test covers
 * which item): each test drives the real handler the glue installed and would fail if the
 * protection were removed. What a fake cannot show is that Electron honours what the glue asks
 * for: the sandboxed preload exposing exactly the contract, the CSP as the page sees it, a
 * navigation really refused, a highlight surviving a restart. tests/electron/ drives the built
 * app through Playwright for that wherever the binary is installed (protocol.spec.ts for these).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listJournals } from '../../electron/notebook/store/journal.ts';
import { openStoreReadOnly } from '../../electron/notebook/store.ts';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_PREFIX,
  METHOD_NAMES,
  type MethodName,
  type MethodResult,
} from '../../shared/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import type { StoreData } from '../../shared/model.ts';
import { PDF_FILE_ROUTE } from '../../shared/pdf/file-route.ts';
import type { Result } from '../../shared/result.ts';
import { makePdf } from './pdf/pdf-files.ts';
import { RESOURCES_DIR } from './temp-dir.ts';

const fake = vi.hoisted(() => {
  // Loosely typed on purpose: each fake only has to accept what the glue passes it.
  type Listener = (...args: never[]) => unknown;
  class Emitter {
    private readonly listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      const wrapped = (...args: never[]) => {
        this.off(name, wrapped);
        return listener(...args);
      };
      return this.on(name, wrapped);
    }
    off(name: string, listener: Listener) {
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l !== listener),
      );
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      const listeners = [...(this.listeners.get(name) ?? [])];
      for (const listener of listeners) (listener as (...a: unknown[]) => unknown)(...args);
      return listeners.length > 0;
    }
    listenerCount(name: string) {
      return this.listeners.get(name)?.length ?? 0;
    }
  }

  /** The event object Electron hands to listeners that may cancel the default. */
  const cancellable = () => ({
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  });

  let ready = false;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => {
    resolveReady = r;
  });
  const requireReady = (what: string) => {
    if (!ready) throw new Error(`${what} cannot be used before the app is ready`);
  };

  const hooks = { onQuit: null as (() => void) | null };
  const log = {
    singleInstanceData: [] as unknown[],
    /** The user-data folder when the single-instance lock was asked for (the lock lives there). */
    lockUserData: [] as string[],
    /** Every before-quit event and whether a listener cancelled it. */
    beforeQuit: [] as { prevented: boolean }[],
    quitCompleted: 0,
    exitCodes: [] as number[],
    errorBoxes: [] as { title: string; content: string }[],
    openedExternally: [] as string[],
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    netFetches: [] as string[],
    menus: [] as { template: unknown[] }[],
    ipcListeners: [] as string[],
    /** What the fake Open dialog answers, and what it was asked. */
    openDialog: { answer: [] as string[], asked: [] as Record<string, unknown>[] },
    clipboard: { text: '', html: '' },
    /** What the fake Save dialog answers, and what it was asked; files shown in the file manager. */
    saveDialog: { answer: null as string | null, asked: [] as Record<string, unknown>[] },
    shownInFolder: [] as string[],
    /** app.enableSandbox() calls, and whether the app was ready by then. */
    sandboxEnabled: [] as { afterReady: boolean }[],
    /** What the fake message box answers (a button index), and what it was asked. */
    messageBox: { answer: 0, asked: [] as { parent: unknown; options: Record<string, unknown> }[] },
  };

  class FakeApp extends Emitter {
    isPackaged = false;
    whenReady() {
      return readyPromise;
    }
    isReady() {
      return ready;
    }
    paths = new Map<string, string>();
    getPath(name: string) {
      return this.paths.get(name) ?? `/nonexistent/fake-electron/${name}`;
    }
    setPath(name: string, path: string) {
      this.paths.set(name, path);
    }
    getAppPath() {
      return process.cwd();
    }
    getVersion() {
      return '0.1.0';
    }
    requestSingleInstanceLock(data?: unknown) {
      log.singleInstanceData.push(data);
      log.lockUserData.push(this.getPath('userData'));
      return true;
    }
    /** Like Electron: before-quit first; a listener that cancels it stops the quit. */
    quit() {
      const event = cancellable();
      this.emit('before-quit', event);
      log.beforeQuit.push({ prevented: event.defaultPrevented });
      if (event.defaultPrevented) return;
      // Electron would now close the windows and end the process.
      log.quitCompleted++;
      hooks.onQuit?.();
    }
    exit(code = 0) {
      log.exitCodes.push(code);
    }
    enableSandbox() {
      // Electron: "This method can only be called before app is ready."
      if (ready) throw new Error('enableSandbox must be called before the app is ready');
      log.sandboxEnabled.push({ afterReady: ready });
    }
  }
  const app = new FakeApp();

  type PermissionRequest = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
  ) => void;
  type HeadersHandler = (details: unknown, callback: (response: unknown) => void) => void;
  /** A session records the handlers the glue installs; unset ones are null (Electron's default). */
  class FakeSession {
    permissionRequest: PermissionRequest | null = null;
    permissionCheck: ((...args: unknown[]) => boolean) | null = null;
    devicePermission: ((details: unknown) => boolean) | null = null;
    headersReceived: HeadersHandler | null = null;
    setPermissionRequestHandler(handler: PermissionRequest) {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheck = handler;
    }
    setDevicePermissionHandler(handler: (details: unknown) => boolean) {
      this.devicePermission = handler;
    }
    readonly webRequest = {
      onHeadersReceived: (handler: HeadersHandler) => {
        this.headersReceived = handler;
      },
    };
  }
  const defaultSession = new FakeSession();

  class FakeWebContents extends Emitter {
    /** The window's page shares the default session; another contents may bring its own. */
    readonly session: FakeSession;
    constructor(session: FakeSession = defaultSession) {
      super();
      this.session = session;
    }
    readonly sent: [string, unknown][] = [];
    destroyed = false;
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    isDestroyed() {
      return this.destroyed;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    static getAllWindows() {
      return windows.filter((w) => !w.destroyed);
    }
    readonly webContents = new FakeWebContents();
    loadedUrls: string[] = [];
    shown = false;
    minimized = false;
    restored = 0;
    focused = 0;
    destroyed = false;
    readonly options: { webPreferences?: Record<string, unknown> } & object;
    constructor(options: { webPreferences?: Record<string, unknown> } & object) {
      super();
      this.options = options;
      requireReady('new BrowserWindow()');
      windows.push(this);
      // Electron announces every new web contents, the window's own included.
      app.emit('web-contents-created', cancellable(), this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrls.push(url);
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused++;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
      this.restored++;
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** Like Electron: the page unloads, then 'closed' fires on a later turn. */
    close() {
      if (this.destroyed) return;
      this.emit('close', cancellable());
      setImmediate(() => {
        this.destroyed = true;
        this.webContents.destroyed = true;
        this.emit('closed');
      });
    }
  }

  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const ipcMain = {
    handle(channel: string, handler: (event: unknown, input: unknown) => unknown) {
      if (ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    },
    on(channel: string) {
      log.ipcListeners.push(channel);
    },
  };

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged(
      schemes: { scheme: string; privileges: Record<string, boolean> }[],
    ) {
      if (ready) throw new Error('registerSchemesAsPrivileged must be called before app ready');
      log.privilegedSchemes.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      requireReady('protocol.handle');
      protocolHandlers.set(scheme, handler);
    },
  };

  /** Reads files, as Electron's net.fetch does for file:// URLs, and records what it was asked. */
  const net = {
    async fetch(url: string) {
      requireReady('net.fetch');
      const { readFile } = await import('node:fs/promises');
      const { fileURLToPath } = await import('node:url');
      log.netFetches.push(url);
      if (!url.startsWith('file:')) throw new Error(`the fake net.fetch only reads files: ${url}`);
      const path = fileURLToPath(url);
      try {
        return new Response(await readFile(path), { status: 200 });
      } catch {
        return new Response('net::ERR_FILE_NOT_FOUND', { status: 404 });
      }
    },
  };

  const sessionState = defaultSession;
  const session = {
    get defaultSession() {
      requireReady('session.defaultSession');
      return defaultSession;
    },
  };

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    net,
    session,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (menu: { template: unknown[] }) => log.menus.push(menu),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => log.errorBoxes.push({ title, content }),
      showOpenDialog: async (...args: unknown[]) => {
        log.openDialog.asked.push(args.at(-1) as Record<string, unknown>);
        const filePaths = log.openDialog.answer;
        return { canceled: filePaths.length === 0, filePaths };
      },
      showSaveDialog: async (...args: unknown[]) => {
        log.saveDialog.asked.push(args.at(-1) as Record<string, unknown>);
        const filePath = log.saveDialog.answer;
        return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
      },
      showMessageBox: async (...args: unknown[]) => {
        const options = args.at(-1) as Record<string, unknown>;
        log.messageBox.asked.push({ parent: args.length > 1 ? args[0] : null, options });
        return { response: log.messageBox.answer, checkboxChecked: false };
      },
    },
    clipboard: {
      readText: async () => log.clipboard.text,
      read: async () =>
        log.clipboard.html
          ? [{ types: ['text/html'], getType: async () => new Blob([log.clipboard.html]) }]
          : [],
    },
    shell: {
      openExternal: (url: string) => {
        log.openedExternally.push(url);
        return Promise.resolve();
      },
      showItemInFolder: (path: string) => log.shownInFolder.push(path),
    },
    nativeTheme: { shouldUseDarkColors: false },
    // The preload's side: what it exposes to the page, and the IPC it uses to reach main.
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        preload.exposed.push([key, api]);
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        preload.invoked.push([channel, ...args]);
        return Promise.resolve({ ok: true, value: null });
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        preload.listeners.push([channel, listener]);
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        preload.listeners = preload.listeners.filter(([c, l]) => c !== channel || l !== listener);
      },
    },
  };
  const preload = {
    exposed: [] as [string, unknown][],
    invoked: [] as unknown[][],
    listeners: [] as [string, (...args: unknown[]) => void][],
  };

  return {
    module: { ...module, default: module },
    app,
    FakeWebContents,
    FakeSession,
    preload,
    windows,
    ipcHandlers,
    protocolHandlers,
    sessionState,
    log,
    hooks,
    cancellable,
    becomeReady() {
      ready = true;
      resolveReady();
    },
  };
});

vi.mock('electron', () => fake.module);

const TOP_FRAME = { url: 'app://marginalia/index.html', parent: null };
const trusted = { senderFrame: TOP_FRAME };

let dataDir = '';
const savedEnv = {
  dataDir: process.env.MARGINALIA_DATA_DIR,
  userData: process.env.MARGINALIA_USER_DATA_DIR,
  rendererUrl: process.env.ELECTRON_RENDERER_URL,
};
/** What had been registered when the entry module finished loading, before `ready`. */
let beforeReady = { privilegedSchemes: 0, ipcHandlers: 0, protocolHandlers: 0, windows: 0 };

const storePath = () => join(dataDir, 'notebook.json');
/** The notebook's bytes on disk: the snapshot and every journal file (a write changes them). */
const readStoreFile = async () => {
  const parts = [await readFile(storePath(), 'utf8')];
  for (const journal of await listJournals(dataDir))
    parts.push(await readFile(journal.path, 'utf8'));
  return parts.join('\n');
};
/** The notebook as a reader sees it: the snapshot with the journal replayed. */
const readStored = async () => (await openStoreReadOnly(dataDir)).data;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Longer than the store's 150 ms coalescing window, so every pending write has landed. */
const settle = () => sleep(300);
const mainWindow = () => fake.windows[0]!;

async function invoke<M extends MethodName>(
  method: M,
  input: unknown,
  event: unknown = trusted,
): Promise<Result<MethodResult<M>>> {
  const handler = fake.ipcHandlers.get(`${IPC_INVOKE_PREFIX}${method}`);
  if (!handler) throw new Error(`no ipcMain handler for ${method}`);
  return (await handler(event, input)) as Result<MethodResult<M>>;
}

async function value<M extends MethodName>(method: M, input: unknown): Promise<MethodResult<M>> {
  const result = await invoke(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}

async function seedDocumentId(): Promise<string> {
  const [first] = await value('listDocuments', {});
  return first!.id;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'marginalia-main-'));
  process.env.MARGINALIA_DATA_DIR = dataDir;
  process.env.MARGINALIA_USER_DATA_DIR = join(dataDir, 'profile');
  delete process.env.ELECTRON_RENDERER_URL;

  await import('../../electron/main/index.ts');
  beforeReady = {
    privilegedSchemes: fake.log.privilegedSchemes.length,
    ipcHandlers: fake.ipcHandlers.size,
    protocolHandlers: fake.protocolHandlers.size,
    windows: fake.windows.length,
  };

  fake.becomeReady();
  await vi.waitFor(
    () => {
      if (fake.log.errorBoxes.length) throw new Error(fake.log.errorBoxes[0]!.content);
      if (fake.windows.length === 0) throw new Error('no window yet');
    },
    { timeout: 10_000, interval: 20 },
  );
});

afterAll(async () => {
  if (savedEnv.dataDir === undefined) delete process.env.MARGINALIA_DATA_DIR;
  else process.env.MARGINALIA_DATA_DIR = savedEnv.dataDir;
  if (savedEnv.rendererUrl !== undefined) process.env.ELECTRON_RENDERER_URL = savedEnv.rendererUrl;
  if (savedEnv.userData === undefined) delete process.env.MARGINALIA_USER_DATA_DIR;
  else process.env.MARGINALIA_USER_DATA_DIR = savedEnv.userData;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('start-up', () => {
  it('registers the privileged app scheme before ready and everything else after', () => {
    expect(beforeReady).toEqual({
      privilegedSchemes: 1,
      ipcHandlers: 0,
      protocolHandlers: 0,
      windows: 0,
    });
    expect(fake.log.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true },
      },
    ]);
    expect(fake.log.singleInstanceData).toEqual([{ dataDir }]);
    // MARGINALIA_USER_DATA_DIR moved Chromium's profile before the lock (which lives in it).
    expect(fake.log.lockUserData).toEqual([join(dataDir, 'profile')]);
    // Checklist: sandbox. Every renderer, before any exists (Electron refuses it after ready).
    expect(fake.log.sandboxEnabled).toEqual([{ afterReady: false }]);
    expect(fake.log.errorBoxes).toEqual([]);
    expect(fake.log.exitCodes).toEqual([]);
  });

  it('opens the store in the data folder from MARGINALIA_DATA_DIR and takes its lock', async () => {
    const info = await value('getInfo', {});
    expect(info).toMatchObject({ dataDir, storePath: storePath(), recovery: null });
    const lock = JSON.parse(await readFile(join(dataDir, 'notebook.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
  });

  it('registers exactly one ipcMain handler per contract method, and nothing else', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(
      METHOD_NAMES.map((m) => `${IPC_INVOKE_PREFIX}${m}`).sort(),
    );
    expect(fake.log.ipcListeners).toEqual([]);
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);
    // Production serves the CSP from the app protocol; the dev-server header rewrite stays off.
    expect(fake.sessionState.headersReceived).toBeNull();
  });

  it('installs the production menu, without reload or developer tools', () => {
    expect(fake.log.menus).toHaveLength(1);
    const text = JSON.stringify(fake.log.menus[0]!.template);
    expect(text).toContain('Marginalia 0.1.0');
    expect(text).not.toContain('toggleDevTools');
    expect(text).not.toContain('"reload"');
  });
});

type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };

/** An item of the File (or any) menu the app installed, by its label. */
function menuItem(label: string): MenuItem {
  const template = fake.log.menus[0]!.template as MenuItem[];
  const found = template.flatMap((m) => m.submenu ?? []).find((i) => i.label === label);
  if (!found?.click) throw new Error(`no menu item ${label}`);
  return found;
}

describe('importing through the menu and the native dialog', () => {
  it('File > Import… and New Document from Clipboard hand their command to the page', () => {
    const contents = mainWindow().webContents;
    contents.sent.length = 0;
    menuItem('Import…').click!();
    menuItem('New Document from Clipboard').click!();
    expect(contents.sent).toEqual([
      [IPC_EVENT_CHANNEL, { type: 'command', command: 'import-files' }],
      [IPC_EVENT_CHANNEL, { type: 'command', command: 'import-clipboard' }],
    ]);
  });

  it('imports the files chosen in the Open dialog, and the clipboard', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'marginalia-dialog-'));
    const file = join(folder, 'chosen.md');
    await writeFile(file, '# Chosen in the dialog\n\nA paragraph the user picked.');
    fake.log.openDialog.answer = [file];
    const report = await value('importFromDialog', { jobId: 'menu-1' });
    expect(report.items).toEqual([
      expect.objectContaining({
        name: 'chosen.md',
        status: 'imported',
        title: 'Chosen in the dialog',
      }),
    ]);
    expect(fake.log.openDialog.asked.at(-1)).toMatchObject({
      properties: ['openFile', 'multiSelections'],
    });

    fake.log.clipboard = {
      text: 'Clipboard words',
      html: '<h1>From the clipboard</h1><p>Copied text.</p>',
    };
    const pasted = await value('importFromClipboard', { jobId: 'menu-2' });
    expect(pasted.items[0]).toMatchObject({ status: 'imported', title: 'From the clipboard' });
    // Later tests expect the notebook to hold the sample article alone.
    for (const item of [...report.items, ...pasted.items])
      if (item.status === 'imported') await value('deleteDocument', { id: item.documentId });
    await rm(folder, { recursive: true, force: true });
  });
});

describe('exporting through the menu and the native Save dialog', () => {
  it('File > Export…, Back Up Notebook… and Restore from Backup… hand their command to the page', () => {
    const contents = mainWindow().webContents;
    contents.sent.length = 0;
    menuItem('Export…').click!();
    menuItem('Back Up Notebook…').click!();
    menuItem('Restore from Backup…').click!();
    expect(contents.sent).toEqual([
      [IPC_EVENT_CHANNEL, { type: 'command', command: 'export' }],
      [IPC_EVENT_CHANNEL, { type: 'command', command: 'backup' }],
      [IPC_EVENT_CHANNEL, { type: 'command', command: 'restore' }],
    ]);
  });

  it('saves to the path chosen in the Save dialog and shows it in the file manager', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'marginalia-save-'));
    const path = join(folder, 'notebook.md');
    fake.log.saveDialog.answer = path;
    const result = await value('exportNotebook', {
      jobId: 'save-1',
      format: 'markdown',
      scope: { kind: 'notebook' },
    });
    expect(result).toMatchObject({ status: 'saved', path });
    expect(await readFile(path, 'utf8')).toContain('# Whole notebook');
    expect(fake.log.saveDialog.asked.at(-1)).toMatchObject({
      defaultPath: 'Marginalia – Whole notebook.md',
      filters: [{ name: 'Markdown', extensions: ['md'] }],
    });
    await value('showExportedFile', { path });
    expect(fake.log.shownInFolder).toEqual([path]);

    fake.log.saveDialog.answer = null;
    expect(
      await value('exportNotebook', {
        jobId: 'save-2',
        format: 'csv',
        scope: { kind: 'notebook' },
      }),
    ).toEqual({ status: 'cancelled' });
    await rm(folder, { recursive: true, force: true });
  });
});

describe('IPC', () => {
  it('serves the contract from the real core to the app page', async () => {
    const seed = JSON.parse(await readFile(join(RESOURCES_DIR, 'seed-article.json'), 'utf8')) as {
      title: string;
    };
    const documents = await value('listDocuments', {});
    expect(documents.map((d) => d.title)).toEqual([seed.title]);
    const documentId = documents[0]!.id;

    const created = await value('createAnnotation', {
      documentId,
      start: 0,
      end: 12,
      color: 'yellow',
      comment: 'through IPC',
    });
    expect(created).toMatchObject({ documentId, color: 'yellow', comment: 'through IPC' });
    expect(await value('listAnnotations', { documentId })).toEqual([created]);

    const tag = await value('createTag', { name: 'ipc' });
    expect(await value('listTags', {})).toEqual([tag]);

    await settle();
    const stored = await readStored();
    expect(stored.annotations.map((a) => a.id)).toEqual([created.id]);
    expect(stored.tags.map((t) => t.name)).toEqual(['ipc']);
  });

  it('forwards change events to the window on the event channel', async () => {
    const contents = mainWindow().webContents;
    contents.sent.length = 0;
    const documentId = await seedDocumentId();
    const before = (await value('listAnnotations', { documentId })).length;
    const created = await value('createAnnotation', {
      documentId,
      start: 20,
      end: 30,
      color: 'green',
    });
    // A change to one highlight carries it, and its document's new counts.
    expect(contents.sent).toEqual([
      [
        IPC_EVENT_CHANNEL,
        {
          type: 'changed',
          entities: ['annotations'],
          annotations: {
            put: [created],
            removed: [],
            counts: [{ documentId, annotationCount: before + 1, orphanCount: 0 }],
          },
        },
      ],
    ]);

    // A destroyed window is skipped rather than sent to.
    contents.destroyed = true;
    try {
      await value('createTag', { name: 'unseen' });
      expect(contents.sent).toHaveLength(1);
    } finally {
      contents.destroyed = false;
    }
  });

  it.each<[string, unknown]>([
    ['an iframe of the app page', { senderFrame: { url: TOP_FRAME.url, parent: TOP_FRAME } }],
    ['another web origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another app:// host', { senderFrame: { url: 'app://other/index.html', parent: null } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    [
      'the dev server when none is configured',
      { senderFrame: { url: 'http://localhost:5173/', parent: null } },
    ],
    ['a frame that is gone', { senderFrame: null }],
    ['an event without a frame', {}],
  ])('refuses calls from %s and writes nothing', async (_label, event) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const documentId = await seedDocumentId();
    await settle();
    const before = await readStoreFile();
    const annotationsBefore = await value('listAnnotations', { documentId });
    const contents = mainWindow().webContents;
    const sentBefore = contents.sent.length;

    const forbidden = { ok: false, error: { code: 'forbidden' } };
    expect(
      await invoke(
        'createAnnotation',
        { documentId, start: 0, end: 5, color: 'pink', comment: 'smuggled' },
        event,
      ),
    ).toMatchObject(forbidden);
    expect(await invoke('createTag', { name: 'smuggled' }, event)).toMatchObject(forbidden);
    expect(await invoke('deleteDocument', { id: documentId }, event)).toMatchObject(forbidden);
    // Reads are refused too: a foreign frame learns nothing about the notebook.
    expect(await invoke('listDocuments', {}, event)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
    expect(console.warn).toHaveBeenCalled();

    await settle();
    expect(await readStoreFile()).toBe(before);
    expect(await value('listAnnotations', { documentId })).toEqual(annotationsBefore);
    expect((await value('listTags', {})).map((t) => t.name)).not.toContain('smuggled');
    expect(contents.sent).toHaveLength(sentBefore);
  });

  // Checklist: the IPC sender is checked on every handler, before the core sees the payload.
  it('checks the sender in every handler, before the payload is even parsed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const iframe = { senderFrame: { url: TOP_FRAME.url, parent: TOP_FRAME } };
    const asked = () => [
      fake.log.openDialog.asked.length,
      fake.log.saveDialog.asked.length,
      fake.log.messageBox.asked.length,
      fake.log.shownInFolder.length,
    ];
    const askedBefore = asked();
    const refused: string[] = [];
    for (const method of METHOD_NAMES) {
      // A payload no schema accepts: a handler that parsed first would answer invalid-input.
      const result = await invoke(method, { 'not a field': true }, iframe);
      if (!result.ok && result.error.code === 'forbidden') refused.push(method);
    }
    expect(refused).toEqual([...METHOD_NAMES]);
    // Nothing was asked of the user, or shown, on a foreign frame's behalf.
    expect(asked()).toEqual(askedBefore);
  });

  it('answers bad input with invalid-input and writes nothing', async () => {
    const documentId = await seedDocumentId();
    await settle();
    const before = await readStoreFile();

    const backwards = await invoke('createAnnotation', {
      documentId,
      start: 9,
      end: 3,
      color: 'yellow',
    });
    expect(backwards).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'end' }] },
    });
    for (const input of [
      { documentId, start: 0, end: 3, color: 'red' },
      { documentId, start: 0, end: 3, color: 'yellow', extra: true },
      { start: 0, end: 3, color: 'yellow' },
      'createAnnotation',
      undefined,
    ]) {
      expect(await invoke('createAnnotation', input)).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    expect(await invoke('getDocument', { id: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // Well-formed but unknown ids get through the schema and are refused by the core.
    expect(await invoke('getDocument', { id: 'doc-missing' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });

    await settle();
    expect(await readStoreFile()).toBe(before);
  });
});

describe('the main window', () => {
  it('is created once, locked down, and loads the app page over app://', () => {
    expect(fake.windows).toHaveLength(1);
    const { webPreferences } = mainWindow().options;
    // Checklist: context isolation, sandbox, no Node integration, web security left on, no
    // insecure content, no webviews. Exactly these: any other preference (enableBlinkFeatures,
    // experimentalFeatures, additionalArguments…) has to be added here on purpose.
    expect(webPreferences).toEqual({
      preload: expect.any(String),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    });
    const preload = String(webPreferences?.preload);
    expect(resolve(preload)).toBe(preload);
    expect(preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(mainWindow().loadedUrls).toEqual(['app://marginalia/index.html']);
  });

  it('shows itself when ready, and its own web contents is hardened', () => {
    const window = mainWindow();
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.webContents.windowOpenHandler).not.toBeNull();
    for (const name of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
    ]) {
      expect(window.webContents.listenerCount(name), name).toBe(1);
    }
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
  });

  it('is restored and focused when a second instance starts; activate opens no duplicate', () => {
    const window = mainWindow();
    window.minimized = true;
    fake.app.emit('second-instance', fake.cancellable(), [], process.cwd(), { dataDir });
    expect(window.restored).toBe(1);
    expect(window.focused).toBe(1);
    fake.app.emit('activate');
    expect(fake.windows).toHaveLength(1);
  });
});

const BUILT_RENDERER = join(process.cwd(), 'out', 'renderer');
const rendererBuilt = existsSync(join(BUILT_RENDERER, 'index.html'));
if (!rendererBuilt) console.log('app:// protocol tests skipped: run `npm run build` first');

describe.skipIf(!rendererBuilt)(
  'the app:// protocol (needs the built renderer: npm run build)',
  () => {
    const serve = (url: string) => fake.protocolHandlers.get('app')!(new Request(url));

    it('serves the built page and its assets with the CSP header', async () => {
      const page = await serve('app://marginalia/index.html');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await readFile(join(BUILT_RENDERER, 'index.html'), 'utf8');
      expect(await page.text()).toBe(html);
      // The glue asked for index.html next to its own folder, as in the bundle.
      expect(fake.log.netFetches.at(-1)).toMatch(/\/renderer\/index\.html$/);

      // Routes of the single page get index.html.
      const route = await serve('app://marginalia/library');
      expect(route.status).toBe(200);
      expect(await route.text()).toBe(html);

      const asset = (await readdir(join(BUILT_RENDERER, 'assets')))[0]!;
      const served = await serve(`app://marginalia/assets/${asset}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(
        await readFile(join(BUILT_RENDERER, 'assets', asset)),
      );
    });

    // Checklist: the custom protocol serves only files inside the app folder.
    it.each([
      // x/../../package.json from the renderer folder is out/package.json; one more level is the
      // repository's real package.json, so a broken check would visibly serve it.
      'app://marginalia/x%2F..%2F..%2Fpackage.json',
      'app://marginalia/x%2F..%2F..%2F..%2Fpackage.json',
      'app://marginalia/x%2f..%2f..%2f..%2fpackage.json',
      'app://marginalia/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://marginalia/..%2F..%2Fpackage.json',
      'app://marginalia/x%252F..%252F..%252Fpackage.json',
      'app://marginalia/a%5c..%5c..%5c..%5cpackage.json',
      'app://marginalia/a\\..\\..\\..\\package.json',
      'app://marginalia/%00.js',
      'app://marginalia/index.html%00.js',
      `app://marginalia/${encodeURIComponent(join(process.cwd(), 'package.json'))}`,
      `app://marginalia/${join(process.cwd(), 'package.json')}`,
      'app://elsewhere/index.html',
      'app://marginalia.evil.example/index.html',
      'app://marginalia:8080/index.html',
      'file:///etc/passwd.js',
      `file://${join(process.cwd(), 'package.json')}`,
    ])('refuses %s with a 404 without touching the disk', async (url) => {
      const fetches = fake.log.netFetches.length;
      const response = await serve(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('"name": "marginalia"');
      expect(fake.log.netFetches).toHaveLength(fetches);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });

    // Checklist: the custom protocol serves only the notebook's own PDFs, by document id.
    it('serves a document’s PDF by id at the PDF route, in ranges, and nothing else there', async () => {
      const bytes = await makePdf([{ columns: [['A page served over app:// in ranges.']] }]);
      const report = await value('importFiles', {
        jobId: 'protocol-pdf',
        files: [{ name: 'p.pdf', size: bytes.length, data: Buffer.from(bytes).toString('base64') }],
      });
      const documentId = (report.items[0] as { documentId: string }).documentId;
      // The tests after this one expect the notebook as it was.
      try {
        const whole = await serve(`app://marginalia${PDF_FILE_ROUTE}${documentId}`);
        expect(whole.status).toBe(200);
        expect(whole.headers.get('content-type')).toBe('application/pdf');
        expect(whole.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
        expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
        expect(Buffer.from(await whole.arrayBuffer())).toEqual(Buffer.from(bytes));
        const part = await fake.protocolHandlers.get('app')!(
          new Request(`app://marginalia${PDF_FILE_ROUTE}${documentId}`, {
            headers: { Range: 'bytes=0-7' },
          }),
        );
        expect(part.status).toBe(206);
        expect(part.headers.get('content-range')).toBe(`bytes 0-7/${bytes.length}`);
        expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('%PDF-1.7');
        const fetches = fake.log.netFetches.length;
        for (const url of [
          `app://marginalia${PDF_FILE_ROUTE}doc_unknown`,
          `app://marginalia${PDF_FILE_ROUTE}..%2F..%2Fpackage.json`,
          `app://marginalia${PDF_FILE_ROUTE}${documentId}%2F..%2F..%2F..%2Fpackage.json`,
          `app://marginalia${PDF_FILE_ROUTE}..%2Fnotebook.json`,
          `app://elsewhere${PDF_FILE_ROUTE}${documentId}`,
        ]) {
          const refused = await serve(url);
          expect(refused.status, url).toBe(404);
          expect(await refused.text(), url).not.toMatch(/"name": "marginalia"|%PDF/);
        }
        expect(fake.log.netFetches).toHaveLength(fetches);
      } finally {
        await value('deleteDocument', { id: documentId });
      }
    });

    it('answers 404 for a missing file inside the renderer folder', async () => {
      const response = await serve('app://marginalia/assets/missing.js');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });
  },
);

// Windows needs a privilege to make symbolic links; the check is the same code everywhere.
describe.skipIf(process.platform === 'win32')('the app:// handler and symbolic links', () => {
  // A renderer folder of its own, with links pointing out of it and one staying inside.
  let base = '';
  let serve: (url: string) => Promise<Response>;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'marginalia-protocol-'));
    const renderer = join(base, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>inside</title>');
    await writeFile(join(renderer, 'assets', 'app.js'), 'inside();');
    await writeFile(join(base, 'secret.json'), '{"secret":"outside the renderer folder"}');
    await mkdir(join(base, 'private'));
    await writeFile(join(base, 'private', 'key.js'), 'outside();');
    await symlink(join(base, 'secret.json'), join(renderer, 'assets', 'leak.json'));
    await symlink(join(base, 'private'), join(renderer, 'assets', 'private'));
    await symlink(join(renderer, 'assets', 'app.js'), join(renderer, 'assets', 'alias.js'));
    const { createAppProtocolHandler } = await import('../../electron/main/app-protocol.ts');
    const handler = createAppProtocolHandler(renderer);
    serve = (url) => handler(new Request(url));
  });
  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('serves files and links that stay inside the folder', async () => {
    expect(await (await serve('app://marginalia/index.html')).text()).toContain('inside');
    expect(await (await serve('app://marginalia/assets/app.js')).text()).toBe('inside();');
    expect(await (await serve('app://marginalia/assets/alias.js')).text()).toBe('inside();');
  });

  it.each(['app://marginalia/assets/leak.json', 'app://marginalia/assets/private/key.js'])(
    'refuses %s, a link out of the folder, without reading it',
    async (url) => {
      const fetches = fake.log.netFetches.length;
      const response = await serve(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside');
      expect(fake.log.netFetches).toHaveLength(fetches);
    },
  );
});

describe('security handlers', () => {
  // Checklist: permissions denied (requests, checks, and devices chosen earlier).
  const PERMISSIONS = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'midi',
    'midiSysex',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'fileSystem',
    'hid',
    'serial',
    'usb',
    'unknown',
  ];
  function expectSessionHardened(session: InstanceType<typeof fake.FakeSession>) {
    const { permissionRequest, permissionCheck, devicePermission } = session;
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      permissionRequest!(mainWindow().webContents, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(permissionCheck!(null, permission, 'app://marginalia', {}), permission).toBe(false);
    }
    for (const deviceType of ['hid', 'serial', 'usb', 'bluetooth']) {
      const details = { deviceType, origin: 'app://marginalia', device: { deviceId: '1' } };
      expect(devicePermission!(details), deviceType).toBe(false);
    }
  }

  it('never grants a permission or a device in the default session', () => {
    expectSessionHardened(fake.sessionState);
  });

  function createdContents(session?: InstanceType<typeof fake.FakeSession>) {
    const contents = new fake.FakeWebContents(session);
    fake.app.emit('web-contents-created', fake.cancellable(), contents);
    return contents;
  }

  it('hardens the session of any web contents created later, not just the default one', () => {
    const other = new fake.FakeSession();
    createdContents(other);
    expectSessionHardened(other);
  });

  function prevented(contents: InstanceType<typeof fake.FakeWebContents>, name: string, url = '') {
    const event = fake.cancellable();
    if (name === 'will-frame-navigate') {
      // This one hands over a single details object, the URL on the event itself.
      const details = Object.assign(event, { url, isMainFrame: false });
      contents.emit(name, details);
      return details.defaultPrevented;
    }
    contents.emit(name, event, url);
    return event.defaultPrevented;
  }

  // Checklist: navigation denied (will-navigate, and the same for subframes and redirects).
  it('keeps navigation and redirects on the app origin', () => {
    const contents = createdContents();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(prevented(contents, name, 'app://marginalia/other')).toBe(false);
      expect(prevented(contents, name, 'app://marginalia/index.html#/library')).toBe(false);
      for (const url of [
        'https://example.com/',
        'http://localhost:5173/',
        'file:///etc/passwd',
        'app://marginalia.evil.example/',
        'app://marginalia@evil.example/',
        'app://other/index.html',
        'app://marginalia',
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'about:blank',
        'chrome://settings',
        'devtools://devtools/bundled/inspector.html',
        // The PDFs' bytes are for pdf.js's fetch, never a page to navigate to.
        `app://marginalia${PDF_FILE_ROUTE}doc_1`,
        `app://marginalia${PDF_FILE_ROUTE}`,
      ]) {
        expect(prevented(contents, name, url), `${name} ${url}`).toBe(true);
      }
    }
  });

  it('refuses webviews', () => {
    expect(prevented(createdContents(), 'will-attach-webview')).toBe(true);
  });

  it('denies every new window and never reaches the system browser', () => {
    const open = createdContents().windowOpenHandler!;
    fake.log.openedExternally.length = 0;
    for (const url of [
      'https://example.com/article',
      'HTTP://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://marginalia/index.html',
      'mailto:someone@example.com',
    ]) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.log.openedExternally).toEqual([]);
  });
});

// Checklist: nothing but the contract exposed in the preload.
describe('the preload', () => {
  type Api = Record<string, (...args: unknown[]) => unknown>;
  let api: Api;
  beforeAll(async () => {
    await import('../../electron/preload/index.ts');
    expect(fake.preload.exposed.map(([key]) => key)).toEqual(['notebook']);
    api = fake.preload.exposed[0]![1] as Api;
  });

  it('exposes exactly the contract: its methods and one event subscription, frozen', () => {
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'onEvent'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // Not ipcRenderer, not a generic invoke or send, nothing of Node.
    for (const key of ['ipcRenderer', 'invoke', 'send', 'on', 'require', 'process', 'electron'])
      expect(api, key).not.toHaveProperty(key);
  });

  it("sends a method's one argument on that method's own channel, and nothing more", async () => {
    fake.preload.invoked.length = 0;
    await api.createTag!({ name: 'x' }, 'smuggled second argument');
    await api.listDocuments!();
    expect(fake.preload.invoked).toEqual([
      [`${IPC_INVOKE_PREFIX}createTag`, { name: 'x' }],
      [`${IPC_INVOKE_PREFIX}listDocuments`, {}],
    ]);
  });

  it('hands listeners the event payload only (never the IPC event or its sender)', () => {
    const received: unknown[][] = [];
    const stop = api.onEvent!((...args: unknown[]) => received.push(args)) as () => void;
    // One listener, on the event channel only.
    expect(fake.preload.listeners.map(([channel]) => channel)).toEqual([IPC_EVENT_CHANNEL]);
    const subscribed = fake.preload.listeners;
    const payload = { type: 'changed', entities: ['tags'] };
    subscribed[0]![1]({ sender: { send() {} }, ports: [] }, payload);
    expect(received).toEqual([[payload]]);
    stop();
    expect(fake.preload.listeners).toEqual([]);
    expect(() => api.onEvent!('not a function')).toThrow(TypeError);
  });
});

// Checklist: shell.openExternal only for http(s) links, after the user confirms.
describe('opening a web link', () => {
  type Open = (url: unknown) => Promise<{ opened: boolean }>;
  let open: Open;
  beforeAll(async () => {
    const { createElectronHost } = await import('../../electron/main/host.ts');
    const host = createElectronHost(() => mainWindow() as never);
    open = (url) => host.openExternalLink(url as string);
  });
  afterEach(() => {
    fake.log.messageBox.asked.length = 0;
    fake.log.messageBox.answer = 0;
    fake.log.openedExternally.length = 0;
  });

  it.each<unknown>([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:someone@example.com',
    'ftp://example.com/file',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://marginalia/index.html',
    '//example.com/page',
    '/relative/page',
    'example.com',
    'https://user:secret@example.com/',
    'https://bank.example@evil.example/',
    `https://example.com/${'a'.repeat(5000)}`,
    '',
    42,
    null,
    { href: 'https://example.com/' },
  ])('never opens %s, and does not even ask', async (url) => {
    expect(await open(url)).toEqual({ opened: false });
    expect(fake.log.messageBox.asked).toEqual([]);
    expect(fake.log.openedExternally).toEqual([]);
  });

  it('asks first, showing the real address, and opens nothing when the user cancels', async () => {
    fake.log.messageBox.answer = 0;
    expect(await open('https://example.com/a b')).toEqual({ opened: false });
    expect(fake.log.messageBox.asked).toHaveLength(1);
    const [{ parent, options }] = fake.log.messageBox.asked as [
      { parent: unknown; options: Record<string, unknown> },
    ];
    expect(parent).toBe(mainWindow());
    expect(options).toMatchObject({ defaultId: 0, cancelId: 0 });
    expect(options.buttons).toEqual(['Cancel', 'Open in Browser']);
    expect(options.message).toContain('example.com');
    expect(options.detail).toContain('https://example.com/a%20b');
    expect(fake.log.openedExternally).toEqual([]);
  });

  it('is the contract method openExternalLink, from the app page through IPC and the core', async () => {
    fake.log.messageBox.answer = 1;
    expect(await value('openExternalLink', { url: 'https://example.com/via-ipc' })).toEqual({
      opened: true,
    });
    expect(fake.log.messageBox.asked).toHaveLength(1);
    expect(fake.log.openedExternally).toEqual(['https://example.com/via-ipc']);
    // A script address is refused by the contract's schema before anything is asked.
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'file:///etc/passwd'])
      expect(await invoke('openExternalLink', { url })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    // And a frame that is not the app page is refused before that.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const iframe = { senderFrame: { url: TOP_FRAME.url, parent: TOP_FRAME } };
    expect(await invoke('openExternalLink', { url: 'https://example.com/' }, iframe)).toMatchObject(
      { ok: false, error: { code: 'forbidden' } },
    );
    expect(fake.log.messageBox.asked).toHaveLength(1);
    expect(fake.log.openedExternally).toEqual(['https://example.com/via-ipc']);
  });

  it('opens an http(s) link in the system browser once the user confirms', async () => {
    fake.log.messageBox.answer = 1;
    expect(await open('https://reports.example.net/2024/fees')).toEqual({ opened: true });
    expect(await open('HTTP://Example.COM/Path?q=1#top')).toEqual({ opened: true });
    // A look-alike host (a Cyrillic а) is shown, and opened, as the ASCII it really is.
    expect(await open('https://ex\u0430mple.com/')).toEqual({ opened: true });
    expect(fake.log.openedExternally).toEqual([
      'https://reports.example.net/2024/fees',
      'http://example.com/Path?q=1#top',
      'https://xn--exmple-4nf.com/',
    ]);
    expect(fake.log.messageBox.asked.map((a) => a.options.message)).toEqual([
      'Open reports.example.net in your web browser?',
      'Open example.com in your web browser?',
      'Open xn--exmple-4nf.com in your web browser?',
    ]);
  });
});

// Last: these close the notebook, and each relies on the one before.
describe('quitting', () => {
  /** The store file at the moment the app really quits, i.e. what survives the process. */
  let storeAtQuit = '';
  /** IPC calls the still-open window made while the notebook was being closed. */
  const lateCalls: { id: string | null; code?: string }[] = [];

  it('flushes a pending change before letting the app quit', async () => {
    const documentId = await seedDocumentId();
    await settle();
    const created = await value('createAnnotation', {
      documentId,
      start: 40,
      end: 50,
      color: 'purple',
      comment: 'written on quit',
    });
    // In the journal only: the snapshot gets it when the notebook is folded at quit.
    expect(await readFile(storePath(), 'utf8')).not.toContain(created.id);
    fake.hooks.onQuit = () => {
      storeAtQuit = readFileSync(storePath(), 'utf8');
    };
    fake.log.beforeQuit.length = 0;
    fake.log.quitCompleted = 0;

    fake.app.quit(); // File > Quit, or Cmd+Q: the window is still open
    expect(fake.log.beforeQuit).toEqual([{ prevented: true }]);
    expect(fake.log.quitCompleted).toBe(0);

    // Meanwhile the page may still save, e.g. the comment editor saving on blur.
    // Until the shutdown (window close, final fsync'd write, backup) has quit the app.
    const deadline = Date.now() + 10_000;
    for (let n = 0; fake.log.quitCompleted === 0 && Date.now() < deadline; n++) {
      await new Promise((r) => setImmediate(r));
      const late = await invoke('createAnnotation', {
        documentId,
        start: 60,
        end: 70,
        color: 'blue',
        comment: `late ${n}`,
      });
      lateCalls.push(late.ok ? { id: late.value.id } : { id: null, code: late.error.code });
    }
    expect(lateCalls.length).toBeGreaterThan(0);

    expect(fake.log.quitCompleted).toBe(1);
    expect(fake.log.beforeQuit).toEqual([{ prevented: true }, { prevented: false }]);
    const stored = JSON.parse(storeAtQuit) as StoreData;
    expect(stored.annotations.find((a) => a.id === created.id)?.comment).toBe('written on quit');
    // The store lock is released once the notebook is closed.
    expect(existsSync(join(dataDir, 'notebook.lock'))).toBe(false);
    // Once closed, the core refuses changes instead of dropping them silently.
    expect(
      await invoke('createTag', { name: 'after quit' }).then((r) => !r.ok && r.error.code),
    ).toBe('internal');
    await settle(); // let any stray coalesced write land before the folder is removed
  });

  // A change the window sends while before-quit is flushing is either in the final write or
  // refused; never acknowledged and then lost with the exiting process.
  it('writes every change it acknowledged while quitting before the app quits', () => {
    const onDisk = new Set((JSON.parse(storeAtQuit) as StoreData).annotations.map((a) => a.id));
    const acknowledged = lateCalls.flatMap((call) => (call.id ? [call.id] : []));
    expect(acknowledged.filter((id) => !onDisk.has(id))).toEqual([]);
  });

  it.skipIf(process.platform === 'darwin')(
    'closes the window while quitting, forgets it, and quits only once',
    () => {
      const window = mainWindow();
      const focused = window.focused;
      window.emit('closed');
      fake.app.emit('second-instance', fake.cancellable(), [], process.cwd(), { dataDir });
      expect(window.focused).toBe(focused);

      // The shutdown closed the window and quit once; a late window-all-closed quits nothing again.
      expect(window.destroyed).toBe(true);
      fake.app.emit('window-all-closed');
      expect(fake.log.quitCompleted).toBe(1);
    },
  );
});
