// electron-vite exits 0 even when it built nothing (a missing --config does that): fail loudly.
import { existsSync, readFileSync } from 'node:fs';

const expected = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
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
