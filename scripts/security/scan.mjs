#!/usr/bin/env node
/**
 * Security scan: Electronegativity (Doyensec's static checker for Electron apps) over the app's
 * sources, failing on any finding of MEDIUM severity or above.
 *
 *   node scripts/security/scan.mjs [--root <folder>] [--sarif <file>]
 *   node scripts/security/scan.mjs --packaged <packaged executable or app.asar>
 *
 * - What it reads: the TypeScript sources of electron/ (main process, preload, core), shared/ and
 *   renderer/, as written (its Babel-based TypeScript parser reads them; the report points at real
 *   lines), plus the built out/renderer/index.html, where the build writes the CSP meta tag (run
 *   `npm run build` first). All in one run: its global checks (is there a CSP, a navigation
 *   limit, a permission handler?) look across every file.
 * - Where it is installed: apart from the project, in the cache folder
 *   ($XDG_CACHE_HOME or ~/.cache)/marginalia/electronegativity, from the lockfile in
 *   scripts/security/electronegativity/. Installed into the project, its TypeScript parser
 *   (@typescript-eslint/typescript-estree 4) would load the project's TypeScript 7, which lacks
 *   the old compiler API; its own copy brings the TypeScript 4.2 it was built for.
 * - Offline: its two network calls (translations at start-up, Electron's release list for the
 *   "security fixes available" check) are cut: the first is answered locally, the second check
 *   is left out (for an Electron in devDependencies it only reports INFORMATIONAL anyway).
 * - Severity: Electronegativity always exits 0, and its SARIF has no severity (`level` is
 *   "warning", or "note" for manual-review items). This script takes each finding's severity from
 *   the scanner's own result, writes it into the SARIF (`properties.severity`), then decides from
 *   the SARIF (sarif-gate.mjs). Reviewed manual-review findings are listed in
 *   accepted-findings.mjs and written as SARIF suppressions.
 * - Canary: before the real scan, a file with known misconfigurations is scanned; if the scanner
 *   misses any of them (a broken install, a parser that silently gives up) the scan fails rather
 *   than passing on nothing.
 *
 * - A packaged app (`--packaged`, after `npm run dist`): the same scan over the code in its
 *   app.asar (out/main, out/preload, out/renderer; its node_modules left out as the source scan
 *   leaves them out), with the acceptances moved to the bundle that holds the reviewed code
 *   (`packagedFile`), and, given the executable, its fuses checked against scripts/fuses. Chunks
 *   the scanner cannot parse are tolerated only when they are pdf.js's (its own version marker
 *   is in them); they are listed.
 *
 * Exit: 0 clean, 1 findings at MEDIUM or above, 2 the scan itself could not be trusted.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAll } from '@electron/asar';
import { checkFuses, expectedFuseStates } from '../fuses/fuses.mjs';
import { ACCEPTED_FINDINGS } from './accepted-findings.mjs';
import { annotateSarif, evaluateSarif, resultLocation, THRESHOLD } from './sarif-gate.mjs';

const REPO = resolve(import.meta.dirname, '..', '..');
const LOCK_DIR = join(import.meta.dirname, 'electronegativity');
const PACKAGE = '@doyensec/electronegativity';
/** Source folders scanned, relative to the root. */
const SOURCES = ['electron', 'shared', 'renderer'];
/** The built page: the only place the CSP meta tag exists as HTML. */
const BUILT_PAGE = join('out', 'renderer', 'index.html');
/** Checks left out, by Electronegativity's class name (see the header). */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

class ScanError extends Error {}

function parseArgs(argv) {
  const options = {
    root: REPO,
    sarif: join(REPO, 'out', 'security', 'electronegativity.sarif'),
    packaged: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--root' && value) options.root = resolve(value);
    else if (flag === '--sarif' && value) options.sarif = resolve(value);
    else if (flag === '--packaged' && value) options.packaged = resolve(value);
    else
      throw new ScanError(
        `Unknown argument ${flag}. Usage: scan.mjs [--root dir] [--sarif file] [--packaged app]`,
      );
    i++;
  }
  return options;
}

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'marginalia', 'electronegativity');
}

