// The Electron end-to-end tests (tests/electron) where they must run: CI on the three systems.
// Locally they skip when the Electron runtime is missing; here a skip is a failure, as is a run
// with no test at all. Exit status: Playwright's own, or 1 when anything was skipped.
//
//   node scripts/ci/electron-e2e.mjs                    the app built from this project
//   node scripts/ci/electron-e2e.mjs --packaged PATH    the packaged app whose executable is PATH
//                                                       (tests/electron/packaged.spec.ts)
//
// The two runs are told apart by the tag @packaged: each runs only its own tests, so the
// packaged tests (which skip without a packaged app) cannot fail the first run by skipping.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const USAGE = 'Usage: node scripts/ci/electron-e2e.mjs [--packaged path/to/packaged/executable]';
const args = process.argv.slice(2);
let packaged = null;
if (args[0] === '--packaged' && args.length === 2) packaged = resolve(args[1]);
else if (args.length > 0) {
  console.error(USAGE);
  process.exit(2);
}
if (packaged && !existsSync(packaged)) {
  console.error(`The packaged app ${packaged} does not exist (build it with npm run dist).`);
  process.exit(1);
}

// The Electron app serves its own page over app://: no web server for the browser project.
const env = { ...process.env, MARGINALIA_E2E_NO_WEB_SERVER: '1' };
delete env.MARGINALIA_PACKAGED_APP;
if (packaged) env.MARGINALIA_PACKAGED_APP = packaged;
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const report = join(mkdtempSync(join(tmpdir(), 'marginalia-electron-e2e-')), 'report.json');
const run = spawnSync(
  process.execPath,
  [
    cli,
    'test',
    '--project=electron',
    packaged ? '--grep' : '--grep-invert',
    '@packaged',
    '--reporter=list,json',
  ],
  { stdio: 'inherit', env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report } },
);
const folder = dirname(report);
const stats = run.status === 0 ? JSON.parse(readFileSync(report, 'utf8')).stats : null;
rmSync(folder, { recursive: true, force: true });
if (!stats) process.exit(run.status ?? 1);

const what = packaged ? `Packaged-app end-to-end tests (${packaged})` : 'Electron end-to-end tests';
const ran = (stats.expected ?? 0) + (stats.flaky ?? 0);
if (stats.skipped > 0 || ran === 0) {
  console.error(
    `${what}: ${ran} ran, ${stats.skipped} skipped. They must all run here; the skip reason is ` +
      'printed above (most often the Electron runtime or the packaged app is missing).',
  );
  process.exit(1);
}
console.log(`${what}: all ${ran} ran.`);
