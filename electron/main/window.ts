import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from './app-protocol-path.ts';

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
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's spellchecker downloads dictionaries from Google: nothing may leave the machine.
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
