// Run before `npm start` and `npm run dev`: make sure the Electron runtime is there, downloading
// it if it is not, and when that download cannot happen (no network, a proxy in the way) say so
// in a few lines a person can act on, instead of the downloader's `TypeError: fetch failed` and
// its stack trace. Exits 0 when the runtime is ready, 1 when it is not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { electronCacheDir } from './cache-dir.mjs';

const require = createRequire(import.meta.url);

/** Where the electron package expects its binary (its own `path.txt`, or the usual name). */
function electronBinary() {
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const name =
    relative ??
    (process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron');
  return { packageDir, binary: join(distDir, name) };
}

/** The first line of the downloader's complaint that says what went wrong. */
function reason(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    lines.find((l) => /error|failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/i.test(l)) ??
    lines[0] ??
    'no reason given'
  ).slice(0, 200);
}

if (process.env.ELECTRON_EXEC_PATH && existsSync(process.env.ELECTRON_EXEC_PATH)) process.exit(0);
const { packageDir, binary } = electronBinary();
if (existsSync(binary)) process.exit(0);

// The installer the electron package ships (tests point this at a stand-in).
const installer = process.env.MARGINALIA_ELECTRON_INSTALLER ?? join(packageDir, 'install.js');
const run = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 10 * 60_000 });
if (run.status === 0 && existsSync(electronBinary().binary)) process.exit(0);

const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
process.stderr.write(
  [
    `Marginalia cannot open its window: the Electron runtime (${version}) is not installed, and downloading it failed (${reason(`${run.stderr ?? ''}\n${run.stdout ?? ''}\n${run.error?.message ?? ''}`)}).`,
    '',
    'To install it:',
    '  - from a mirror:      ELECTRON_MIRROR=https://your-mirror.example/electron/ npm start',
    `  - from a file:        put ${zip} (from github.com/electron/electron/releases) in`,
    `                        ${electronCacheDir()} and run npm start again`,
    '  - an Electron you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
    '',
    'Everything else works without it: npm test (the tests of the real window are skipped and say',
    'why) and the command line, for example: npm run cli -- list',
    '',
  ].join('\n'),
);
process.exit(1);
