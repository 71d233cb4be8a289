import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import { closeOpened, type OpenedPdf, openDocumentPdf, takeOpenedAhead } from './pdf-open.ts';

export type PdfLoad =
  | { state: 'loading' }
  | { state: 'ready'; pdf: PDFDocumentProxy }
  | { state: 'failed'; message: string };

/**
 * A document's PDF opened in pdf.js (taken from `openAhead` when the choice of the document
 * started it, or kept since it was last read); handed back to be kept a while when the reader
 * leaves it (`closeOpened`).
 */
export function usePdfDocument(documentId: string): PdfLoad {
  const [load, setLoad] = useState<PdfLoad>({ state: 'loading' });
  useEffect(() => {
    let open: OpenedPdf | null = null;
    let gone = false;
    setLoad({ state: 'loading' });
    (takeOpenedAhead(documentId) ?? openDocumentPdf(documentId))
      .then((opened) => {
        open = opened;
        if (gone) return closeOpened(documentId, opened);
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
      if (open) closeOpened(documentId, open);
    };
  }, [documentId]);
  return load;
}
