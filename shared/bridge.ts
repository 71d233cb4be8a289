import type { NotebookApi, NotebookEvent } from './contract.ts';

/**
 * Build the `window.notebook` object from the contract's method names and a transport. The
 * preload passes Electron IPC; the end-to-end harness serialises this same function into a page
 * and passes Playwright bindings. It must stay self-contained (no imports at run time) for that.
 */
export function buildNotebookApi(
  methodNames: readonly string[],
  invoke: (method: string, input: unknown) => Promise<unknown>,
  subscribe: (listener: (event: NotebookEvent) => void) => () => void,
): NotebookApi {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    api[name] = (input: unknown) => invoke(name, input === undefined ? {} : input);
  }
  api.onEvent = (listener: (event: NotebookEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    return subscribe(listener);
  };
  return Object.freeze(api) as NotebookApi;
}
