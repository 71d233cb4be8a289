/**
 * Packaging: electron-builder, which builds every installer the project ships (NSIS and portable
 * on Windows, dmg on macOS, AppImage and deb on Linux) from this one configuration, signs and
 * notarises from environment variables, and records app.asar's hash for Electron's ASAR
 * integrity check on macOS and Windows. (Electron Forge needs a maker per format plus its own
 * plugin for fuses, and has no portable Windows build.) See docs/RELEASING.md.
 *
 *   npm run dist              installers for this system, in dist/
 *   npm run dist -- --dir     only the unpacked app (dist/<system>-unpacked), for quick checks
 *
 * `npm run dist` first builds the app and renders icons and the Windows include into
 * out/build-resources (scripts/dist/prepare.mjs). Everything here comes from package.json (app id,
 * product name, version, author, copyright) or from the environment (signing, notarisation, a
 * local Electron), so nothing in this file changes between releases.
 */
import { readFileSync } from 'node:fs';
import type { Configuration } from 'electron-builder';
import {
  linuxOpenWithMimeTypes,
  macOpenWithAssociations,
  ownFileAssociations,
} from './scripts/dist/file-types.mjs';

/** The package.json fields packaging reads. */
export interface PackageInfo {
  name: string;
  productName: string;
  version: string;
  description: string;
  appId: string;
  author: { name: string; email: string };
  homepage: string;
}

/** Generated before packaging by scripts/dist/prepare.mjs (icons, the NSIS include). */
export const BUILD_RESOURCES = 'out/build-resources';

/** The files of resources/ the app reads at run time (process.resourcesPath/resources). */
export const PACKAGED_RESOURCES = Object.freeze([
  'seed-article.json',
  'seed-article.txt',
  'csl/**',
  'THIRD-PARTY-NOTICES.md',
]);

/** Apple's notarisation credentials, in the three forms electron-builder understands. */
const NOTARY_CREDENTIALS = [
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_KEYCHAIN_PROFILE'],
] as const;

/**
 * Whether the macOS build can be notarised: one complete set of credentials in the
 * environment. `note` says which, or what is missing, for the build log.
 */
export function notarisation(env: NodeJS.ProcessEnv): { notarize: boolean; note: string } {
  const complete = NOTARY_CREDENTIALS.find((set) => set.every((name) => env[name]));
  if (complete) return { notarize: true, note: `macOS notarisation: on (${complete.join(', ')})` };
  const partial = NOTARY_CREDENTIALS.find((set) => set.some((name) => env[name]));
  const missing = partial?.filter((name) => !env[name]) ?? [];
  return {
    notarize: false,
    note: partial
      ? `macOS notarisation: skipped, ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set.`
      : 'macOS notarisation: skipped, no credentials (set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID, or APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER).',
  };
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's macros, expanded by it
const NAME_VERSION = '${productName}-${version}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's macros, expanded by it
const ARCH_EXT = '${arch}.${ext}';

/** Installer file names: Marginalia-0.1.0-setup-x64.exe, Marginalia-0.1.0-arm64.dmg… */
function artifactName(kind?: string): string {
  return [NAME_VERSION, kind, ARCH_EXT].filter(Boolean).join('-');
}

export function builderConfig(pkg: PackageInfo, env: NodeJS.ProcessEnv): Configuration {
  const year = new Date().getFullYear();
  return {
    appId: pkg.appId,
    productName: pkg.productName,
    copyright: `Copyright © ${year} ${pkg.author.name}`,
    directories: { output: 'dist', buildResources: BUILD_RESOURCES },
    // The built app only: sources, tests and tools stay out. Production dependencies are added by
    // electron-builder from package.json (the main process loads them from node_modules).
    // pdf.js's optional canvas (native, 35 MB) is left out: text extraction does not use it.
    files: [
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'package.json',
      '!**/*.map',
      '!**/node_modules/@napi-rs/**',
    ],
    extraResources: [{ from: 'resources', to: 'resources', filter: [...PACKAGED_RESOURCES] }],
    asar: true,
    // No dependency has native code (tests/unit/dist-config.test.ts checks), so nothing to rebuild
    // for Electron's ABI, and no header download.
    npmRebuild: false,
    // The fuses (scripts/fuses): flipped in the packed binary before any signing, then read back.
    // (A path, not the function: electron-builder deep-merges configurations, and a function
    // value breaks that merge.)
    afterPack: './scripts/fuses/fuses.mjs',
    // An Electron unpacked or zipped locally, for machines that cannot download it.
    electronDist: env.MARGINALIA_ELECTRON_DIST || undefined,
    // Installers are attached to a release by the workflow, never published from here.
    publish: null,
    fileAssociations: ownFileAssociations(),
    win: {
      target: [
        { target: 'nsis', arch: ['x64'] },
        { target: 'portable', arch: ['x64'] },
      ],
      icon: `${BUILD_RESOURCES}/icon.ico`,
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      // "Open with Marginalia" for PDF, Markdown, HTML and backups, without claiming them.
      include: `${BUILD_RESOURCES}/installer.nsh`,
      artifactName: artifactName('setup'),
    },
    portable: { artifactName: artifactName('portable') },
    mac: {
      target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
      category: 'public.app-category.education',
      icon: `${BUILD_RESOURCES}/icons/1024x1024.png`,
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'resources/packaging/entitlements.mac.plist',
      entitlementsInherit: 'resources/packaging/entitlements.mac.plist',
      notarize: notarisation(env).notarize,
      fileAssociations: macOpenWithAssociations(),
    },
    dmg: { artifactName: artifactName() },
    linux: {
      target: ['AppImage', 'deb'],
      executableName: pkg.name,
      icon: `${BUILD_RESOURCES}/icons`,
      category: 'Office',
      synopsis: pkg.description,
      maintainer: `${pkg.author.name} <${pkg.author.email}>`,
      mimeTypes: linuxOpenWithMimeTypes(),
      desktop: {
        entry: {
          GenericName: 'Research Notebook',
          Keywords: 'annotate;highlight;quote;qualitative;coding;research;',
        },
      },
      artifactName: artifactName(),
    },
    deb: { packageCategory: 'text', priority: 'optional' },
  };
}

/** electron-builder calls the default export for the configuration. */
export default function configuration(): Configuration {
  const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  const config = builderConfig(pkg, process.env);
  if (process.platform === 'darwin') console.log(notarisation(process.env).note);
  return config;
}
