import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDirs } from './temp-dir.ts';

const run = promisify(execFile);
const tempDir = tempDirs();
const SCRIPT = resolve('scripts/electron/ensure-runtime.mjs');

/** `npm start`'s first step, as a user runs it, with the installer and runtime place given. */
async function ensure(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('starting the app where Electron cannot be downloaded', () => {
  it('says what is missing and how to get it, without a stack trace, and exits non-zero', async () => {
    const dir = await tempDir();
    // The electron package's downloader, as it fails offline: a fetch error and its stack.
    const installer = join(dir, 'install.js');
    await writeFile(
      installer,
      "console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:13510:13\\n    at async downloadArtifact'); process.exit(1);\n",
    );
    const result = await ensure({
      MARGINALIA_ELECTRON_INSTALLER: installer,
      ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here'),
      ELECTRON_CACHE: join(dir, 'cache'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the Electron runtime');
    expect(result.stderr).toContain('downloading it failed (TypeError: fetch failed)');
    expect(result.stderr).toContain('ELECTRON_MIRROR=');
    expect(result.stderr).toContain(join(dir, 'cache'));
    expect(result.stderr).toMatch(/electron-v[\d.]+-\w+-\w+\.zip/);
    expect(result.stderr).toContain('npm run cli -- list');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('goes on at once when the runtime is there (nothing downloaded)', async () => {
    const dir = await tempDir();
    const name =
      process.platform === 'win32'
        ? 'electron.exe'
        : process.platform === 'darwin'
          ? 'Electron.app/Contents/MacOS/Electron'
          : 'electron';
    if (process.platform === 'darwin')
      await (await import('node:fs/promises')).mkdir(join(dir, 'Electron.app/Contents/MacOS'), {
        recursive: true,
      });
    await writeFile(join(dir, name), '');
    const result = await ensure({
      ELECTRON_OVERRIDE_DIST_PATH: dir,
      MARGINALIA_ELECTRON_INSTALLER: join(dir, 'would-fail-if-run.js'),
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });
});
