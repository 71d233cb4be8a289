/**
 * The app's icons, every size from one source image (resources/icon.svg), for electron-builder:
 * - `icons/<n>x<n>.png` for n in ICON_SIZES: the Linux icon set (electron-builder wants the size
 *   in each file name) and the source of the others;
 * - `icon.ico`: Windows, the sizes Explorer and the taskbar use (16 to 256), each drawn from the
 *   SVG at its own size rather than scaled down from a big bitmap, so small sizes stay sharp;
 * - `icons/1024x1024.png`: macOS, which electron-builder turns into the .icns itself.
 *
 * Rendering: resvg (@resvg/resvg-js, a Rust SVG renderer shipped as prebuilt binaries in the npm
 * package, no system library needed). ICO packing: png-to-ico.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

/** Every size rendered (the freedesktop hicolor sizes, and macOS's 1024 for Retina 512@2x). */
export const ICON_SIZES = Object.freeze([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
/** The sizes packed into the Windows .ico (above 256 Windows does not use). */
export const ICO_SIZES = Object.freeze([16, 24, 32, 48, 64, 128, 256]);

/** One PNG of the SVG at `size` × `size` pixels. */
export function renderPng(svg, size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    background: 'rgba(0, 0, 0, 0)',
    font: { loadSystemFonts: false },
  });
  return resvg.render().asPng();
}

/**
 * Render the icon set into `outDir`; returns the paths electron-builder is given.
 * Throws, naming the file, when the source is not a square SVG.
 */
export async function renderIcons(svgPath, outDir) {
  const svg = await readFile(svgPath);
  const probe = new Resvg(svg);
  if (probe.width !== probe.height) {
    throw new Error(`${svgPath} is ${probe.width}×${probe.height}; the app icon must be square.`);
  }
  const setDir = join(outDir, 'icons');
  await mkdir(setDir, { recursive: true });
  const pngs = new Map();
  for (const size of ICON_SIZES) {
    const png = renderPng(svg, size);
    pngs.set(size, png);
    await writeFile(join(setDir, `${size}x${size}.png`), png);
  }
  const ico = join(outDir, 'icon.ico');
  await writeFile(ico, await pngToIco(ICO_SIZES.map((size) => pngs.get(size))));
  return { linux: setDir, win: ico, mac: join(setDir, '1024x1024.png') };
}
