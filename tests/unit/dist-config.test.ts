/**
 * The packaging configuration (electron-builder.ts) and what the installers are told about files
 * (scripts/dist/file-types.mjs): read from package.json, the right targets and signing settings
 * per system, and file associations that hand the app only files it can take.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { kindOfOpenedFile } from '../../electron/notebook/opened-files.ts';
import configuration, {
  builderConfig,
  notarisation,
  type PackageInfo,
} from '../../electron-builder.ts';
import { networkFailure } from '../../scripts/dist/dist.mjs';
import {
  associatedExtensions,
  linuxOpenWithMimeTypes,
  macOpenWithAssociations,
  OPEN_WITH_TYPES,
  OWN_FILE_TYPES,
  ownFileAssociations,
  windowsOpenWithInclude,
} from '../../scripts/dist/file-types.mjs';
import { electronCacheDir } from '../../scripts/electron/cache-dir.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageInfo & {
  scripts: Record<string, string>;
};
const config = builderConfig(pkg, {});

describe('electron-builder.ts', () => {
  it('takes the app id, product name, version and copyright from package.json', () => {
    expect(config.appId).toBe(pkg.appId);
    expect(config.productName).toBe(pkg.productName);
    expect(config.copyright).toBe(`Copyright © ${new Date().getFullYear()} ${pkg.author.name}`);
    expect(config.linux?.executableName).toBe(pkg.name);
    expect(config.linux?.maintainer).toBe(`${pkg.author.name} <${pkg.author.email}>`);
    // The default export is what electron-builder loads: the same configuration.
    expect(configuration()).toEqual(builderConfig(pkg, process.env));
  });

  it('builds NSIS and portable on Windows, dmg for both Mac processors, AppImage and deb on Linux', () => {
    expect(config.win?.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(pkg.scripts.dist).toBe('node scripts/dist/dist.mjs');
    expect(pkg.scripts.predist).toContain('npm run build');
  });

  it('flips the fuses after packing, through scripts/fuses', async () => {
    expect(config.afterPack).toBe('./scripts/fuses/fuses.mjs');
    const hook = await import('../../scripts/fuses/fuses.mjs');
    expect(typeof hook.default).toBe('function');
  });

  it('signs macOS builds with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    const path = config.mac?.entitlements as string;
    expect(config.mac?.entitlementsInherit).toBe(path);
    const plist = new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/xml');
    const keys = Array.from(plist.getElementsByTagName('key')).map((key) => key.textContent);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('notarises only with a complete set of Apple credentials, and says what is missing', () => {
    expect(notarisation({})).toMatchObject({ notarize: false });
    expect(notarisation({}).note).toContain('no credentials');
    const partial = notarisation({ APPLE_ID: 'a@example.org', APPLE_TEAM_ID: 'TEAM' });
    expect(partial).toEqual({
      notarize: false,
      note: 'macOS notarisation: skipped, APPLE_APP_SPECIFIC_PASSWORD is not set.',
    });
    const full = { APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 't' };
    expect(notarisation(full).notarize).toBe(true);
    expect(builderConfig(pkg, full).mac?.notarize).toBe(true);
    expect(config.mac?.notarize).toBe(false);
    expect(
      notarisation({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'i' })
        .notarize,
    ).toBe(true);
  });

  it('uses a local Electron when MARGINALIA_ELECTRON_DIST names one, and never publishes', () => {
    expect(config.electronDist).toBeUndefined();
    expect(builderConfig(pkg, { MARGINALIA_ELECTRON_DIST: '/opt/electron' }).electronDist).toBe(
      '/opt/electron',
    );
    expect(config.publish).toBeNull();
  });
});

describe('file associations', () => {
  it('name only files the app takes when the system hands them over', () => {
    const backup = () => '{ "format": "marginalia-backup", "formatVersion": 1 }';
    const kinds = Object.fromEntries(
      associatedExtensions().map((ext) => [ext, kindOfOpenedFile(`/files/x.${ext}`, backup)]),
    );
    expect(kinds).toEqual({
      qdpx: 'import-other',
      mpackage: 'open-package',
      pdf: 'import-files',
      md: 'import-files',
      markdown: 'import-files',
      html: 'import-files',
      htm: 'import-files',
      json: 'restore',
    });
  });

  it('register Marginalia’s own types everywhere, with their own MIME types on Linux', () => {
    expect(config.fileAssociations).toEqual(ownFileAssociations());
    for (const association of ownFileAssociations()) {
      expect(association.mimeType).toMatch(/^application\/x-[a-z-]+$/);
      expect(association.rank).toBe('Owner');
      // electron-builder writes the description into the MIME XML unescaped.
      expect(association.description).not.toMatch(/[<>&]/);
    }
  });

  it('offer to open everyday types without claiming them', () => {
    expect(config.mac?.fileAssociations).toEqual(macOpenWithAssociations());
    for (const association of macOpenWithAssociations()) {
      expect(association).toMatchObject({ role: 'Viewer', rank: 'Alternate' });
    }
    expect(config.linux?.mimeTypes).toEqual(linuxOpenWithMimeTypes());
    expect(linuxOpenWithMimeTypes()).toEqual([
      'application/pdf',
      'text/markdown',
      'text/html',
      'application/json',
    ]);
    // Windows: nothing of these goes through electron-builder's association (which would make
    // Marginalia the default program); our include lists them under OpenWithProgids only.
    expect(config.win?.fileAssociations).toBeUndefined();
    expect(config.nsis?.include).toBe('out/build-resources/installer.nsh');
    const include = windowsOpenWithInclude('Marginalia');
    for (const ext of OPEN_WITH_TYPES.flatMap((type) => type.ext)) {
      expect(include).toContain(
        `"Software\\Classes\\.${ext}\\OpenWithProgids" "Marginalia.OpenWith"`,
      );
      expect(include).not.toContain(`"Software\\Classes\\.${ext}" ""`);
    }
    for (const type of OWN_FILE_TYPES) expect(include).not.toContain(`.${type.ext}\\`);
    // The uninstaller removes every value the installer wrote.
    const written = include.match(/WriteRegNone [^\r\n]+/g) ?? [];
    const removed = include.match(/DeleteRegValue [^\r\n]+/g) ?? [];
    expect(removed.map((line) => line.replace('DeleteRegValue', 'WriteRegNone'))).toEqual(written);
  });

  it('escape the product name in the Windows include', () => {
    const include = windowsOpenWithInclude('Odd "$name"');
    expect(include).toContain('"Odd $\\"$$name$\\" document"');
    expect(include).toContain('Software\\Classes\\Oddname.OpenWith');
  });

  const makensis = ['/usr/bin/makensis', '/usr/local/bin/makensis'].find((path) =>
    existsSync(path),
  );
  if (!makensis) console.log('NSIS include compile test skipped: makensis is not installed.');
  it.skipIf(!makensis)('compile with NSIS into an installer and an uninstaller', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'marginalia-nsis-'));
    try {
      await writeFile(join(dir, 'installer.nsh'), windowsOpenWithInclude(pkg.productName));
      // The two places electron-builder's installer inserts the macros, with its $appExe.
      await writeFile(
        join(dir, 'wrapper.nsi'),
        [
          'Unicode true',
          'Name "Marginalia include check"',
          `OutFile "${join(dir, 'check.exe')}"`,
          'RequestExecutionLevel user',
          'Var appExe',
          '!include "installer.nsh"',
          'Section "Install"',
          '  SetShellVarContext current',
          '  StrCpy $appExe "$INSTDIR\\Marginalia.exe"',
          '  !insertmacro customInstall',
          `  WriteUninstaller "$INSTDIR\\uninstall.exe"`,
          'SectionEnd',
          'Section "Uninstall"',
          '  !insertmacro customUnInstall',
          'SectionEnd',
          '',
        ].join('\n'),
      );
      const { stdout } = await promisify(execFile)(
        makensis as string,
        ['-V2', '-WX', 'wrapper.nsi'],
        {
          cwd: dir,
        },
      );
      expect(stdout).not.toMatch(/error/i);
      expect((await readFile(join(dir, 'check.exe'))).subarray(0, 2).toString('latin1')).toBe('MZ');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run dist on a machine without network', () => {
  it('tells a failed download from other failures, by the line that names it', () => {
    expect(
      networkFailure(
        '  • packaging       platform=linux\n  ⨯ getaddrinfo ENOTFOUND github.com  failedTask=build stackTrace=RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (got/index.js:970:111)',
      ),
    ).toBe('getaddrinfo ENOTFOUND github.com');
    expect(networkFailure('  ⨯ connect ECONNREFUSED 127.0.0.1:9  failedTask=build')).toBe(
      'connect ECONNREFUSED 127.0.0.1:9',
    );
    // A failure of the build itself keeps electron-builder's own message and stack trace.
    expect(
      networkFailure('  ⨯ Application entry file "out/main/index.js" does not exist'),
    ).toBeNull();
    expect(networkFailure('    at ENOTFOUND (frame.js:1:1)')).toBeNull();
  });

  it('names the folder where a release zip can be put, per system', () => {
    expect(electronCacheDir({ ELECTRON_CACHE: '/cache/e' }, 'linux')).toBe('/cache/e');
    expect(electronCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux')).toBe(join('/x', 'electron'));
    expect(electronCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32')).toBe(
      join('C:\\L', 'electron', 'Cache'),
    );
    expect(electronCacheDir({}, 'darwin')).toMatch(/Library[\\/]Caches[\\/]electron$/);
  });
});
