import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist');
let loaded: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded on first use (the library is large and text documents never need it), with
 * its worker started by us as a module Worker from the app's own origin and handed over as
 * `workerPort`. Given only a `workerSrc`, pdf.js may wrap the script in a `blob:` URL, which the
 * app's Content-Security-Policy (`script-src 'self'`) rightly refuses.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist').then((pdfjs) => {
    if (!pdfjs.GlobalWorkerOptions.workerPort) {
      pdfjs.GlobalWorkerOptions.workerPort = new Worker(
        new URL('pdfjs-dist/build/pdf.worker.mjs', import.meta.url),
        { type: 'module', name: 'pdf.js' },
      );
    }
    return pdfjs;
  });
  return loaded;
}

/** Where the build puts pdf.js's CMaps, standard fonts and wasm decoders (see electron.config.ts). */
const assetUrl = (folder: string) => new URL(`pdfjs/${folder}/`, document.baseURI).href;

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Open a PDF for viewing. Its scripts, forms and actions never run: scripting is a viewer
 * component this app does not load, and annotations are not drawn as live form fields.
 */
export async function openPdf(base64: string): Promise<{
  task: PDFDocumentLoadingTask;
  document: PDFDocumentProxy;
}> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: bytesOf(base64),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetUrl('standard_fonts'),
    wasmUrl: assetUrl('wasm'),
    enableXfa: false,
    verbosity: 0,
  });
  return { task, document: await task.promise };
}
