/**
 * The app icon in every size from resources/icon.svg (scripts/dist/icons.mjs), read back as the
 * systems read them: PNG headers for the Linux set and macOS, the ICO directory for Windows.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICO_SIZES, ICON_SIZES, renderIcons } from '../../scripts/dist/icons.mjs';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('app icons', () => {
  let dir = '';
  let paths: { linux: string; win: string; mac: string };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'marginalia-icons-'));
    paths = await renderIcons('resources/icon.svg', dir);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders the Linux set, each file the size its name says', async () => {
    for (const size of ICON_SIZES) {
      const png = await readFile(join(paths.linux, `${size}x${size}.png`));
      expect(pngSize(png)).toEqual({ width: size, height: size });
    }
    expect(paths.mac).toBe(join(paths.linux, '1024x1024.png'));
  });

  it('draws the picture, not an empty canvas: corners clear, the middle opaque', async () => {
    const png = await readFile(join(paths.linux, '256x256.png'));
    const { PNG } = await import('pngjs');
    const image = PNG.sync.read(png);
    const alpha = (x: number, y: number) => image.data[(y * image.width + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(128, 128)).toBe(255);
  });

  it('packs 16 to 256 pixels into the Windows .ico', async () => {
    const ico = await readFile(paths.win);
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([...ICO_SIZES]);
  });

  it('refuses a source that is not square, naming it', async () => {
    const wide = join(dir, 'wide.svg');
    await writeFile(wide, '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"/>');
    await expect(renderIcons(wide, join(dir, 'wide'))).rejects.toThrow(
      `${wide} is 200×100; the app icon must be square.`,
    );
  });
});
