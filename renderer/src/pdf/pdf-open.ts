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
export async function openDocumentPdf(
  documentId: string,
  onBytes?: () => void,
): Promise<OpenedPdf> {
  try {
    return await openPdf({ url: pdfFileUrl(documentId, document.baseURI) }, onBytes);
  } catch (error) {
    if (!(error instanceof PdfUrlUnavailable)) throw error;
    const { data } = await call('readPdf', { id: documentId });
    return openPdf({ data }, onBytes);
  }
}

/** A PDF opened ahead of its reader, until the reader takes it or it is given up. */
let ahead: {
  id: string;
  opening: Promise<OpenedPdf>;
  bytes: Promise<void>;
  timer: number;
} | null = null;
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
 * The PDF whose reader closed last, still open for a while: going back to it (from a note, a
 * search hit, the other paper being compared) draws its page at once instead of fetching and
 * parsing the file again, which was most of reopening a 500-page book (0.4-0.5 s of 0.6). One
 * only, so a library of PDFs read one after another holds one more at most.
 */
let kept: { id: string; opened: OpenedPdf; timer: number } | null = null;
/** How long a PDF stays open after its reader closed. */
export const KEEP_MS = 5 * 60_000;

function dropKept(): void {
  if (!kept) return;
  window.clearTimeout(kept.timer);
  void kept.opened.task.destroy();
  kept = null;
}

/** The reader is done with this PDF: keep it open a while (closing the one kept before). */
export function closeOpened(documentId: string, opened: OpenedPdf): void {
  if (kept?.opened === opened) return;
  dropKept();
  kept = { id: documentId, opened, timer: window.setTimeout(dropKept, KEEP_MS) };
}

/** The kept PDF of this document, now the caller's; null if it is not the one kept. */
function takeKept(documentId: string): Promise<OpenedPdf> | null {
  if (kept?.id !== documentId) return null;
  const { opened, timer } = kept;
  kept = null;
  window.clearTimeout(timer);
  return Promise.resolve(opened);
}

/**
 * Start opening a PDF as soon as it is chosen: pdf.js's parse in its worker then overlaps the
 * core's answer with the text and the reader's first render instead of following them. One at a
 * time; the reader takes it with `takeOpenedAhead`. Resolves once the file's bytes are in hand
 * (or the opening failed, or the PDF was still open), so that the caller can let them go before
 * the text: the core answers one request at a time, and the page reads a response only between
 * its own tasks, so bytes asked for beside a 1.4 MB text and its render came 80-170 ms after it.
 */
export function openAhead(documentId: string): Promise<void> {
  if (ahead?.id === documentId) return ahead.bytes;
  giveUp();
  let bytesIn = () => {};
  const bytes = new Promise<void>((resolve) => {
    bytesIn = resolve;
  });
  const kept = takeKept(documentId);
  const opening = kept ?? openDocumentPdf(documentId, bytesIn);
  // The reader that takes it reports a failure; the text is not held back by one.
  opening.then(bytesIn, bytesIn);
  ahead = { id: documentId, opening, bytes, timer: window.setTimeout(giveUp, AHEAD_MS) };
  return bytes;
}

/**
 * The PDF opened ahead for this document (or kept since its reader closed), now the caller's to
 * close; null if none.
 */
export function takeOpenedAhead(documentId: string): Promise<OpenedPdf> | null {
  if (ahead?.id !== documentId) return takeKept(documentId);
  const { opening, timer } = ahead;
  ahead = null;
  window.clearTimeout(timer);
  return opening;
}
