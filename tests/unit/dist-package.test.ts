/**
 * `npm run dist -- --dir`, for real: electron-builder packs the built app with electron-builder.ts
 * and our afterPack hook, here for Linux. Only the Electron runtime is a stand-in (it cannot be
 * downloaded here): a file carrying Electron 45's fuse wire, handed over as `electronDist`
 * (MARGINALIA_ELECTRON_DIST), so the fuses are flipped in what electron-builder really packed.
 * What the packaged app does when it runs is tested in tests/electron/packaged.spec.ts, on the
 * three systems of the CI workflow.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGED_RESOURCES, type PackageInfo } from '../../electron-builder.ts';
import { prepare } from '../../scripts/dist/prepare.mjs';
import { checkFuses, FUSE_CONFIG } from '../../scripts/fuses/fuses.mjs';
import { fakeElectronBinary } from './stand-in-electron.ts';

const ROOT = resolve('.');
const built = existsSync(join(ROOT, 'out', 'main', 'index.js'));
const linux = process.platform === 'linux';
const skipReason = !linux
  ? 'Packaging test skipped: it packs for Linux; on this system the workflow runs npm run dist itself.'
  : !built
    ? 'Packaging test skipped: the app is not built (npm run build first).'
    : '';
if (skipReason) console.log(skipReason);
const run = promisify(execFile);

/** An unpacked Electron for electron-builder, its binary the stand-in. */
async function standInElectron(dir: string) {
  await fakeElectronBinary(join(dir, 'electron'));
  await writeFile(join(dir, 'version'), '45.4.1');
  await writeFile(join(dir, 'LICENSE'), 'Electron licence (stand-in)');
}

