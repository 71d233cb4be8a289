import { app, type Session, type WebContents } from 'electron';

/**
 * Electron security checklist, applied to every web contents and session the app creates:
 * no navigation away from the app, no new windows, no webviews, no permission ever granted.
 * Nothing the page does can open another window or reach the system browser; when documents
 * get clickable links, opening them will be an explicit, confirmed contract method.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function hardenAllWebContents(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
