/**
 * Where the page reads a PDF's bytes by URL, on its own origin: `/notebook-files/pdf/<id>` for
 * the PDF of document `<id>` (answered by the core's `createPdfFileRoute`; in the app through
 * the app:// protocol, in the browser harnesses by their server). The page fetches it whole, as
 * binary (see `fetchPdfBytes`), so the bytes never cross as base64 inside JSON.
 */
export const PDF_FILE_ROUTE = '/notebook-files/pdf/';

/** The URL of a document's PDF, on the page's own origin. */
export const pdfFileUrl = (documentId: string, base: string) =>
  new URL(`${PDF_FILE_ROUTE}${encodeURIComponent(documentId)}`, base).href;
