#!/usr/bin/env node
/**
 * Before electron-builder (`npm run dist` runs it as `predist`, after `npm run build`): writes
 * what the installers are made of but the repository does not keep, into out/build-resources
 * (electron-builder's build-resources folder, see electron-builder.ts):
 * - the icons in every size, from resources/icon.svg (icons.mjs);
 * - installer.nsh, the Windows installer's "Open with" entries (file-types.mjs).
 * Refuses to go on when the app has not been built, rather than packaging an empty app.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { windowsOpenWithInclude } from './file-types.mjs';
import { renderIcons } from './icons.mjs';

const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

export async function prepare(root) {
  const missing = BUILT.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) {
    throw new Error(
      `The app is not built (${missing.join(', ')} missing): run npm run build first.`,
    );
  }
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const out = join(root, 'out', 'build-resources');
  await mkdir(out, { recursive: true });
  const icons = await renderIcons(join(root, 'resources', 'icon.svg'), out);
  const include = join(out, 'installer.nsh');
  await writeFile(include, windowsOpenWithInclude(pkg.productName));
  return { icons, include };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  prepare(resolve(import.meta.dirname, '..', '..')).then(
    ({ icons, include }) =>
      console.log(`Packaging resources written: ${icons.linux}, ${icons.win}, ${include}`),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
