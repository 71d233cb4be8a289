/**
 * The Electron fuses for packaged builds (scripts/fuses/fuses.mjs). No Electron binary can be
 * downloaded where these tests run, so flipping is checked on a stand-in: a file holding Electron's
 * fuse wire (the sentinel, version 1, then one byte per fuse) as Electron 45 ships it.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import afterPack, {
  applyFuses,
  checkFuses,
  FUSE_CONFIG,
  packedBinaryPath,
} from '../../scripts/fuses/fuses.mjs';
import { ELECTRON_DEFAULTS, fakeElectronBinary } from './stand-in-electron.ts';

const ON = FuseState.ENABLE;
const OFF = FuseState.DISABLE;

const run = promisify(execFile);

describe('Electron fuses', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'marginalia-fuses-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('turns off running as Node, NODE_OPTIONS and --inspect; turns on cookie encryption, ASAR integrity and ASAR-only loading', () => {
    expect(FUSE_CONFIG).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    expect(Object.isFrozen(FUSE_CONFIG)).toBe(true);
  });

  it('flips exactly those fuses in a binary and checks they took', async () => {
    const binary = join(dir, 'electron');
    await fakeElectronBinary(binary);
    const before = await readFile(binary);
    expect((await checkFuses(binary)).map((w) => w.fuse).sort()).toEqual(
      [
        'RunAsNode',
        'EnableCookieEncryption',
        'EnableNodeOptionsEnvironmentVariable',
        'EnableNodeCliInspectArguments',
        'EnableEmbeddedAsarIntegrityValidation',
        'OnlyLoadAppFromAsar',
      ].sort(),
    );

    await applyFuses(binary);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    // The fuses left to Electron keep its defaults.
    for (const fuse of [
      FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
      FuseV1Options.GrantFileProtocolExtraPrivileges,
      FuseV1Options.WasmTrapHandlers,
    ]) {
      expect(wire[fuse]).toBe(ELECTRON_DEFAULTS[fuse]);
    }
    expect(await checkFuses(binary)).toEqual([]);
    // Only the wire changed; the rest of the binary is untouched, byte for byte.
    const after = await readFile(binary);
    const differing = [...after.keys()].filter((i) => after[i] !== before[i]);
    expect(differing).toHaveLength(6);
  });

  it('refuses a file that is not an Electron binary', async () => {
    const notElectron = join(dir, 'not-electron');
    await writeFile(notElectron, 'just text');
    await expect(applyFuses(notElectron)).rejects.toThrow(/sentinel/);
  });

  it('finds the packed binary on each platform, and works as an electron-builder afterPack hook', async () => {
    const packager = { appInfo: { productFilename: 'Marginalia' }, executableName: 'marginalia' };
    const context = (electronPlatformName: string) => ({
      appOutDir: '/dist/out',
      electronPlatformName,
      arch: 1,
      packager,
    });
    expect(packedBinaryPath(context('darwin'))).toBe(join('/dist/out', 'Marginalia.app'));
    expect(packedBinaryPath(context('win32'))).toBe(join('/dist/out', 'Marginalia.exe'));
    expect(packedBinaryPath(context('linux'))).toBe(join('/dist/out', 'marginalia'));

    const appOutDir = join(dir, 'linux-unpacked');
    await mkdir(appOutDir);
    await fakeElectronBinary(join(appOutDir, 'marginalia'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await afterPack({ ...context('linux'), appOutDir });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Fuses flipped and checked'));
    log.mockRestore();
    expect(await checkFuses(join(appOutDir, 'marginalia'))).toEqual([]);
  });

  it('flips and checks from the command line', async () => {
    const binary = join(dir, 'cli-electron');
    await fakeElectronBinary(binary);
    const script = resolve('scripts', 'fuses', 'fuses.mjs');
    await expect(run(process.execPath, [script, '--check', binary])).rejects.toMatchObject({
      code: 1,
    });
    const { stdout } = await run(process.execPath, [script, binary]);
    expect(stdout).toContain('✓ RunAsNode: off');
    expect(stdout).toContain('✓ OnlyLoadAppFromAsar: on');
    await run(process.execPath, [script, '--check', binary]);
  });
});
