import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  describeUpdate,
  documentToOpen,
  type ImportReport,
  needsReportDialog,
  summarizeImport,
} from '../../../shared/import.ts';
import type { AppServices } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { readFilesForImport } from './read-files.ts';

export interface ImportJob {
  jobId: string;
  done: number;
  total: number;
  current: string;
  cancelling: boolean;
}

type Services = Pick<AppServices, 'notify' | 'onError' | 'offerUndo'>;

/** Put back what an import changed: its new documents go, updated ones get their old text. */
async function undoImport(report: ImportReport): Promise<void> {
  for (const item of report.items) {
    if (item.status === 'imported') await call('deleteDocument', { id: item.documentId });
    if (item.status === 'updated') await call('restoreDocumentVersion', item.undo);
  }
}

/**
 * Every way in (dialog, clipboard, pasted text, dropped files, replacing a document's text) runs
 * as one job: progress from the core's events, Cancel, then a notice with Undo, or the report
 * when there is more to say than one line.
 */
export function useImport(services: Services, openDocument: (id: string) => void) {
  const { notify, onError, offerUndo } = services;
  const [job, setJob] = useState<ImportJob | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const running = useRef<string | null>(null);

  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type !== 'import-progress') return;
        setJob((j) =>
          j && j.jobId === event.jobId
            ? { ...j, done: event.done, total: event.total, current: event.current }
            : j,
        );
      }),
    [],
  );

  const finish = useCallback(
    (result: ImportReport) => {
      // The dialog was cancelled: nothing to say.
      if (result.items.length === 0) return;
      const open = documentToOpen(result);
      if (open) openDocument(open);
      const changedSomething = result.items.some(
        (i) => i.status === 'imported' || i.status === 'updated',
      );
      if (needsReportDialog(result)) setReport(result);
      const [only] = result.items;
      const single = result.items.length === 1 ? only : undefined;
      if (single?.status === 'duplicate') {
        notify({
          tone: 'info',
          message: `“${single.title}” is already in your library; it is open now.`,
        });
        return;
      }
      if (single?.status === 'failed') return; // The report dialog says why.
      if (!changedSomething) {
        if (!needsReportDialog(result)) notify({ tone: 'info', message: summarizeImport(result) });
        return;
      }
      const message =
        single?.status === 'updated'
          ? describeUpdate(single)
          : single?.status === 'imported'
            ? `Imported “${single.title}”.`
            : summarizeImport(result);
      offerUndo(message, 'import', () => undoImport(result));
    },
    [notify, offerUndo, openDocument],
  );

  const start = useCallback(
    async (run: (jobId: string) => Promise<ImportReport>) => {
      if (running.current) {
        notify({
          tone: 'info',
          message: 'An import is already running; wait for it or cancel it.',
        });
        return;
      }
      const jobId = crypto.randomUUID();
      running.current = jobId;
      setJob({ jobId, done: 0, total: 0, current: '', cancelling: false });
      try {
        finish(await run(jobId));
      } catch (error) {
        onError(error);
      } finally {
        running.current = null;
        setJob(null);
      }
    },
    [finish, notify, onError],
  );

  const closeReport = useCallback(() => setReport(null), []);
  const cancel = useCallback(() => {
    const jobId = running.current;
    if (!jobId) return;
    setJob((j) => (j ? { ...j, cancelling: true } : j));
    void call('cancelImport', { jobId }).catch(onError);
  }, [onError]);
  const fromDialog = useCallback(
    () => start((jobId) => call('importFromDialog', { jobId })),
    [start],
  );
  const fromClipboard = useCallback(
    () => start((jobId) => call('importFromClipboard', { jobId })),
    [start],
  );
  const fromPaste = useCallback(
    (content: { text: string; html: string }) =>
      void start((jobId) => call('importText', { jobId, ...content })),
    [start],
  );
  const fromFiles = useCallback(
    (files: readonly File[], replaceDocumentId?: string) =>
      start(async (jobId) =>
        call('importFiles', {
          jobId,
          files: await readFilesForImport(files),
          ...(replaceDocumentId ? { replaceDocumentId } : {}),
        }),
      ),
    [start],
  );
  const replaceText = useCallback(
    (documentId: string) =>
      start((jobId) => call('importFromDialog', { jobId, replaceDocumentId: documentId })),
    [start],
  );

  return useMemo(
    () => ({
      job,
      report,
      closeReport,
      cancel,
      fromDialog,
      fromClipboard,
      fromPaste,
      fromFiles,
      replaceText,
    }),
    [
      job,
      report,
      closeReport,
      cancel,
      fromDialog,
      fromClipboard,
      fromPaste,
      fromFiles,
      replaceText,
    ],
  );
}

export type Importer = ReturnType<typeof useImport>;
