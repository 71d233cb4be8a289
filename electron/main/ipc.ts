import { ipcMain, type WebContents } from 'electron';
import {
  type AppCommand,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_PREFIX,
  METHOD_NAMES,
  type NotebookEvent,
} from '../../shared/contract.ts';
import { fail } from '../../shared/result.ts';
import type { Notebook } from '../notebook/notebook.ts';
import { isTrustedSender } from './trusted-sender.ts';

/**
 * One ipcMain handler per contract method. Each checks that the call comes from the app's own
 * top frame, then hands the raw payload to the core's dispatcher, which parses it.
 */
export function registerNotebookIpc(notebook: Notebook, allowedOrigins: readonly string[]): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${method}`, (event, input: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(
        frame ? { url: frame.url, isTopFrame: frame.parent === null } : null,
        allowedOrigins,
      );
      if (!trusted) {
        console.warn(`[ipc] refused ${method} from ${frame?.url ?? 'an unknown frame'}`);
        return fail('forbidden', 'This call did not come from the Marginalia window.');
      }
      return notebook.dispatch(method, input);
    });
  }
}

/** Hand a menu command to the page, on the same event channel. */
export function sendCommand(contents: WebContents | undefined, command: AppCommand): void {
  if (contents && !contents.isDestroyed())
    contents.send(IPC_EVENT_CHANNEL, { type: 'command', command } satisfies NotebookEvent);
}

/** Forward the core's events to a window on the one event channel. */
export function forwardEvents(notebook: Notebook, contents: WebContents): () => void {
  return notebook.subscribe((event: NotebookEvent) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
}
