import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Phase, parseArgs } from './args.ts';
import { fuzzTest } from './fuzz.ts';
import { type KillResult, killTest } from './kill-test.ts';
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

/** The phases' results added up (medians of the first phase: they are per cycle). */
function totals(results: KillResult[]): KillResult {
  const sum = (f: (r: KillResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const first = results[0];
  return {
    kills: sum((r) => r.kills),
    corruptions: sum((r) => r.corruptions),
    lostAcknowledgedEdits: sum((r) => r.lostAcknowledgedEdits),
    childFailures: sum((r) => r.childFailures),
    editsMade: sum((r) => r.editsMade),
    editsAcknowledged: sum((r) => r.editsAcknowledged),
    singleAcks: sum((r) => r.singleAcks),
    coalescedAcks: sum((r) => r.coalescedAcks),
    keysChecked: sum((r) => r.keysChecked),
    cycleMs: first?.cycleMs ?? { median: 0, p90: 0, max: 0 },
    flushMs: first?.flushMs ?? { median: 0, p90: 0 },
    leftoverTmpFiles: sum((r) => r.leftoverTmpFiles),
    leftoverTmpBytes: sum((r) => r.leftoverTmpBytes),
    backups: sum((r) => r.backups),
    damagedBackups: sum((r) => r.damagedBackups),
    storeBytes: first?.storeBytes ?? 0,
    finalOpen: results.find((r) => r.finalOpen !== 'ok')?.finalOpen ?? 'ok',
    landedInside: sum((r) => r.landedInside),
    tornEnds: sum((r) => r.tornEnds),
    tmpFilesBeforeFinalOpen: sum((r) => r.tmpFilesBeforeFinalOpen),
    problems: results.flatMap((r) => r.problems).slice(0, 20),
  };
}

const RESOURCES_DIR = join(import.meta.dirname, '..', '..', 'resources');

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const root = await mkdtemp(join(tmpdir(), 'marginalia-crash-test-'));
  try {
    const phases: { phase: Phase; items: number; result: KillResult }[] = [];
    for (const phase of options.phases) {
      const items = phase === 'large' ? options.bigItems : options.items;
      log(`kill phase "${phase}": ${options.kills} kills at ${items} records`);
      const result = await killTest({
        dataDir: join(root, `kill-${phase}`),
        kills: options.kills,
        items,
        seed: options.seed,
        writeDelayMs: options.writeDelayMs,
        killDelayMs: options.killDelayMs,
        scenario: phase === 'large' ? 'edit' : phase,
        log,
      });
      phases.push({ phase, items, result });
    }
    const kill = totals(phases.map((p) => p.result));
    log(`fuzz: ${options.fuzz} cases`);
    const fuzz = await fuzzTest({
      dataDir: join(root, 'fuzz'),
      resourcesDir: RESOURCES_DIR,
      cases: options.fuzz,
      seed: options.seed,
      log,
    });

    for (const p of phases)
      process.stdout.write(`${killTable(p.result, { ...options, items: p.items }, p.phase)}\n\n`);
    process.stdout.write(`${fuzzTable(fuzz)}\n`);
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
        phases: Object.fromEntries(
          phases.map((p) => [
            p.phase,
            {
              items: p.items,
              kills: p.result.kills,
              landedInside: p.result.landedInside,
              corruptions: p.result.corruptions,
              lostAcknowledgedEdits: p.result.lostAcknowledgedEdits,
              tornEnds: p.result.tornEnds,
              leftoverTmpFiles: p.result.leftoverTmpFiles,
              finalOpen: p.result.finalOpen,
            },
          ]),
        ),
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
