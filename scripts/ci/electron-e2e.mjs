// The Electron end-to-end tests (tests/electron) where they must run: CI on the three systems.
// Locally they skip when the Electron runtime is missing; here a skip is a failure, as is a run
// with no test at all. Exit status: Playwright's own, or 1 when anything was skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const report = join(mkdtempSync(join(tmpdir(), 'marginalia-electron-e2e-')), 'report.json');
const run = spawnSync(
  process.execPath,
  [cli, 'test', '--project=electron', '--reporter=list,json'],
  {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  },
);
if (run.status !== 0) process.exit(run.status ?? 1);

const { stats } = JSON.parse(readFileSync(report, 'utf8'));
const ran = (stats.expected ?? 0) + (stats.flaky ?? 0);
if (stats.skipped > 0 || ran === 0) {
  console.error(
    `Electron end-to-end tests: ${ran} ran, ${stats.skipped} skipped. They must all run here; ` +
      'the skip reason is printed above (most often the Electron runtime is not installed).',
  );
  process.exit(1);
}
console.log(`Electron end-to-end tests: all ${ran} ran.`);
