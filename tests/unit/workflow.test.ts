import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  formatProblem,
  lintWorkflow,
  validateWorkflows,
} from '../../scripts/ci/validate-workflows.mjs';
import { tempDirs } from './temp-dir.ts';

/**
 * The CI workflow (issue 21): checked offline with actionlint, as `npm test` does, and read for
 * what it must do on the three systems. What it does there is verified only by running it there.
 */
const run = promisify(execFile);
const tempDir = tempDirs();
const WORKFLOWS = resolve('.github/workflows');
const BUILD = join(WORKFLOWS, 'build.yml');
const SCRIPT = resolve('scripts/ci/validate-workflows.mjs');
/** A GitHub Actions expression as written in the workflow, `${{ … }}`. */
const expr = (inner: string) => `$${'{{'} ${inner} }}`;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix?: { os?: string[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = await readFile(BUILD, 'utf8');
const workflow = parse(text) as Workflow;
const build = workflow.jobs.build as Job;
const release = workflow.jobs.release as Job;
const allSteps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = build.steps.map((step) => step.run ?? '').join('\n');

/** Runs the validator on a folder holding `files`; its exit code and output. */
async function validateFolder(files: Record<string, string>) {
  const dir = join(await tempDir(), '.github', 'workflows');
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, dir]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('workflow validation (offline actionlint)', () => {
  it('accepts the real workflow', async () => {
    const results = await validateWorkflows(WORKFLOWS);
    expect(results.map((r) => r.file)).toContain(join('.github', 'workflows', 'build.yml'));
    for (const { problems } of results) expect(problems.map(formatProblem)).toEqual([]);
    const { code, output } = await validateFolder({ 'build.yml': text });
    expect(code).toBe(0);
    expect(output).toContain('valid');
  });

  it('rejects a job without runs-on, naming it', async () => {
    const broken = text.replace(`    runs-on: ${expr('matrix.os')}\n`, '');
    expect(broken).not.toBe(text);
    const problems = await lintWorkflow(broken, 'build.yml');
    expect(problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/"runs-on".*missing.*"build"/),
    );
  });

  it('rejects a job that needs an unknown job, naming both', async () => {
    const { code, output } = await validateFolder({
      'build.yml': text.replace('needs: build', 'needs: compile'),
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /build\.yml:\d+:\d+: job "release" needs job "compile" which does not exist/,
    );
    expect(output).toContain('1 problem(s)');
  });

  it('rejects an unknown key and an undefined matrix property', async () => {
    const unknownKey = await lintWorkflow(
      text.replace('timeout-minutes: 60', 'timeout-minute: 60'),
      'b.yml',
    );
    expect(unknownKey.map((p) => p.message)).toContainEqual(
      expect.stringContaining('unexpected key "timeout-minute"'),
    );
    const badMatrix = await lintWorkflow(
      text.replace(`runs-on: ${expr('matrix.os')}`, `runs-on: ${expr('matrix.system')}`),
      'b.yml',
    );
    expect(badMatrix.map((p) => p.message)).toContainEqual(
      expect.stringContaining('property "system" is not defined'),
    );
  });

  it('fails on a folder with no workflow at all', async () => {
    const { code, output } = await validateFolder({});
    expect(code).toBe(1);
    expect(output).toContain('No workflow files');
  });
});

describe('the build workflow', () => {
  it('runs on pushes, pull requests and v* tags', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect((workflow.on.push as { tags: string[] }).tags).toEqual(['v*']);
  });

  it('pins every action to a full commit SHA or an exact version', () => {
    const uses = allSteps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const use of uses)
      expect(use).toMatch(/^[\w.-]+\/[\w.-]+@(?:[0-9a-f]{40}|v\d+\.\d+\.\d+)$/);
    // A SHA pin carries the version it stands for, for the reader.
    for (const line of text.split('\n').filter((l) => /uses: \S+@[0-9a-f]{40}/.test(l))) {
      expect(line).toMatch(/ # v\d+\.\d+\.\d+$/);
    }
  });

  it('builds on the three systems without stopping the others on a failure', () => {
    expect(build.strategy?.matrix?.os).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest']);
    expect(build.strategy?.['fail-fast']).toBe(false);
    expect(build['runs-on']).toBe(expr('matrix.os'));
  });

  it('installs, tests, runs the Electron tests so they cannot skip, and builds the installers', () => {
    const order = [
      'npm ci',
      'node node_modules/electron/install.js',
      'npm test',
      'scripts/ci/electron-e2e.mjs',
      'npm run dist',
    ];
    const at = order.map((command) => runs.indexOf(command));
    for (const [i, index] of at.entries()) expect(index, order[i]).toBeGreaterThanOrEqual(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Under a virtual display on Linux.
    expect(runs).toContain(
      'xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" npm test',
    );
    expect(runs).toContain(
      'xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" node scripts/ci/electron-e2e.mjs',
    );
    const setupNode = build.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(String(setupNode?.with?.['node-version'])).toMatch(/^22\.(1[3-9]|[2-9]\d)/);
  });

  it('runs the packaged-app tests on the unpacked app that npm run dist leaves in dist/, so they cannot skip', () => {
    const names = build.steps.map((step) => step.name ?? '');
    const dist = build.steps.findIndex((step) => step.run?.trim() === 'npm run dist');
    const packaged = build.steps.findIndex((step) =>
      step.run?.includes('scripts/ci/electron-e2e.mjs --packaged'),
    );
    expect(dist, 'the step building the installers').toBeGreaterThanOrEqual(0);
    expect(packaged, names.join(' / ')).toBeGreaterThan(dist);
    const step = build.steps[packaged]!;
    expect(step.if).toBeUndefined();
    // The executable of each system's unpacked app, as electron-builder names it.
    for (const path of [
      'dist/win-unpacked/Marginalia.exe',
      'dist/linux-unpacked/marginalia',
      'dist/$mac/Marginalia.app/Contents/MacOS/Marginalia',
    ])
      expect(step.run).toContain(path);
    expect(step.run).toContain('mac="mac-arm64"');
    // It stops with an error naming the path when the app is not there.
    expect(step.run).toMatch(/if \[ ! -f "\$app" \]; then\n\s+echo "::error [^\n]*\$app[^\n]*"/);
    expect(step.run).toContain(
      'xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" node scripts/ci/electron-e2e.mjs --packaged "$app"',
    );
    expect(step.run).toContain('node scripts/ci/electron-e2e.mjs --packaged "$app"');
    // Before the installers are uploaded: a broken packaged app is neither kept nor released.
    const upload = build.steps.findIndex(
      (s) => s.uses?.startsWith('actions/upload-artifact@') && !s.if,
    );
    expect(upload).toBeGreaterThan(packaged);
    // The same app then passes the security scan (code in app.asar, fuses of the executable).
    expect(step.run).toContain('echo "PACKAGED_APP=$app" >> "$GITHUB_ENV"');
    const scan = build.steps.findIndex(
      (s) => s.run?.trim() === 'npm run security -- --packaged "$PACKAGED_APP"',
    );
    expect(scan, names.join(' / ')).toBeGreaterThan(packaged);
    expect(upload).toBeGreaterThan(scan);
  });

  it('uploads the installers of each system as artefacts', () => {
    const upload = build.steps.find(
      (step) => step.uses?.startsWith('actions/upload-artifact@') && !step.if,
    );
    expect(upload?.with?.name).toBe(`marginalia-${expr('runner.os')}`);
    // Exactly the installers electron-builder.ts builds (NSIS and portable .exe, dmg, AppImage,
    // deb), not its logs or the unpacked app.
    expect(String(upload?.with?.path).trim().split('\n').sort()).toEqual(
      ['AppImage', 'deb', 'dmg', 'exe'].map((ext) => `marginalia/dist/*.${ext}`),
    );
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('attaches the installers to the release of a tag, with write access only there', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(build.permissions).toBeUndefined();
    expect(release.needs).toBe('build');
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.permissions).toEqual({ contents: 'write' });
    const uses = release.steps.map((step) => step.uses?.split('@')[0]);
    expect(uses).toEqual(['actions/download-artifact', 'softprops/action-gh-release']);
  });

  it('reads the signing and notarisation secrets and says when they are absent', () => {
    for (const name of [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
    ]) {
      expect(text).toContain(`${name}: \${{ secrets.${name} }}`);
    }
    expect(runs).toContain('::notice title=Not signed::');
    expect(runs).toContain('::notice title=Not notarised::');
  });
});

describe('scripts/ci/electron-e2e.mjs', () => {
  const E2E = resolve('scripts/ci/electron-e2e.mjs');
  const runE2e = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [E2E, ...args]);
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, output: e.stdout + e.stderr };
    }
  };

  it('takes --packaged with the packaged executable, and nothing else', async () => {
    for (const args of [['--packaged'], ['--bogus'], ['--packaged', 'a', 'b']]) {
      const { code, output } = await runE2e(args);
      expect(code, args.join(' ')).toBe(2);
      expect(output).toContain('Usage: node scripts/ci/electron-e2e.mjs [--packaged');
    }
  });

  it('fails at once, naming it, when the packaged app is not there', async () => {
    const missing = join(await tempDir(), 'dist', 'linux-unpacked', 'marginalia');
    const { code, output } = await runE2e(['--packaged', missing]);
    expect(code).toBe(1);
    expect(output).toContain(`The packaged app ${missing} does not exist`);
  });
});