/** Install Electronegativity from the lockfile into the cache folder, unless it is there already. */
function ensureInstalled() {
  const dir = cacheDir();
  const lock = readFileSync(join(LOCK_DIR, 'package-lock.json'), 'utf8');
  const installedLock = join(dir, 'package-lock.json');
  const marker = join(dir, 'node_modules', PACKAGE, 'package.json');
  const current =
    existsSync(marker) && existsSync(installedLock) && readFileSync(installedLock, 'utf8') === lock;
  if (!current) {
    console.log(`Installing Electronegativity into ${dir}`);
    mkdirSync(dir, { recursive: true });
    cpSync(join(LOCK_DIR, 'package.json'), join(dir, 'package.json'));
    writeFileSync(installedLock, lock);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(
      npm,
      ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'],
      { stdio: 'inherit', shell: process.platform === 'win32' },
    );
  }
  const { version } = JSON.parse(readFileSync(marker, 'utf8'));
  const wanted = JSON.parse(readFileSync(join(LOCK_DIR, 'package.json'), 'utf8')).dependencies[
    PACKAGE
  ];
  if (version !== wanted)
    throw new ScanError(`Electronegativity ${version} installed, ${wanted} wanted`);
  return { dir, version };
}

/** Electronegativity's runner, with its translation download answered locally. */
function loadRunner(dir) {
  const require = createRequire(join(dir, 'package.json'));
  const packageDir = dirname(require.resolve(`${PACKAGE}/package.json`));
  const got = require.resolve('got', { paths: [packageDir] });
  const offline = new Module(got);
  offline.filename = got;
  offline.loaded = true;
  // Its i18n asks a web server for updated translations; "404" makes it keep its bundled English.
  offline.exports = async () => ({ statusCode: 404, body: '' });
  require.cache[got] = offline;
  return require(PACKAGE);
}

function electronVersion(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const version = range?.replace(/^[\^~=v]+/, '');
  if (!version || !/^\d+\.\d+\.\d+/.test(version))
    throw new ScanError(`No exact Electron version in ${join(root, 'package.json')}`);
  return version;
}

/** Run Electronegativity over a folder; its SARIF, annotated with severities, and parse errors. */
async function scan(run, input, version, sarifPath) {
  const result = await run({
    input,
    output: sarifPath,
    isSarif: true,
    isRelative: true,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    electronVersionOverride: version,
    parserPlugins: [],
  });
  const sarif = annotateSarif(
    await readWrittenSarif(sarifPath, result.issues.length),
    result.issues,
  );
  return { sarif, errors: result.errors, checks: result.globalChecks + result.atomicChecks };
}

/**
 * The runner hands its SARIF to fs.writeFile and returns without waiting for it: read the file
 * once it is whole (it parses, with one result per finding).
 */
