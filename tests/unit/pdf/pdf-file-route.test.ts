import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Notebook, openNotebook } from '../../../electron/notebook/notebook.ts';
import { parseRange } from '../../../electron/notebook/pdf-file-route.ts';
import { filesDirIn, keptFilePath } from '../../../electron/notebook/stored-files.ts';
import { PDF_FILE_ROUTE, pdfFileUrl } from '../../../shared/pdf/file-route.ts';
import type { Result } from '../../../shared/result.ts';
import { RESOURCES_DIR, tempDirs } from '../temp-dir.ts';
import { makePdf } from './pdf-files.ts';

const tempDir = tempDirs();
const opened: Notebook[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((n) => n.close()));
});

/** A notebook with one PDF of a few pages (over 1 KB, so ranges have something to cut). */
async function notebookWithPdf() {
  const dataDir = await tempDir();
  const notebook = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR, seed: false });
  opened.push(notebook);
  const bytes = await makePdf(
    [1, 2, 3].map((n) => ({ columns: [[`Page ${n} says something worth reading twice.`]] })),
    { title: 'Three Pages' },
  );
  const result = (await notebook.dispatch('importFiles', {
    jobId: 'pdf',
    files: [{ name: 'three.pdf', size: bytes.length, data: Buffer.from(bytes).toString('base64') }],
  })) as Result<{ items: { status: string; documentId?: string }[] }>;
  if (!result.ok || result.value.items[0]?.status !== 'imported') throw new Error('import failed');
  const documentId = result.value.items[0].documentId!;
  const hash = notebook.store.data.documents.find((d) => d.id === documentId)!.pdf!.file;
  const path = keptFilePath(filesDirIn(dataDir), hash, 'pdf');
  return { notebook, dataDir, documentId, hash, path, bytes: await readFile(path) };
}

const get = (notebook: Notebook, path: string, range: string | null = null, method = 'GET') =>
  notebook.pdfFiles(path, { method, range });

