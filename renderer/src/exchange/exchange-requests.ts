/**
 * "Import from another tool" can be asked for from several places (the library's header and
 * empty state, the File menu, a shortcut); the one `ExchangeImport` mounted by the app answers.
 * A tiny event target keeps the views from threading a callback through the app for it.
 */
const requests = new EventTarget();

export function requestExchangeImport(): void {
  requests.dispatchEvent(new Event('open'));
}

export function onExchangeImportRequest(listener: () => void): () => void {
  requests.addEventListener('open', listener);
  return () => requests.removeEventListener('open', listener);
}
