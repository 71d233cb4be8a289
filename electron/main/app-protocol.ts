import fs from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { PDF_FILE_ROUTE } from '../../shared/pdf/file-route.ts';
import type { PdfFileRoute } from '../notebook/pdf-file-route.ts';
import { APP_HOST, APP_SCHEME, resolveAppFile } from './app-protocol-path.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serve the built renderer from app://marginalia/ rather than file://, with the CSP header; and
 * at `PDF_FILE_ROUTE`, the notebook's PDFs for pdf.js (`pdfFiles`, once the notebook is open).
 */
export function serveRenderer(rendererDir: string, pdfFiles: () => PdfFileRoute | null): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, pdfFiles));
}

/** Every answer, a refusal included, carries the CSP and is never sniffed into something else. */
function withSecurityHeaders(init: HeadersInit | undefined): Headers {
  const headers = new Headers(init);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return headers;
}

const notFound = () =>
  new Response('Not found', {
    status: 404,
    headers: withSecurityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }),
  });

/**
 * The app:// handler: a file inside `rendererDir` (checked by name in resolveAppFile, then by its
 * real path here, so a symbolic link cannot lead out of the folder), served with the CSP header.
 * `fs.promises` is looked up at each call, where Electron's ASAR support has patched it.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  pdfFiles: () => PdfFileRoute | null = () => null,
) {
  let realRoot: Promise<string> | null = null;
  return async (request: Request): Promise<Response> => {
    const pdf = await answerPdfFile(request, pdfFiles);
    if (pdf) return pdf;
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return notFound();
    realRoot ??= fs.promises.realpath(rendererDir);
    const [root, real] = await Promise.all([
      realRoot.catch(() => null),
      fs.promises.realpath(file).catch(() => null),
    ]);
    if (!root) realRoot = null; // try again next time (the folder may appear)
    if (!root || !real || !isInside(root, real)) return notFound();
    const response = await net.fetch(pathToFileURL(real).toString());
    return new Response(response.body, {
      status: response.status,
      headers: withSecurityHeaders(response.headers),
    });
  };
}

/**
 * A request for a PDF's bytes (app://marginalia + `PDF_FILE_ROUTE` + a document id), answered
 * by the notebook core, which checks the id, the file's hash and the range (pdf-file-route.ts);
 * null for any other request. The answer keeps the route's own, stricter CSP (a sandbox).
 */
async function answerPdfFile(
  request: Request,
  pdfFiles: () => PdfFileRoute | null,
): Promise<Response | null> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (!url.pathname.startsWith(PDF_FILE_ROUTE)) return null;
  const route = pdfFiles();
  const answer = route
    ? await route(url.pathname, { method: request.method, range: request.headers.get('range') })
    : null;
  if (!answer) return notFound();
  return new Response(answer.body as Uint8Array<ArrayBuffer> | null, {
    status: answer.status,
    headers: answer.headers,
  });
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
