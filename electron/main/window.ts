import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from './app-protocol-path.ts';

/**
 * The one window. Its page is the app's own code only (strict CSP, no remote origins), and even so
 * the renderer is locked down as Electron's security checklist asks: isolated, sandboxed, no Node,
 * web security untouched. The preferences stay written out here, literally, so that the security
 * scan (scripts/security/scan.mjs) reads them; tests/unit/main-process.test.ts checks each one.
 */
export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Marginalia',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#f7f6f3',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A dropped file is the page's to import, never a place to navigate to.
      navigateOnDragDrop: false,
      // Middle-click asks for a new window (refused anyway by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      // Chromium's spellchecker downloads dictionaries from Google: nothing may leave the machine.
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
