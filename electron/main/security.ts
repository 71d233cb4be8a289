import { app, type Session, type WebContents } from 'electron';

/**
 * Electron security checklist, applied to every web contents and session the app creates:
 * no navigation away from the app (main frame or any subframe, by link, script or redirect), no
 * new windows, no webviews, no permission or device ever granted. Nothing the page does can open
 * another window or reach the system browser; a web link in a document or note leaves only through
 * openExternalLink (external-link.ts), which asks the user first.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // USB, HID, serial and Bluetooth devices: none is ever granted, not even one chosen before.
  session.setDevicePermissionHandler(() => false);
}

export function hardenAllWebContents(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    // Subframes too (the CSP already allows none, and frame-ancestors 'none' keeps ours out).
    contents.on('will-frame-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // Whatever session a web contents ends up in gets the same refusals as the default one.
    hardenSession(contents.session);
  });
}
