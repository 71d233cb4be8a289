import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Find the Electron binary the way the electron package does, but without its fallback of
 * downloading one (which fails, slowly, on machines without network access).
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  if (process.env.ELECTRON_EXEC_PATH) {
    return existsSync(process.env.ELECTRON_EXEC_PATH)
      ? { path: process.env.ELECTRON_EXEC_PATH }
      : {
          missing: `ELECTRON_EXEC_PATH points at ${process.env.ELECTRON_EXEC_PATH}, which does not exist.`,
        };
  }
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (run npm install).' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative ?? 'electron');
  if (existsSync(binary)) return { path: binary };
  return {
    missing:
      `the Electron binary is not installed (${binary} does not exist; its download at install time ` +
      'needs network access to GitHub). Install it with "npx install-electron" where the network allows, ' +
      'or set ELECTRON_OVERRIDE_DIST_PATH / ELECTRON_EXEC_PATH to an existing Electron.',
  };
}
