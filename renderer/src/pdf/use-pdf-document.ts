import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import { openDocumentPdf, takeOpenedAhead } from './pdf-open.ts';

export type PdfLoad =
  | { state: 'loading' }
  | { state: 'ready'; pdf: PDFDocumentProxy }
  | { state: 'failed'; message: string };

/**
 * A document's PDF opened in pdf.js (taken from `openAhead` when the choice of the document
 * started it); closed when the reader leaves it.
 */
export function usePdfDocument(documentId: string): PdfLoad {
  const [load, setLoad] = useState<PdfLoad>({ state: 'loading' });
  useEffect(() => {
    let task: PDFDocumentLoadingTask | null = null;
    let gone = false;
    setLoad({ state: 'loading' });
    (takeOpenedAhead(documentId) ?? openDocumentPdf(documentId))
      .then((opened) => {
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