async function readWrittenSarif(path, count) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const sarif = JSON.parse(readFileSync(path, 'utf8'));
      if (sarif.runs?.[0]?.results?.length === count) return sarif;
    } catch {
      // not there yet, or half written
    }
    if (Date.now() > deadline)
      throw new ScanError(`Electronegativity wrote no complete SARIF to ${path}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Known misconfigurations, each of which the scan must catch at MEDIUM or above. */
const CANARY = {
  file: 'electron/main/canary.ts',
  source: `import { BrowserWindow, shell, type WebPreferences } from 'electron';
type Opened = { url: string; at?: number };
export class Canary {
  #count = 0;
  unsafe(url: string): BrowserWindow {
    const window = new BrowserWindow({
      webPreferences: {
        contextIsolation: false,
        sandbox: false,
        webSecurity: false,
        allowRunningInsecureContent: true,
      } satisfies WebPreferences,
    });
    this.#count ??= 0;
    void shell.openExternal(url);
    return window;
  }
  node(opened: Opened): BrowserWindow {
    this.#count++;
    return new BrowserWindow({
      webPreferences: { nodeIntegration: true, contextIsolation: true, disableBlinkFeatures: 'Auxclick' },
      title: opened?.url ?? 'x',
    });
  }
}
`,
  expected: [
    'CONTEXT_ISOLATION_JS_CHECK',
    'SANDBOX_JS_CHECK',
    'WEB_SECURITY_JS_CHECK',
    'INSECURE_CONTENT_JS_CHECK',
    'NODE_INTEGRATION_JS_CHECK',
    'OPEN_EXTERNAL_JS_CHECK',
    // No CSP, no navigation limit, no permission handler anywhere in the canary's folder.
    'CSP_GLOBAL_CHECK',
    'LIMIT_NAVIGATION_GLOBAL_CHECK',
    'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  ],
};

async function runCanary(run, version, work) {
  const input = join(work, 'canary');
  mkdirSync(join(input, dirname(CANARY.file)), { recursive: true });
  writeFileSync(join(input, CANARY.file), CANARY.source);
  const { sarif, errors } = await scan(run, input, version, join(work, 'canary.sarif'));
  if (errors.length > 0)
    throw new ScanError(`The scanner could not parse its canary: ${errors[0].message}`);
  const { failing } = evaluateSarif(sarif, []);
  const caught = new Set(failing.map((f) => f.ruleId));
  const missed = CANARY.expected.filter((id) => !caught.has(id));
  if (missed.length > 0)
    throw new ScanError(`The scanner missed planted issues (${missed.join(', ')}): not trusted`);
}

function stage(root, work) {
  const page = join(root, BUILT_PAGE);
  if (!existsSync(page))
    throw new ScanError(`${BUILT_PAGE} is missing: run \`npm run build\` first`);
  const input = join(work, 'sources');
  for (const folder of SOURCES) {
    cpSync(join(root, folder), join(input, folder), {
      recursive: true,
      filter: (path) => !path.split(/[\\/]/).includes('node_modules'),
    });
  }
  mkdirSync(dirname(join(input, BUILT_PAGE)), { recursive: true });
  cpSync(page, join(input, BUILT_PAGE));
  return input;
}

/**
 * A packaged app's app.asar and, when the executable was given, the path its fuses are read
 * from: resources/app.asar beside the executable (Windows, Linux), Contents/Resources/app.asar
 * in the bundle (macOS).
 */
function packagedLayout(path) {
  if (path.endsWith('.asar')) return { asar: path, fuses: null };
  const bundle = path.match(/^(.*?\.app)(?:[\\/]|$)/)?.[1];
  const asar = bundle
    ? join(bundle, 'Contents', 'Resources', 'app.asar')
    : join(dirname(path), 'resources', 'app.asar');
  return { asar, fuses: bundle ?? path };
}

/** The app's own code from a packaged app.asar, staged for the scanner. */
function stagePackaged(asar, work) {
  if (!existsSync(asar)) throw new ScanError(`${asar} does not exist: run npm run dist first`);
  const input = join(work, 'packaged');
  extractAll(asar, input);
  // pdf.js's version, which its bundled chunks carry as a string (see isPdfJsChunk).
  const pdfjs = join(input, 'node_modules', 'pdfjs-dist', 'package.json');
  const pdfjsVersion = existsSync(pdfjs) ? JSON.parse(readFileSync(pdfjs, 'utf8')).version : null;
  rmSync(join(input, 'node_modules'), { recursive: true, force: true });
  // pdf.js's character maps, fonts and decoders: data, not code of ours.
  rmSync(join(input, 'out', 'renderer', 'pdfjs'), { recursive: true, force: true });
  if (!existsSync(join(input, BUILT_PAGE)))
    throw new ScanError(`${asar} holds no ${BUILT_PAGE}: not a Marginalia package`);
  return { input, pdfjsVersion };
}

/**
 * pdf.js's own code, bundled by Vite into chunks of its own, which the scanner's parser cannot
 * read (class private fields): a chunk that carries pdf.js's exact version string and its
 * entry points (the display layer's GlobalWorkerOptions or the worker's WorkerMessageHandler).
 */
function isPdfJsChunk(file, pdfjsVersion) {
  if (!pdfjsVersion) return false;
  try {
    const code = readFileSync(file, 'utf8');
    return (
      code.includes(`"${pdfjsVersion}"`) &&
      (code.includes('GlobalWorkerOptions') || code.includes('WorkerMessageHandler'))
    );
  } catch {
    return false;
  }
}

