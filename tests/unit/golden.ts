import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = join(import.meta.dirname, '..', 'fixtures', 'export', 'golden');

/**
 * Compare an exporter's output with its golden file, byte for byte. `UPDATE_GOLDEN=1 npx vitest`
 * rewrites the files after an intended change (review the diff before committing); a missing
 * golden file fails, so CI never writes its own expectations.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`No golden file ${name}: run UPDATE_GOLDEN=1 npx vitest run, then review it.`);
  }
  expect(actual).toBe(expected);
}
