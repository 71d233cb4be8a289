// electron-vite exits 0 even when it built nothing (a missing --config does that): fail loudly.
import { existsSync, readFileSync } from 'node:fs';

const expected = [
  'out/main/index.js',
  'out/main/parse-worker.js',
  'out/main/compact-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const missing = expected.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`Build incomplete, missing: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`Build complete: ${expected.join(', ')}`);

// A sandboxed preload can only require('electron'); anything else fails at window start.
const requires = [
  ...readFileSync('out/preload/index.cjs', 'utf8').matchAll(/require\(["']([^"']+)["']\)/g),
]
  .map((m) => m[1])
  .filter((name) => name !== 'electron');
if (requires.length > 0) {
  console.error(`The preload requires ${requires.join(', ')}; it must be one self-contained file.`);
  process.exit(1);
}

// zod stays out of the page: zod 4 probes `new Function` as soon as it builds an object schema,
// which the page's CSP blocks (a violation report at every start). Schemas live in modules the
// page does not import (settings-schema.ts, analysis/query.ts, …).
const { readdirSync } = await import('node:fs');
const pageScripts = readdirSync('out/renderer/assets').filter(
  (f) => f.startsWith('index-') && f.endsWith('.js'),
);
const withZod = pageScripts.filter((f) =>
  readFileSync(`out/renderer/assets/${f}`, 'utf8').includes('allowsEval'),
);
if (withZod.length > 0) {
  console.error(
    `The page bundles zod schemas (${withZod.join(', ')}): move them out of modules the renderer imports.`,
  );
  process.exit(1);
}

// The import parser worker must start and parse from the built file, as Electron will run it.
const { Worker } = await import('node:worker_threads');

/** One request to a fresh built parse worker, and its answer; exits the check if it fails. */
function askParseWorker(request, what) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../out/main/parse-worker.js', import.meta.url));
    const timer = setTimeout(() => reject(new Error('the parse worker did not answer')), 30_000);
    worker.once('error', reject);
    worker.once('message', (message) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.postMessage(request);
  }).catch((error) => {
    console.error(`The built parse worker failed on ${what}: ${error.message}`);
    process.exit(1);
  });
}

const html = '<title>Build check</title><article><p>The built parser <b>works</b>.</p></article>';
const reply = await askParseWorker(
  { id: 1, kind: 'file', name: 'check.html', bytes: new TextEncoder().encode(html) },
  'a page',
);
if (!reply.ok || reply.document.title !== 'Build check' || !reply.document.text.includes('works')) {
  console.error(`The built parse worker answered wrongly: ${JSON.stringify(reply)}`);
  process.exit(1);
}
console.log('Parse worker: parses a page from the built file.');

// And a PDF: pdf.js (the legacy build, an external dependency of the main bundle) must load
// from the built worker as it will in the app.
{
  const pdf = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj',
    '4 0 obj << /Length 52 >> stream\nBT /F1 18 Tf 20 100 Td (Built PDF reader works.) Tj ET\nendstream endobj',
    '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  const pdfReply = await askParseWorker(
    { id: 2, kind: 'file', name: 'check.pdf', bytes: new TextEncoder().encode(pdf) },
    'a PDF',
  );
  if (!pdfReply.ok || !pdfReply.document.text.includes('Built PDF reader works.')) {
    console.error(
      `The built parse worker read the PDF wrongly: ${JSON.stringify(pdfReply).slice(0, 500)}`,
    );
    process.exit(1);
  }
  console.log('Parse worker: reads a PDF from the built file.');
}

// The compaction worker must fold a journal into the snapshot from the built file, as Electron
// will run it (the store itself runs from source here: Node strips its types).
{
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openStore, openStoreReadOnly } = await import('../electron/notebook/store.ts');
  const { listJournals } = await import('../electron/notebook/store/journal.ts');
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-build-check-'));
  try {
    const worker = new URL('../out/main/compact-worker.js', import.meta.url);
    const store = await openStore(dir, { compactionWorker: worker });
    store.change((data) => {
      data.meta.seeded = true;
    });
    await store.close();
    const folded = (await openStoreReadOnly(dir)).data.meta.seeded;
    if (!folded || (await listJournals(dir)).length > 0) {
      console.error('The built compaction worker did not fold the journal into the snapshot.');
      process.exit(1);
    }
  } catch (error) {
    console.error(`The built compaction worker failed: ${error.message}`);
    process.exit(1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log('Compaction worker: folds a journal into the snapshot from the built file.');
}
