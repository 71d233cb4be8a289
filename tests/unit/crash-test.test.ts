import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = resolve('scripts/crash-test/run.ts');

describe('npm run crash-test', () => {
  it('kills, checks and fuzzes a small notebook, and ends with one JSON line', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        SCRIPT,
        '--kills',
        '3',
        '--items',
        '500',
        '--big-items',
        '1500',
        '--fuzz',
        '300',
        '--json',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const lines = stdout.trimEnd().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
    expect(Object.keys(summary).slice(0, 6)).toEqual([
      'kills',
      'corruptions',
      'lostAcknowledgedEdits',
      'fuzzCases',
      'fuzzCrashes',
      'fuzzWrites',
    ]);
    expect(summary).toMatchObject({
      kills: 12,
      corruptions: 0,
      lostAcknowledgedEdits: 0,
      fuzzCases: 300,
      fuzzCrashes: 0,
      fuzzWrites: 0,
    });
    // The table comes first, for people.
    // Every phase ran: mid-edit, a larger notebook, inside compactions, inside appends.
    expect(Object.keys(summary.phases as object)).toEqual([
      'edit',
      'large',
      'compaction',
      'append',
    ]);
    for (const phase of Object.values(summary.phases as Record<string, Record<string, unknown>>))
      expect(phase).toMatchObject({
        kills: 3,
        corruptions: 0,
        lostAcknowledgedEdits: 0,
        leftoverTmpFiles: 0,
      });
    expect(stdout).toContain('Kill test: compaction');
    expect(stdout).toContain('IPC fuzz');
  }, 240_000);
});
