import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MethodResult } from '../../../shared/contract.ts';
import {
  describeUpdate,
  documentToOpen,
  type ImportItem,
  type ImportReport,
  needsReportDialog,
  summarizeImport,
} from '../../../shared/import.ts';
import type { AppServices } from '../app-services.ts';
import { call, NotebookCallError } from '../notebook-client.ts';
import { readFilesForImport } from './read-files.ts';

export interface ImportJob {
  jobId: string;
  done: number;
  total: number;
  current: string;
  cancelling: boolean;
}

type Services = Pick<AppServices, 'notify' | 'onError' | 'offerUndo'>;
type Removed = MethodResult<'deleteDocument'>;

const gone = (error: unknown) => error instanceof NotebookCallError && error.code === 'not-found';

/**
 * Put back what an import changed, newest first (a batch may have added a document and then
 * updated it): updated documents get their previous text, new ones are removed. What was deleted
 * meanwhile is skipped. Returns the removed documents, with their highlights, so that removing
 * them can itself be undone: work done on them since the import is never lost to an undo.
 */
async function undoImport(report: ImportReport): Promise<Removed[]> {
  const removed: Removed[] = [];
  for (const item of [...report.items].reverse()) {
    try {
      if (item.status === 'imported')
        removed.push(await call('deleteDocument', { id: item.documentId }));
      if (item.status === 'updated') await call('restoreDocumentVersion', item.undo);
    } catch (error) {
      if (!gone(error)) throw error;
    }
  }
  return removed;
}

interface Context {
  jobId: string;
  /** The job in the core that a Cancel should stop now. */
  setCoreJob(id: string): void;
  /** For jobs the page drives itself (dropped files, one core job per file). */
  progress(done: number, total: number, current: string): void;
  cancelRequested(): boolean;
}

/**
 * Every way in (dialog, clipboard, pasted text, dropped files, replacing a document's text) runs
 * as one job: progress, Cancel, then a notice with Undo, or the report when there is more to say
 * than one line.
 */
export function useImport(services: Services, openDocument: (id: string) => void) {
  const { notify, onError, offerUndo } = services;
  const [job, setJob] = useState<ImportJob | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const running = useRef<{ jobId: string; coreJob: string; cancelled: boolean } | null>(null);

  // Progress of a job the core drives (dialog, clipboard, paste).
  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type !== 'import-progress' || running.current?.coreJob !== event.jobId) return;
        if (running.current.coreJob !== running.current.jobId) return; // page-driven job
        setJob((j) =>
          j ? { ...j, done: event.done, total: event.total, current: event.current } : j,
        );
      }),
    [],
  );

  const offerUndoOf = useCallback(
    (message: string, result: ImportReport) =>
      offerUndo(message, 'import', async () => {
        const removed = await undoImport(result);
        if (removed.length === 0) return;
        offerUndo(
          removed.length === 1
            ? `“${removed[0]!.document.title}” was removed again.`
            : `${removed.length} imported documents were removed again.`,
          'remove imported documents',
          async () => {
            for (const r of [...removed].reverse()) await call('restoreDocument', r);
          },
        );
      }),
    [offerUndo],
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
      const single = result.items.length === 1 ? result.items[0] : undefined;
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
      offerUndoOf(message, result);
    },
    [notify, offerUndoOf, openDocument],
  );

  const start = useCallback(
    async (run: (context: Context) => Promise<ImportReport>) => {
      if (running.current) {
        notify({
          tone: 'info',
          message: 'An import is already running; wait for it or cancel it.',
        });
        return;
      }
      const jobId: string = crypto.randomUUID();
      const state = { jobId, coreJob: jobId, cancelled: false };
      running.current = state;
      setJob({ jobId, done: 0, total: 0, current: '', cancelling: false });
      try {
        finish(
          await run({
            jobId,
            setCoreJob: (id) => {
              state.coreJob = id;
            },
            progress: (done, total, current) =>
              setJob((j) => (j ? { ...j, done, total, current } : j)),
            cancelRequested: () => state.cancelled,
          }),
        );
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
    const state = running.current;
    if (!state || state.cancelled) return;
    state.cancelled = true;
    setJob((j) => (j ? { ...j, cancelling: true } : j));
    void call('cancelImport', { jobId: state.coreJob }).catch(onError);
  }, [onError]);
  const fromDialog = useCallback(
    () => start(({ jobId }) => call('importFromDialog', { jobId })),
    [start],
  );
  const fromClipboard = useCallback(
    () => start(({ jobId }) => call('importFromClipboard', { jobId })),
    [start],
  );
  const fromPaste = useCallback(
    (content: { text: string; html: string }) =>
      void start(({ jobId }) => call('importText', { jobId, ...content })),
    [start],
  );
  /**
   * Dropped files go one by one, each its own core job: the page reads a file only when its turn
   * comes, no message carries more than one file, and Cancel stops the file in hand.
   */
  const fromFiles = useCallback(
    (files: readonly File[], replaceDocumentId?: string) =>
      start(async ({ jobId, setCoreJob, progress, cancelRequested }) => {
        const items: ImportItem[] = [];
        for (const [index, file] of files.entries()) {
          if (cancelRequested()) {
            items.push({ name: file.name, status: 'skipped' });
            continue;
          }
          progress(index, files.length, file.name);
          const coreJob = `${jobId}:${index}`;
          setCoreJob(coreJob);
          const wire = await readFilesForImport([file]);
          const part = await call('importFiles', {
            jobId: coreJob,
            files: wire,
            ...(replaceDocumentId ? { replaceDocumentId } : {}),
          });
          items.push(...part.items);
        }
        return { jobId, cancelled: cancelRequested(), items };
      }),
    [start],
  );
  const replaceText = useCallback(
    (documentId: string) =>
      start(({ jobId }) => call('importFromDialog', { jobId, replaceDocumentId: documentId })),
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
