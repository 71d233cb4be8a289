import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { pdfFileUrl } from '../../../shared/pdf/file-route.ts';
import { call } from '../notebook-client.ts';
import { openPdf, PdfUrlUnavailable } from './pdf-engine.ts';

export interface OpenedPdf {
  task: PDFDocumentLoadingTask;
  document: PDFDocumentProxy;
}

/**
 * A document's PDF opened in pdf.js: its bytes fetched as binary from the page's own origin
 * (`PDF_FILE_ROUTE`); where that route is not served (the dev server) or does not serve this
 * file (a damaged copy), from `readPdf`, which names the problem.
 */
export async function openDocumentPdf(documentId: string): Promise<OpenedPdf> {
  try {
    return await openPdf({ url: pdfFileUrl(documentId, document.baseURI) });
  } catch (error) {
    if (!(error instanceof PdfUrlUnavailable)) throw error;
    const { data } = await call('readPdf', { id: documentId });
    return openPdf({ data });
  }
}

/** A PDF opened ahead of its reader, until the reader takes it or it is given up. */
let ahead: { id: string; opening: Promise<OpenedPdf>; timer: number } | null = null;
/** How long a PDF opened ahead waits for its reader before it is closed. */
const AHEAD_MS = 15_000;

function giveUp() {
  if (!ahead) return;
  const { opening, timer } = ahead;
  ahead = null;
  window.clearTimeout(timer);
  opening.then(
    (opened) => opened.task.destroy(),
    () => {},
  );
}

/**
 * Start opening a PDF as soon as it is chosen, while the core sends its text: the bytes and
 * pdf.js's parse then overlap `getDocument` and the reader's first render instead of following
 * them. One at a time; the reader takes it with `takeOpenedAhead`.
 */
export function openAhead(documentId: string): void {
  if (ahead?.id === documentId) return;
  giveUp();
  const opening = openDocumentPdf(documentId);
  opening.catch(() => {}); // the reader that takes it reports the failure
  ahead = { id: documentId, opening, timer: window.setTimeout(giveUp, AHEAD_MS) };
}

/** The PDF opened ahead for this document, now the caller's to close; null if none. */
export function takeOpenedAhead(documentId: string): Promise<OpenedPdf> | null {
  if (ahead?.id !== documentId) return null;
  const { opening, timer } = ahead;
  ahead = null;
  window.clearTimeout(timer);
  return opening;
}
