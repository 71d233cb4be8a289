import { type BrowserWindow, dialog, type MessageBoxOptions, shell } from 'electron';
import { externalLinkTarget } from './external-url.ts';

/**
 * Open a web link from a document or a note in the system browser, the one way anything leaves
 * the app: only http(s) (see externalLinkTarget), and only after the user has seen the address and
 * said yes. Cancel is the default button, so a stray Enter opens nothing.
 *
 * Reached through the contract method `openExternalLink({ url })`, whose handler in the core calls
 * the host's `openExternalLink(url)` (createElectronHost wires it here). Like every contract
 * method it is reached only through ipc.ts, which refuses callers other than the app's own top
 * frame, and its input is checked by the contract's schema first; the checks here do not rely on
 * either.
 */
export async function openExternalLink(
  raw: unknown,
  parent: BrowserWindow | null,
): Promise<{ opened: boolean }> {
  const url = externalLinkTarget(raw);
  if (!url) return { opened: false };
  const options: MessageBoxOptions = {
    type: 'question',
    buttons: ['Cancel', 'Open in Browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Open Link',
    message: `Open ${url.host} in your web browser?`,
    detail: `${url.href}\n\nThe page opens outside Marginalia, on the web.`,
  };
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options);
  if (response !== 1) return { opened: false };
  await shell.openExternal(url.href);
  return { opened: true };
}