/** The bare module names a built bundle imports (static and dynamic), Node's own left out. */
function bareImports(code: string): string[] {
  const names = new Set<string>();
  const statements = [
    /^\s*(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const specs = statements.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
  for (const spec of specs) {
    if (!/^(@[\w.-]+\/)?[\w.-]+(\/.*)?$/.test(spec) || spec.startsWith('.')) continue;
    if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...names].sort();
}

describe.skipIf(Boolean(skipReason))('npm run dist -- --dir (Linux, Electron stand-in)', () => {
  let work = '';
  let appDir = '';
  let asar = '';
  let entries: string[] = [];
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageInfo & {
    main: string;
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'marginalia-dist-'));
    const electronDist = join(work, 'electron');
    await mkdir(electronDist);
    await standInElectron(electronDist);
    await prepare(ROOT);
    // package.json's own dist command, as `npm run dist -- --dir` runs it (the build and predist
    // steps are done above), with the output sent to the temp folder.
    const command = `${pkg.scripts.dist} --linux --dir -c.directories.output=${join(work, 'dist')}`;
    await run(command, [], {
      cwd: ROOT,
      shell: true,
      env: {
        ...process.env,
        PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
        MARGINALIA_ELECTRON_DIST: electronDist,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    appDir = join(work, 'dist', 'linux-unpacked');
    asar = join(appDir, 'resources', 'app.asar');
    entries = listPackage(asar, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('flips the fuses in the packed executable, named after the package', async () => {
    const binary = join(appDir, pkg.name);
    expect(existsSync(binary)).toBe(true);
    expect(await checkFuses(binary, FUSE_CONFIG)).toEqual([]);
  });

  it('packs the built app and package.json into app.asar, and nothing of the sources or tools', () => {
    const main = pkg.main.replace(/^\.\//, '/');
    for (const file of [
      main,
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
    ])
      expect(entries).toContain(file);
    const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8'));
    expect(packed).toMatchObject({ name: pkg.name, version: pkg.version, main: pkg.main });
    const strays = entries.filter(
      (entry) =>
        /^\/(electron|renderer|shared|tests|bench|scripts|docs|resources|dist|\.ci|\.github)(\/|$)/.test(
          entry,
        ) ||
        entry.startsWith('/out/build-resources') ||
        entry.endsWith('.map') ||
        (entry.endsWith('.ts') && !entry.endsWith('.d.ts') && !entry.includes('/node_modules/')),
    );
    expect(strays).toEqual([]);
  });

  it('has every package the main process and its workers import, and no development tool', () => {
    const mainDir = join(ROOT, 'out', 'main');
    const imported = new Set<string>();
    for (const file of readdirSync(mainDir).filter((name) => name.endsWith('.js'))) {
      for (const name of bareImports(readFileSync(join(mainDir, file), 'utf8'))) imported.add(name);
    }
    imported.delete('electron');
    expect(imported.size).toBeGreaterThan(5);
    const missing = [...imported].filter(
      (name) => !entries.includes(`/node_modules/${name}/package.json`),
    );
    expect(missing).toEqual([]);
    // Every production dependency but pdf.js's optional native canvas; no devDependency on top.
    for (const name of Object.keys(pkg.dependencies))
      expect(entries, name).toContain(`/node_modules/${name}/package.json`);
    // (Type packages are left out of this: some runtime libraries list @types/* as dependencies.)
    const devOnly = Object.keys(pkg.devDependencies).filter(
      (name) =>
        !name.startsWith('@types/') && entries.includes(`/node_modules/${name}/package.json`),
    );
    expect(devOnly).toEqual([]);
  });

  it('passes npm run security over what ships, and fails it once a fuse is back on', async () => {
    const binary = join(appDir, pkg.name);
    const scan = (args: string[]) =>
      run(process.execPath, [join(ROOT, 'scripts', 'security', 'scan.mjs'), ...args], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const sarif = ['--sarif', join(work, 'packaged.sarif')];
    const clean = await scan(['--packaged', binary, ...sarif]);
    expect(clean.stdout).toContain('every fuse as configured');
    // The reviewed findings are found again, in the bundle that holds the reviewed code.
    expect(clean.stdout).toMatch(/accepted: +MEDIUM +OPEN_EXTERNAL_JS_CHECK out\/main\/index\.js/);
    expect(clean.stdout).toMatch(/accepted: +MEDIUM +PRELOAD_JS_CHECK out\/main\/index\.js/);
    expect(clean.code).toBe(0);

    await flipFuses(binary, { version: FuseVersion.V1, [FuseV1Options.RunAsNode]: true });
    const reopened = await scan(['--packaged', binary, ...sarif]);
    expect(reopened.stdout).toContain('fuse FAIL  RunAsNode');
    expect(reopened.code).toBe(1);
  }, 240_000);

  it('ships no native code: nothing unpacked beside app.asar, no .node file inside', () => {
    expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked'))).toBe(false);
    expect(entries.filter((entry) => entry.endsWith('.node'))).toEqual([]);
  });

  it('puts the resources the app reads at process.resourcesPath/resources, and only those', async () => {
    const dir = join(appDir, 'resources', 'resources');
    const seed = JSON.parse(await readFile(join(dir, 'seed-article.json'), 'utf8'));
    expect(existsSync(join(dir, seed.textFile))).toBe(true);
    expect(existsSync(join(dir, 'csl', 'chicago-author-date.csl'))).toBe(true);
    expect(await readFile(join(dir, 'THIRD-PARTY-NOTICES.md'), 'utf8')).toContain('citeproc');
    const shipped = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(dir.length + 1)
          .replaceAll('\\', '/'),
      )
      .sort();
    const expected = readdirSync(join(ROOT, 'resources'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(join(ROOT, 'resources').length + 1)
          .replaceAll('\\', '/'),
      )
      .filter((file) =>
        PACKAGED_RESOURCES.some((pattern) =>
          pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern,
        ),
      )
      .sort();
    expect(shipped).toEqual(expected);
    expect(shipped).not.toContain('icon.svg');
    expect(shipped.some((file) => file.startsWith('packaging/'))).toBe(false);
  });
});

describe.skipIf(!linux)('npm run dist without network', () => {
  it('says what could not be downloaded and how to supply it, without a stack trace', async () => {
    const work = await mkdtemp(join(tmpdir(), 'marginalia-dist-offline-'));
    const electron = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
    ) as { version: string };
    try {
      const result = await run(
        process.execPath,
        [
          'scripts/dist/dist.mjs',
          '--linux',
          '--dir',
          `-c.directories.output=${join(work, 'dist')}`,
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            MARGINALIA_ELECTRON_DIST: '',
            // Nothing cached (Electron's own cache lives under XDG_CACHE_HOME here), and the
            // download host refuses at once: a machine without network, made on purpose.
            XDG_CACHE_HOME: join(work, 'cache'),
            ELECTRON_BUILDER_CACHE: join(work, 'builder-cache'),
            ELECTRON_CACHE: join(work, 'electron-cache'),
            ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          },
          maxBuffer: 16 * 1024 * 1024,
        },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'The build stopped because something could not be downloaded (',
      );
      expect(result.stderr).toContain(
        `put electron-v${electron.version}-linux-${process.arch}.zip`,
      );
      expect(result.stderr).toContain(join(work, 'electron-cache'));
      expect(result.stderr).not.toMatch(/^\s+at\s|stackTrace=/m);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});
