import { writeFile } from 'node:fs/promises';
import { FuseState } from '@electron/fuses';

/**
 * A stand-in for the Electron binary, which cannot be downloaded where the tests run: a file
 * holding Electron's fuse wire as Electron 45 ships it (the sentinel @electron/fuses looks for,
 * wire version 1, then one byte per fuse), amid filler bytes.
 */

/** The marker Electron puts before its fuse wire (@electron/fuses' constants, not exported). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = FuseState.ENABLE;
const OFF = FuseState.DISABLE;

/** Electron's defaults, in wire order (RunAsNode, cookie encryption, NODE_OPTIONS, …). */
export const ELECTRON_DEFAULTS = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];

export async function fakeElectronBinary(path: string): Promise<void> {
  const noise = Buffer.alloc(64 * 1024, 0x90);
  const wire = Buffer.from([1, ELECTRON_DEFAULTS.length, ...ELECTRON_DEFAULTS]);
  await writeFile(path, Buffer.concat([noise, Buffer.from(SENTINEL), wire, noise]), {
    mode: 0o755,
  });
}
