import { useCallback, useEffect, useState } from 'react';
import type { ExchangePreviewInfo } from '../../../shared/exchange/types.ts';
import { describeRestore } from '../../../shared/export/restore-summary.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { onExchangeImportRequest } from './exchange-requests.ts';

export interface ExchangeImportState {
  preview: ExchangePreviewInfo | null;
  busy: boolean;
  /** The document chosen for each web address of a Hypothesis file. */
  documentFor: Record<string, string>;
  choose(uri: string, documentId: string): Promise<void>;
  apply(): Promise<void>;
  close(): void;
}

/**
 * Importing another tool's file: the Open dialog, a preview of what it would add and what it
 * carries that Marginalia does not keep, then one merge with Undo. Opened by `requestExchangeImport`,
 * the File menu's command, or Ctrl/Cmd+Shift+O.
 */
export function useExchangeImport(): ExchangeImportState {
  const { onError, offerUndo, notify } = useApp();
  const [preview, setPreview] = useState<ExchangePreviewInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [documentFor, setDocumentFor] = useState<Record<string, string>>({});

  const open = useCallback(async () => {
    setBusy(true);
    try {
      const next = await call('previewExchangeImport', {});
      if (next) {
        setPreview(next);
        setDocumentFor(
          Object.fromEntries(
            next.addresses.flatMap((a) => (a.documentId ? [[a.uri, a.documentId]] : [])),
          ),
        );
      }
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }, [onError]);

  useEffect(() => onExchangeImportRequest(() => void open()), [open]);
  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type === 'command' && event.command === 'import-other') void open();
      }),
    [open],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== 'o') return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void open();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  const apply = useCallback(async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const done = await call('applyExchangeImport', { token: preview.token, documentFor });
      setPreview(null);
      offerUndo(
        `${preview.fileName} imported: ${describeRestore(done.preview)}.`,
        `import ${preview.fileName}`,
        async () => {
          await call('undoRestore', { undoToken: done.undoToken });
          notify({ tone: 'info', message: `The import of ${preview.fileName} was undone.` });
        },
      );
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }, [preview, documentFor, offerUndo, notify, onError]);

  // A page put on a document changes what the import adds: the preview is read again.
  const choose = useCallback(
    async (uri: string, documentId: string) => {
      if (!preview) return;
      const next = { ...documentFor };
      if (documentId) next[uri] = documentId;
      else delete next[uri];
      setDocumentFor(next);
      setBusy(true);
      try {
        const again = await call('previewExchangeImport', {
          token: preview.token,
          documentFor: next,
        });
        if (again) setPreview(again);
      } catch (error) {
        onError(error);
      } finally {
        setBusy(false);
      }
    },
    [preview, documentFor, onError],
  );
  const close = useCallback(() => setPreview(null), []);
  return { preview, busy, documentFor, choose, apply, close };
}