/** The packaged binary's fuses against scripts/fuses; prints each, returns how many are wrong. */
async function reportFuses(binary) {
  const wrong = await checkFuses(binary);
  for (const { fuse } of expectedFuseStates()) {
    const bad = wrong.find((w) => w.fuse === fuse);
    console.log(
      `  fuse ${bad ? 'FAIL' : 'ok  '}  ${fuse}${bad ? ` (${bad.actual}, wanted ${bad.expected})` : ''}`,
    );
  }
  return wrong.length;
}

function describe(finding) {
  const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : '(app)';
  const review = finding.manualReview ? ', review' : '';
  return `${finding.severity.padEnd(13)} ${finding.ruleId} ${where} (${finding.confidence ?? '?'}${review}) ${finding.message}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { dir, version: scannerVersion } = ensureInstalled();
  const run = loadRunner(dir);
  const version = electronVersion(options.root);
  const work = mkdtempSync(join(tmpdir(), 'marginalia-scan-'));
  try {
    await runCanary(run, version, work);
    const packaged = options.packaged ? packagedLayout(options.packaged) : null;
    const staged = packaged ? stagePackaged(packaged.asar, work) : null;
    const input = staged ? staged.input : stage(options.root, work);
    const { sarif, errors, checks } = await scan(run, input, version, join(work, 'scan.sarif'));
    // A file the scanner could not parse was not checked: that is a failure, not a pass.
    const vendor = staged
      ? errors.filter((e) => !e.tolerable && isPdfJsChunk(e.file, staged.pdfjsVersion))
      : [];
    for (const e of vendor) console.log(`  not parsed (pdf.js's code): ${relative(input, e.file)}`);
    const unparsed = errors.filter((e) => !e.tolerable && !vendor.includes(e));
    if (unparsed.length > 0) {
      const list = unparsed.map((e) => `${relative(input, e.file)}: ${e.message}`).join('\n  ');
      throw new ScanError(`Electronegativity could not parse:\n  ${list}`);
    }
    const accepted = packaged
      ? ACCEPTED_FINDINGS.map((a) => ({ ...a, file: a.packagedFile }))
      : ACCEPTED_FINDINGS;
    const verdict = evaluateSarif(sarif, accepted);
    const run0 = sarif.runs[0];
    run0.invocations = [
      {
        executionSuccessful: true,
        workingDirectory: { uri: pathToFileURL(`${options.root}/`).href },
      },
    ];
    mkdirSync(dirname(options.sarif), { recursive: true });
    writeFileSync(options.sarif, `${JSON.stringify(sarif, null, 2)}\n`);

    const files = new Set(run0.results.map((r) => resultLocation(r).file).filter(Boolean));
    console.log(
      `Electronegativity ${scannerVersion}, ${checks} checks, Electron ${version}: ${run0.results.length} findings in ${files.size} files; SARIF: ${relative(process.cwd(), options.sarif)}`,
    );
    for (const f of verdict.below) console.log(`  below ${THRESHOLD}: ${describe(f)}`);
    for (const f of verdict.accepted)
      console.log(`  accepted:     ${describe(f)}\n                ${f.justification}`);
    for (const a of verdict.stale)
      console.log(`  stale acceptance (matches nothing now): ${a.ruleId} in ${a.file}`);
    for (const f of verdict.failing)
      console.log(`  FAIL:         ${describe(f)}${f.reason ? ` [${f.reason}]` : ''}`);
    const wrongFuses = packaged?.fuses ? await reportFuses(packaged.fuses) : 0;
    if (verdict.failing.length > 0 || wrongFuses > 0) {
      console.log(
        `Security scan failed: ${verdict.failing.length} finding(s) at ${THRESHOLD} or above${wrongFuses ? `, ${wrongFuses} fuse(s) not as configured` : ''}.`,
      );
      return 1;
    }
    console.log(
      `Security scan passed: no finding at ${THRESHOLD} or above${packaged?.fuses ? ', every fuse as configured' : ''}.`,
    );
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(
      `Security scan could not run: ${error instanceof ScanError ? error.message : error?.stack}`,
    );
    process.exitCode = 2;
  },
);
