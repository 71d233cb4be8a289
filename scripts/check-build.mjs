// electron-vite exits 0 even when it built nothing (a missing --config does that): fail loudly.
import { existsSync, readFileSync } from 'node:fs';

const expected = [
  'out/main/index.js',
  'out/main/parse-worker.js',
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

// The import parser worker must start and parse from the built file, as Electron will run it.
const { Worker } = await import('node:worker_threads');
const reply = await new Promise((resolve, reject) => {
  const worker = new Worker(new URL('../out/main/parse-worker.js', import.meta.url));
  const timer = setTimeout(() => reject(new Error('the parse worker did not answer')), 30_000);
  worker.once('error', reject);
  worker.once('message', (message) => {
    clearTimeout(timer);
    void worker.terminate();
    resolve(message);
  });
  const html = '<title>Build check</title><article><p>The built parser <b>works</b>.</p></article>';
  worker.postMessage({
    id: 1,
    kind: 'file',
    name: 'check.html',
    bytes: new TextEncoder().encode(html),
  });
}).catch((error) => {
  console.error(`The built parse worker failed: ${error.message}`);
  process.exit(1);
});
if (!reply.ok || reply.document.title !== 'Build check' || !reply.document.text.includes('works')) {
  console.error(`The built parse worker answered wrongly: ${JSON.stringify(reply)}`);
  process.exit(1);
}
console.log('Parse worker: parses a page from the built file.');