describe('the PDF byte route', () => {
  it('serves a document’s kept PDF whole, as a PDF that is never cached, sniffed or run', async () => {
    const { notebook, documentId, bytes } = await notebookWithPdf();
    const answer = await get(notebook, `${PDF_FILE_ROUTE}${documentId}`);
    expect(answer?.status).toBe(200);
    expect(Buffer.from(answer!.body!)).toEqual(bytes);
    expect(answer!.headers).toMatchObject({
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.length),
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    });
  });

  it('serves one range of bytes exactly, with its Content-Range', async () => {
    const { notebook, documentId, bytes } = await notebookWithPdf();
    const path = `${PDF_FILE_ROUTE}${documentId}`;
    const size = bytes.length;
    for (const [header, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=100-199', 100, 199],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=-25', size - 25, size - 1],
      [`bytes=5-${size + 1000}`, 5, size - 1],
    ] as const) {
      const answer = await get(notebook, path, header);
      expect(answer?.status, header).toBe(206);
      expect(answer!.headers['Content-Range'], header).toBe(`bytes ${start}-${end}/${size}`);
      expect(answer!.headers['Content-Length'], header).toBe(String(end - start + 1));
      expect(Buffer.from(answer!.body!), header).toEqual(bytes.subarray(start, end + 1));
    }
  });

  it('answers 416 for a range past the end, and the whole file for a range it does not serve', async () => {
    const { notebook, documentId, bytes } = await notebookWithPdf();
    const path = `${PDF_FILE_ROUTE}${documentId}`;
    const past = await get(notebook, path, `bytes=${bytes.length}-`);
    expect(past?.status).toBe(416);
    expect(past!.headers['Content-Range']).toBe(`bytes */${bytes.length}`);
    for (const header of ['bytes=0-1,5-9', 'pages=1-2', 'bytes=9-2', 'bytes=-', 'nonsense']) {
      const answer = await get(notebook, path, header);
      expect(answer?.status, header).toBe(200);
      expect(Buffer.from(answer!.body!), header).toEqual(bytes);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { notebook, documentId, bytes } = await notebookWithPdf();
    const path = `${PDF_FILE_ROUTE}${documentId}`;
    const head = await get(notebook, path, null, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: null });
    expect(head!.headers['Content-Length']).toBe(String(bytes.length));
    expect((await get(notebook, path, null, 'POST'))?.status).toBe(405);
    expect((await get(notebook, path, null, 'PUT'))?.status).toBe(405);
  });

  it('serves only documents the notebook has: no hashes, paths or other files', async () => {
    const { notebook, documentId, hash } = await notebookWithPdf();
    const sample = await openNotebook({
      dataDir: await tempDir(),
      resourcesDir: RESOURCES_DIR,
      seed: true,
    });
    opened.push(sample);
    const notPdf = sample.store.data.documents[0]!.id;
    for (const path of [
      `${PDF_FILE_ROUTE}doc_unknown`,
      `${PDF_FILE_ROUTE}${hash}`,
      `${PDF_FILE_ROUTE}${hash}.pdf`,
      `${PDF_FILE_ROUTE}../../notebook.json`,
      `${PDF_FILE_ROUTE}..%2F..%2Fnotebook.json`,
      `${PDF_FILE_ROUTE}%2e%2e%2f${hash}.pdf`,
      `${PDF_FILE_ROUTE}${documentId}/`,
      `${PDF_FILE_ROUTE}${documentId}/../${documentId}`,
      `${PDF_FILE_ROUTE}${documentId}%00`,
      `${PDF_FILE_ROUTE}${documentId}.pdf`,
      `${PDF_FILE_ROUTE}`,
    ]) {
      const answer = await get(notebook, path);
      expect(answer?.status, path).toBe(404);
      expect(answer!.headers['Content-Type'], path).toMatch(/^text\/plain/);
    }
    // A document without a PDF (the sample article), in the notebook that has it.
    expect((await get(sample, `${PDF_FILE_ROUTE}${notPdf}`))?.status).toBe(404);
    // Not this route at all: left to whoever serves the rest.
    expect(await get(notebook, '/index.html')).toBeNull();
    expect(await get(notebook, '/notebook-files/png/x')).toBeNull();
  });

  it('never serves a damaged or missing copy: it is named instead', async () => {
    const { notebook, documentId, path, bytes } = await notebookWithPdf();
    const route = `${PDF_FILE_ROUTE}${documentId}`;
    const damaged = Buffer.from(bytes);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 20) ^ 0xff, damaged.length - 20);
    await writeFile(path, damaged);
    const answer = await get(notebook, route, 'bytes=0-99');
    expect(answer?.status).toBe(409);
    expect(new TextDecoder().decode(answer!.body!)).toMatch(/is damaged/);
    await rm(path);
    const missing = await get(notebook, route);
    expect(missing?.status).toBe(404);
    expect(new TextDecoder().decode(missing!.body!)).toMatch(/is missing/);
    // Put back whole, it is served again.
    await writeFile(path, bytes);
    expect((await get(notebook, route))?.status).toBe(200);
  });

  it('checks a file once, then again only when it changed on disk', async () => {
    const { notebook, documentId, path, bytes } = await notebookWithPdf();
    const route = `${PDF_FILE_ROUTE}${documentId}`;
    expect((await get(notebook, route, 'bytes=0-9'))?.status).toBe(206);
    // Replaced behind the notebook's back with other bytes of another size: checked again.
    await writeFile(path, Buffer.concat([bytes, Buffer.from('extra')]));
    expect((await get(notebook, route, 'bytes=0-9'))?.status).toBe(409);
  });

  it('makes the URL on the page’s own origin', () => {
    expect(pdfFileUrl('doc_1', 'app://marginalia/library')).toBe(
      'app://marginalia/notebook-files/pdf/doc_1',
    );
    expect(pdfFileUrl('doc_1', 'http://127.0.0.1:4392/')).toBe(
      'http://127.0.0.1:4392/notebook-files/pdf/doc_1',
    );
    expect(pdfFileUrl('../x', 'http://127.0.0.1/')).toBe(
      'http://127.0.0.1/notebook-files/pdf/..%2Fx',
    );
  });
});

describe('parseRange', () => {
  it.each([
    [null, 100, null],
    ['bytes=0-0', 100, { start: 0, end: 0 }],
    ['bytes=10-', 100, { start: 10, end: 99 }],
    ['bytes=-1', 100, { start: 99, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=90-200', 100, { start: 90, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=5-1', 100, null],
    ['bytes=1-2,4-5', 100, null],
    ['items=1-2', 100, null],
    [' bytes=1-2 ', 100, { start: 1, end: 2 }],
  ] as const)('%s of %i bytes → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

// The dataDir's own files are never reachable: the route never builds a path from the URL.
it('has no way to name a path: the id is looked up, never joined', async () => {
  const { notebook, dataDir } = await notebookWithPdf();
  await writeFile(join(dataDir, 'secret.pdf'), '%PDF-1.4 secret');
  for (const path of [`${PDF_FILE_ROUTE}secret`, `${PDF_FILE_ROUTE}..%2Fsecret.pdf`]) {
    expect((await get(notebook, path))?.status).toBe(404);
  }
});
