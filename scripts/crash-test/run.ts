import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './args.ts';
import { fuzzTest } from './fuzz.ts';
import { killTest } from './kill-test.ts';
import { fuzzTable, killTable } from './report.ts';

/**
 * `npm run crash-test -- [--kills N] [--items N] [--fuzz N] [--seed S] [--json]
 *   [--write-delay MS] [--kill-delay MIN-MAX]`   (defaults: 200, 10000, 10000, 20 ms, 20-400 ms)
 *
 * 1. Kill test: a child process edits a notebook of `--items` records through `dispatch` and is
 *    killed with SIGKILL at a random moment, `--kills` times; after each kill the store file
 *    must read and validate, and every edit the child saw written must be in it.
 * 2. IPC fuzz: `--fuzz` payloads, each rejected by its method's schema, spread over every
 *    contract method and unknown method names; each must answer a typed error and change nothing.
 *
 * Measures, does not time: the tables go to stdout, progress to stderr; with `--json` the last
 * line of stdout is one JSON object. Exits 1 when a store was corrupt, an acknowledged edit was
 * lost, a child could not be run, or a fuzz case crashed or wrote.
 */

const RESOURCES_DIR = join(import.meta.dirname, '..', '..', 'resources');

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const root = await mkdtemp(join(tmpdir(), 'marginalia-crash-test-'));
  try {
    const kill = await killTest({
      dataDir: join(root, 'kill'),
      kills: options.kills,
      items: options.items,
      seed: options.seed,
      writeDelayMs: options.writeDelayMs,
      killDelayMs: options.killDelayMs,
      log,
    });
    log(`fuzz: ${options.fuzz} cases`);
    const fuzz = await fuzzTest({
      dataDir: join(root, 'fuzz'),
      resourcesDir: RESOURCES_DIR,
      cases: options.fuzz,
      seed: options.seed,
      log,
    });

    process.stdout.write(`${killTable(kill, options)}\n\n${fuzzTable(fuzz)}\n`);
    const problems = [...kill.problems, ...fuzz.problems];
    if (problems.length > 0)
      process.stdout.write(`\nProblems (first ${problems.length}):\n${problems.join('\n')}\n`);

    if (options.json) {
      const summary = {
        kills: kill.kills,
        corruptions: kill.corruptions,
        lostAcknowledgedEdits: kill.lostAcknowledgedEdits,
        fuzzCases: fuzz.fuzzCases,
        fuzzCrashes: fuzz.fuzzCrashes,
        fuzzWrites: fuzz.fuzzWrites,
        childFailures: kill.childFailures,
        editsMade: kill.editsMade,
        editsAcknowledged: kill.editsAcknowledged,
        singleAcks: kill.singleAcks,
        coalescedAcks: kill.coalescedAcks,
        medianCycleMs: kill.cycleMs.median,
        medianFlushMs: kill.flushMs.median,
        leftoverTmpFiles: kill.leftoverTmpFiles,
        leftoverTmpBytes: kill.leftoverTmpBytes,
        backups: kill.backups,
        damagedBackups: kill.damagedBackups,
        finalOpen: kill.finalOpen,
        storeBytes: kill.storeBytes,
        fuzzOtherCodes: fuzz.fuzzOtherCodes,
        fuzzEvents: fuzz.fuzzEvents,
        prototypePolluted: fuzz.prototypePolluted,
        methodsWithoutBase: fuzz.methodsWithoutBase,
        fuzzPerMethod: Object.fromEntries(
          fuzz.rows.map((r) => [
            r.method,
            { cases: r.cases, crashes: r.crashes, writes: r.writes },
          ]),
        ),
      };
      process.stdout.write(`\n${JSON.stringify(summary)}\n`);
    }
    const failed =
      kill.corruptions +
        kill.lostAcknowledgedEdits +
        kill.childFailures +
        fuzz.fuzzCrashes +
        fuzz.fuzzWrites >
        0 || fuzz.prototypePolluted;
    return failed ? 1 : 0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 2;
}
