import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { PDF_OPEN_MARKS } from '../../../shared/pdf/open-marks.ts';

type PdfJs = typeof import('pdfjs-dist');

let loaded: Promise<PdfJs> | null = null;
let worker: Worker | null = null;

/**
 * pdf.js's worker, started by us as a module Worker from the app's own origin (handed to pdf.js
 * as `workerPort`). Given only a `workerSrc`, pdf.js may wrap the script in a `blob:` URL, which
 * the app's Content-Security-Policy (`script-src 'self'`) rightly refuses. Started before the
 * library itself is imported: fetching and compiling its script (1.5 MB) is the longer of the two.
 */
function startWorker(): Worker {
  worker ??= new Worker(new URL('pdfjs-dist/build/pdf.worker.mjs', import.meta.url), {
    type: 'module',
    name: 'pdf.js',
  });
  return worker;
}

/** pdf.js, loaded on first use (the library is large and text documents never need it). */
export function loadPdfJs(): Promise<PdfJs> {
  if (loaded) return loaded;
  const port = startWorker();
  loaded = import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerPort ??= port;
    return pdfjs;
  });
  return loaded;
}

/** Set while the library lists a PDF, so that the next start can begin with pdf.js's worker. */
const LIBRARY_HAS_PDF_KEY = 'marginalia.libraryHasPdf';

/**
 * Load pdf.js and start its worker now, when the library holds a PDF, rather than at the first
 * click on one: importing the library and compiling and running the worker's script (a megabyte
 * and a half, 150-200 ms of a busy 2-core machine) was most of what the first PDF opened after a
 * start cost beyond a second one. Runs after the page's current work; a notebook without PDFs
 * never loads it (and a worker started early for one that had them is stopped).
 */
export function warmPdfJs(libraryHasPdf: boolean): void {
  try {
    if (libraryHasPdf) localStorage.setItem(LIBRARY_HAS_PDF_KEY, '1');
    else localStorage.removeItem(LIBRARY_HAS_PDF_KEY);
  } catch {
    // Storage refused (private mode, quota): only the next start's head start is lost.
  }
  if (!libraryHasPdf) {
    if (!loaded) {
      worker?.terminate();
      worker = null;
    }
    return;
  }
  if (loaded) return;
  setTimeout(() => void loadPdfJs().catch(() => {}), 0); // a failure shows when a PDF opens
}

/**
 * At start, before the window's first render: when the library held a PDF last time, start
 * pdf.js's worker at once, so that it is ready by the time the library is listed and a PDF
 * clicked, or the PDF read last is opened again. `warmPdfJs` confirms or stops it.
 */
export function startPdfWorkerEarly(): void {
  try {
    if (localStorage.getItem(LIBRARY_HAS_PDF_KEY) === '1') startWorker();
  } catch {
    // No storage or no workers here: pdf.js starts its worker when it is first needed.
  }
}

/** Where the build puts pdf.js's CMaps, standard fonts and wasm decoders (see electron.config.ts). */
const assetUrl = (folder: string) => new URL(`pdfjs/${folder}/`, document.baseURI).href;

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Where a PDF's bytes come from: fetched from a URL, or given whole. */
export type PdfSource = { url: string } | { data: Uint8Array | string };

/** The route did not serve the PDF (another server, the dev server): read it another way. */
export class PdfUrlUnavailable extends Error {}

/**
 * A PDF's bytes by URL, whole, as binary. Not in ranges: pdf.js checks a document's last page
 * before it opens it, and in a flat page tree (one /Pages node with every page, as pdf-lib and
 * many tools write) that walks every page object, which are spread through the file: read in
 * ranges, the 500-page book crossed in 21 chunks one after the other (measured: page 1 drawn
 * 1.3 s after the click, against 20 ms or so for the whole 2.6 MB from the app's own origin).
 */
export async function fetchPdfBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url).catch((error: unknown) => {
    throw new PdfUrlUnavailable(String(error));
  });
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status !== 200 || !type.startsWith('application/pdf'))
    throw new PdfUrlUnavailable(`${response.status} ${type}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Open a PDF for viewing. Its scripts, forms and actions never run: scripting is a viewer
 * component this app does not load, and annotations are not drawn as live form fields.
 */
export async function openPdf(
  source: PdfSource,
  /** Told when the bytes are in hand (pdf.js then parses them in its worker). */
  onBytes?: () => void,
): Promise<{
  task: PDFDocumentLoadingTask;
  document: PDFDocumentProxy;
}> {
  // pdf.js loads (when it is not yet) while the bytes are fetched.
  const loading = loadPdfJs();
  const data =
    'url' in source
      ? await fetchPdfBytes(source.url)
      : typeof source.data === 'string'
        ? bytesOf(source.data)
        : source.data;
  performance.mark(PDF_OPEN_MARKS.bytes);
  onBytes?.();
  const pdfjs = await loading;
  const task = pdfjs.getDocument({
    data,
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetUrl('standard_fonts'),
    wasmUrl: assetUrl('wasm'),
    enableXfa: false,
    verbosity: 0,
  });
  const document = await task.promise;
  performance.mark(PDF_OPEN_MARKS.opened);
  return { task, document };
}
