#!/usr/bin/env node
/**
 * Electron fuses for packaged builds: switches compiled into the Electron binary that no
 * command-line argument or environment variable can turn back on.
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node interpreter.
 * - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS (--require a script…) is ignored.
 * - EnableNodeCliInspectArguments off: --inspect and friends cannot attach a debugger.
 * - EnableCookieEncryption on: the cookie store on disk is encrypted with the OS keychain.
 * - EnableEmbeddedAsarIntegrityValidation on: app.asar is checked against the hash recorded
 *   in the package (macOS and Windows; electron-builder records it), so it cannot be edited.
 * - OnlyLoadAppFromAsar on: the app is loaded from app.asar only, never from an app/ folder
 *   dropped beside it.
 *
 * The other fuses keep Electron's defaults (they are left out of the configuration):
 * GrantFileProtocolExtraPrivileges could be turned off since the page is served over app://, but
 * the app protocol reads its files with net.fetch(file://…), which that fuse may affect, and
 * no Electron binary is available here to check it; LoadBrowserProcessSpecificV8Snapshot and
 * WasmTrapHandlers are not security settings.
 *
 * Use:
 * - electron-builder: `"afterPack": "./scripts/fuses/fuses.mjs"` (the default export below).
 * - By hand, on a packaged app (Marginalia.app, Marginalia.exe or the Linux `marginalia`):
 *     node scripts/fuses/fuses.mjs path/to/Marginalia        flip, then print the fuses
 *     node scripts/fuses/fuses.mjs --check path/to/Marginalia only check; exit 1 if any differs
 * Flip before code signing (macOS arm64 builds that are not signed afterwards need
 * `resetAdHocDarwinSignature`, which the afterPack hook sets).
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  FuseState,
  FuseV1Options,
  FuseVersion,
  flipFuses,
  getCurrentFuseWire,
} from '@electron/fuses';

/** The fuses Marginalia ships with. */
export const FUSE_CONFIG = Object.freeze({
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
});

/** The fuses a configuration sets, by name, with the state each must have in the binary. */
export function expectedFuseStates(config = FUSE_CONFIG) {
  return Object.entries(config)
    .filter(([key]) => /^\d+$/.test(key))
    .map(([key, on]) => ({
      fuse: FuseV1Options[Number(key)],
      index: Number(key),
      state: on ? FuseState.ENABLE : FuseState.DISABLE,
    }));
}

/** The configured fuses whose state in the binary is not the one wanted (empty when all are). */
export async function checkFuses(binaryPath, config = FUSE_CONFIG) {
  const wire = await getCurrentFuseWire(binaryPath);
  return expectedFuseStates(config)
    .filter(({ index, state }) => wire[index] !== state)
    .map(({ fuse, index, state }) => ({ fuse, expected: state, actual: wire[index] }));
}

/**
 * Flip the fuses in a packaged app's Electron binary, then read them back: throws when any
 * configured fuse did not take (a fuse Electron has removed, a binary that is not Electron…).
 */
export async function applyFuses(binaryPath, config = FUSE_CONFIG, options = {}) {
  await flipFuses(binaryPath, {
    ...config,
    resetAdHocDarwinSignature: options.resetAdHocDarwinSignature === true,
  });
  const wrong = await checkFuses(binaryPath, config);
  if (wrong.length > 0) {
    const list = wrong.map((w) => `${w.fuse} is ${w.actual}, wanted ${w.expected}`).join('; ');
    throw new Error(`Fuses did not take in ${binaryPath}: ${list}`);
  }
}

/** The Electron binary electron-builder has just packed, from its afterPack context. */
export function packedBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${name}.app`);
    case 'win32':
      return join(appOutDir, `${name}.exe`);
    default:
      // Linux: the executable is named after the package ("marginalia"), not the product.
      return join(appOutDir, packager.executableName ?? name);
  }
}

/** electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4. */
const ARCH_ARM64 = 3;

/** electron-builder `afterPack` hook. */
export default async function afterPack(context) {
  const binary = packedBinaryPath(context);
  const darwin = ['darwin', 'mas'].includes(context.electronPlatformName);
  await applyFuses(binary, FUSE_CONFIG, {
    resetAdHocDarwinSignature: darwin && context.arch === ARCH_ARM64,
  });
  console.log(`Fuses flipped and checked: ${binary}`);
}

async function main(args) {
  const check = args[0] === '--check';
  const target = check ? args[1] : args[0];
  if (!target) {
    console.error('Usage: node scripts/fuses/fuses.mjs [--check] path/to/packaged/Marginalia');
    return 2;
  }
  const binary = resolve(target);
  if (!check) await applyFuses(binary);
  const wrong = await checkFuses(binary);
  for (const { fuse, state } of expectedFuseStates()) {
    const bad = wrong.find((w) => w.fuse === fuse);
    const name = (s) => (s === FuseState.ENABLE ? 'on' : s === FuseState.DISABLE ? 'off' : s);
    console.log(`${bad ? '✗' : '✓'} ${fuse}: ${name(bad ? bad.actual : state)}`);
  }
  return wrong.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
