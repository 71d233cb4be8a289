import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportResult } from '../../../shared/export/result.ts';
import type { AnyExportFormat, ExportOptions, ExportScope } from '../../../shared/export/types.ts';
import type { AppServices } from '../app-services.ts';
import { call } from '../notebook-client.ts';

export type ExportPhase =
  | { phase: 'form' }
  | { phase: 'running'; jobId: string; done: number; total: number; cancelling: boolean }
  | { phase: 'done'; result: Extract<ExportResult, { status: 'saved' }> };

/** Where the dialog was opened from decides what it offers first. */
export interface ExportRequest {
  scope: ExportScope;
  format?: AnyExportFormat;
}

export interface Exporter {
  /** The open dialog's starting point, or null when closed. */
  request: ExportRequest | null;
  state: ExportPhase;
  open(request: ExportRequest): void;
  close(): void;
  run(format: AnyExportFormat, scope: ExportScope, options: ExportOptions): Promise<void>;
  cancel(): void;
  showInFolder(path: string): void;
}

/**
 * The export dialog's life: a form, then a running job with progress and Cancel (the core asks
 * for the file name in the native Save dialog, or for a folder), then where the file went.
 */
export function useExport({ onError }: Pick<AppServices, 'onError'>): Exporter {
  const [request, setRequest] = useState<ExportRequest | null>(null);
  const [state, setState] = useState<ExportPhase>({ phase: 'form' });
  const running = useRef<string | null>(null);

  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type !== 'export-progress' || event.jobId !== running.current) return;
        setState((s) =>
          s.phase === 'running' && s.jobId === event.jobId
            ? { ...s, done: event.done, total: event.total }
            : s,
        );
      }),
    [],
  );

  const open = useCallback((next: ExportRequest) => {
    if (running.current) return; // one export at a time; its dialog is already up
    setState({ phase: 'form' });
    setRequest(next);
  }, []);

  const close = useCallback(() => {
    if (running.current) {
      void call('cancelExport', { jobId: running.current });
      return;
    }
    setRequest(null);
    setState({ phase: 'form' });
  }, []);

  const run = useCallback(
    async (format: AnyExportFormat, scope: ExportScope, options: ExportOptions) => {
      const jobId = crypto.randomUUID();
      running.current = jobId;
      setState({ phase: 'running', jobId, done: 0, total: 0, cancelling: false });
      try {
        const result = await call('exportNotebook', { jobId, format, scope, options });
        setState(result.status === 'saved' ? { phase: 'done', result } : { phase: 'form' });
      } catch (error) {
        setState({ phase: 'form' });
        onError(error);
      } finally {
        running.current = null;
      }
    },
    [onError],
  );

  const cancel = useCallback(() => {
    const jobId = running.current;
    if (!jobId) return;
    setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
    void call('cancelExport', { jobId }).catch(onError);
  }, [onError]);

  const showInFolder = useCallback(
    (path: string) => void call('showExportedFile', { path }).catch(onError),
    [onError],
  );

  return { request, state, open, close, run, cancel, showInFolder };
}
