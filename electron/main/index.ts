import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { PDF_FILE_ROUTE } from '../../shared/pdf/file-route.ts';
import { profileDir, resolveDataDir } from '../notebook/data-dir.ts';
import { type Notebook, openNotebook } from '../notebook/notebook.ts';
import { filesInArguments } from '../notebook/opened-files.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { APP_ORIGIN } from './app-protocol-path.ts';
import { devServerUrl as findDevServerUrl } from './dev-server.ts';
import { createElectronHost } from './host.ts';
import { forwardEvents, registerNotebookIpc, sendCommand } from './ipc.ts';
import { installMenu } from './menu.ts';
import { createOpenedFilesQueue } from './opened-files-queue.ts';
import { hardenAllWebContents, hardenSession } from './security.ts';
import { followThemePreference } from './theme.ts';
import { createMainWindow } from './window.ts';

// electron-vite sets this in `dev`; production loads the built renderer over app://.
const devServerUrl = findDevServerUrl(app.isPackaged, process.env);
const allowedOrigins = [APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])];
// The app's pages, never its PDFs' bytes (those are for pdf.js's fetch, not to be navigated to).
const isAppUrl = (url: string) => {
  if (!allowedOrigins.some((origin) => url.startsWith(`${origin}/`))) return false;
  try {
    return !new URL(url).pathname.startsWith(PDF_FILE_ROUTE);
  } catch {
    return false;
  }
};

// Chromium's profile (and with it the single-instance lock) can be put elsewhere: the Electron
// tests give each launch its own, and two copies of the app can run side by side. Before
// anything reads the path.
const userDataDir = profileDir(process.env);
if (userDataDir) app.setPath('userData', userDataDir);

const dataDir = resolveDataDir(
  process.argv,
  process.env,
  join(app.getPath('userData'), 'notebook'),
);

let notebook: Notebook | null = null;
let mainWindow: BrowserWindow | null = null;
// Files the system hands the app (a double click, Open With, a second launch): each goes to the
// page as the menu's command for its kind, and the Open dialog that command shows is answered
// with the file instead.
const opened = createOpenedFilesQueue((command) => {
  if (!mainWindow) openWindow();
  sendCommand(mainWindow?.webContents, command);
});
// macOS hands files over with an event, at launch too (before the app is ready).
app.on('open-file', (event, path) => {
  event.preventDefault();
  opened.add([path]);
});

registerAppScheme();
// Every renderer sandboxed, whatever a window's preferences say.
app.enableSandbox();
hardenAllWebContents(isAppUrl);

if (!app.requestSingleInstanceLock({ dataDir })) {
  // Another window already owns the store: it is focused (below) and this process leaves.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd, additionalData) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    const wanted = (additionalData as { dataDir?: string } | undefined)?.dataDir;
    if (wanted && wanted !== dataDir) {
      void dialog.showMessageBox(mainWindow, {
        type: 'info',
        message: 'Marginalia is already running',
        detail: `This window has the notebook in ${dataDir} open. Quit Marginalia first to open ${wanted}.`,
      });
      return;
    }
    // A second launch with files ("Open with Marginalia"): they go into this window's notebook.
    opened.add(filesInArguments(argv, cwd));
  });
  app.whenReady().then(start, (error) => fatal(error));
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  if (devServerUrl) {
    // The dev server needs its inline refresh preamble; keep everything else as strict.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const csp = CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'",
        "script-src 'self' 'unsafe-inline'",
      )
        .replace("connect-src 'self'", `connect-src 'self' ${devServerUrl.replace(/^http/, 'ws')}`)
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
      });
    });
  } else {
    // The built page, out/renderer beside out/main (inside app.asar once packaged).
    serveRenderer(join(app.getAppPath(), 'out', 'renderer'), () => notebook?.pdfFiles ?? null);
  }
  try {
    notebook = await openNotebook({
      dataDir,
      resourcesDir: resourcesDir(),
      host: createElectronHost(() => mainWindow, opened.take),
      parseWorker: workerPath('parse-worker.js'),
      store: { compactionWorker: workerPath('compact-worker.js') },
    });
  } catch (error) {
    return fatal(error);
  }
  registerNotebookIpc(notebook, allowedOrigins);
  followThemePreference(notebook);
  installMenu(Boolean(devServerUrl), (command) => {
    if (!mainWindow) openWindow();
    sendCommand(mainWindow?.webContents, command);
  });
  openWindow();
  // Files given at launch, once the page is there to take the command.
  mainWindow?.webContents.once('did-finish-load', () => {
    opened.ready();
    opened.add(filesInArguments(process.argv, process.cwd()));
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

function openWindow(): void {
  if (!notebook) return;
  mainWindow = createMainWindow(devServerUrl);
  const stop = forwardEvents(notebook, mainWindow.webContents);
  mainWindow.on('closed', () => {
    stop();
    mainWindow = null;
  });
}

/**
 * The workers (the import parser, the store's compaction) are built beside this file (see
 * electron.config.ts), so big pages parse and the notebook compacts off the main thread. When
 * the glue runs from source (its unit test) there are none: the work runs inline.
 */
function workerPath(name: string): string | null {
  const path = join(__dirname, name);
  return existsSync(path) ? path : null;
}

function resourcesDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources');
}

function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Marginalia could not open the notebook', message);
  app.exit(1);
}

// Quitting: close the windows first so each page saves what is being typed, then close the
// notebook (final write, backup, unlock). A failed save asks before anything is thrown away.
type Phase = 'running' | 'shutting-down' | 'done';
let phase: Phase = 'running';

app.on('window-all-closed', () => {
  if (phase === 'running' && process.platform !== 'darwin') app.quit();
});

app.on('before-quit', (event) => {
  if (phase === 'done' || !notebook) return;
  event.preventDefault();
  if (phase === 'running') {
    phase = 'shutting-down';
    void shutDown(notebook);
  }
});

async function shutDown(open: Notebook): Promise<void> {
  await closeWindows();
  for (;;) {
    try {
      await open.close();
      break;
    } catch (error) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        message: 'Marginalia could not save your latest changes',
        detail: `${error instanceof Error ? error.message : String(error)}\n\nFree some disk space or check the folder's permissions, then try again. Quitting anyway loses those changes.`,
        buttons: ['Try Again', 'Quit Anyway'],
        defaultId: 0,
        cancelId: 0,
      });
      if (response === 1) {
        await open.close({ force: true });
        break;
      }
    }
  }
  phase = 'done';
  app.quit();
}

/** Close every window and wait (briefly) until each page has gone. */
function closeWindows(): Promise<void> {
  const open = BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed());
  return Promise.all(
    open.map(
      (w) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 3000);
          w.once('closed', () => {
            clearTimeout(timer);
            resolve();
          });
          w.close();
        }),
    ),
  ).then(() => undefined);
}
