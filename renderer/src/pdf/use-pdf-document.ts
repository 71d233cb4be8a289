import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import { call } from '../notebook-client.ts';
import { openPdf } from './pdf-engine.ts';

export type PdfLoad =
  | { state: 'loading' }
  | { state: 'ready'; pdf: PDFDocumentProxy }
  | { state: 'failed'; message: string };

/** A PDF document's bytes from the notebook, opened in pdf.js; closed when the reader leaves it. */
export function usePdfDocument(documentId: string): PdfLoad {
  const [load, setLoad] = useState<PdfLoad>({ state: 'loading' });
  useEffect(() => {
    let task: PDFDocumentLoadingTask | null = null;
    let gone = false;
    setLoad({ state: 'loading' });
    call('readPdf', { id: documentId })
      .then(async ({ data }) => {
        const opened = await openPdf(data);
        task = opened.task;
        if (gone) return void opened.task.destroy();
        setLoad({ state: 'ready', pdf: opened.document });
      })
      .catch((error: unknown) => {
        if (!gone)
          setLoad({
            state: 'failed',
            message: error instanceof Error ? error.message : String(error),
          });
      });
    return () => {
      gone = true;
      void task?.destroy();
    };
  }, [documentId]);
  return load;
}
