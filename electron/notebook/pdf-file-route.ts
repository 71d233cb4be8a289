import { open, stat } from 'node:fs/promises';
import type { NotebookDocument } from '../../shared/model.ts';
import { PDF_FILE_ROUTE } from '../../shared/pdf/file-route.ts';
import { NotebookError } from '../../shared/result.ts';
import { keptFilePath, readKeptPdf } from './stored-files.ts';

/** An answer to a request for a PDF's bytes, for whichever transport serves it. */
export interface FileAnswer {
  status: number;
  headers: Record<string, string>;
  /** Null for HEAD and for refusals without a body. */
  body: Uint8Array | null;
}

/** A document id as the route accepts it (the core's ids are `doc_<uuid>`). */
const ID_IN_PATH = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Every answer, refusals included: never sniffed into something else, never cached (a document
 * may be given another file), and inert if something ever navigated to it (a sandbox with no
 * sources): the bytes are for pdf.js's fetch only.
 */
const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const refuse = (status: number, reason: string, extra: Record<string, string> = {}) => ({
  status,
  headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  body: new TextEncoder().encode(reason),
});

/**
 * Parse a `Range` header against a file of `size` bytes: one range of bytes (`a-b`, `a-`,
 * `-n`) → its inclusive ends; `'unsatisfiable'` when it starts past the end; null when it is
 * absent or not one byte range (then the whole file is sent, which RFC 9110 allows).
 */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/**
 * The page's route to a PDF's bytes (`PDF_FILE_ROUTE` + document id): only the kept file of a
 * document the notebook has, found by looking the id up (nothing from the URL is ever part of
 * a path), checked against its hash before its first byte is served (once per file and
 * version: kept files never change), and one range of bytes per request for a client that asks
 * (the reader fetches the whole file: see `fetchPdfBytes`). Returns null for a path that is not
 * this route.
 */
export function createPdfFileRoute(documents: () => readonly NotebookDocument[], filesDir: string) {
  /** Files whose hash was checked, with the size and time they had then. */
  const checked = new Map<string, string>();

  async function checkedFile(hash: string): Promise<{ path: string; size: number }> {
    const path = keptFilePath(filesDir, hash, 'pdf');
    const version = async () => {
      const s = await stat(path);
      return { size: s.size, key: `${s.size}:${s.mtimeMs}` };
    };
    let now = await version().catch(() => null);
    if (!now || checked.get(hash) !== now.key) {
      // Names the problem (missing, damaged) as readPdf does.
      await readKeptPdf(filesDir, hash);
      now = await version();
      checked.set(hash, now.key);
    }
    return { path, size: now.size };
  }

  return async (
    pathname: string,
    request: { method: string; range: string | null },
  ): Promise<FileAnswer | null> => {
    if (!pathname.startsWith(PDF_FILE_ROUTE)) return null;
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(405, 'Only GET and HEAD.', { Allow: 'GET, HEAD' });
    const id = pathname.slice(PDF_FILE_ROUTE.length);
    const document = ID_IN_PATH.test(id) ? documents().find((d) => d.id === id) : undefined;
    if (!document?.pdf) return refuse(404, 'No such PDF.');
    let file: { path: string; size: number };
    try {
      file = await checkedFile(document.pdf.file);
    } catch (error) {
      const status = error instanceof NotebookError && error.code === 'conflict' ? 409 : 404;
      return refuse(status, error instanceof Error ? error.message : String(error));
    }
    const range = parseRange(request.range, file.size);
    if (range === 'unsatisfiable')
      return refuse(416, 'Range not satisfiable.', { 'Content-Range': `bytes */${file.size}` });
    const start = range?.start ?? 0;
    const end = range?.end ?? file.size - 1;
    const length = Math.max(0, end - start + 1);
    const headers: Record<string, string> = {
      ...BASE_HEADERS,
      'Content-Type': 'application/pdf',
      'Accept-Ranges': 'bytes',
      'Content-Length': String(length),
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${file.size}` } : {}),
    };
    const status = range ? 206 : 200;
    if (request.method === 'HEAD') return { status, headers, body: null };
    const body = new Uint8Array(length);
    const handle = await open(file.path, 'r');
    try {
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(body, read, length - read, start + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      if (read < length) return refuse(409, 'The PDF file changed while it was read.');
    } finally {
      await handle.close();
    }
    return { status, headers, body };
  };
}

export type PdfFileRoute = ReturnType<typeof createPdfFileRoute>;
