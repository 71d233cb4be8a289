import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { listJournals } from '../../electron/notebook/store/journal.ts';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract.ts';
import type { ErrorCode } from '../../shared/result.ts';
import { BASES, type FuzzFixture, makeFixture } from './fuzz-bases.ts';
import { payloads, unknownMethod } from './fuzz-payloads.ts';

const KNOWN_CODES = Object.keys({
  'invalid-input': true,
  'not-found': true,
  conflict: true,
  forbidden: true,
  'unknown-method': true,
  unavailable: true,
  internal: true,
} satisfies Record<ErrorCode, true>);
const CASE_TIMEOUT_MS = 10_000;
export const UNKNOWN_METHODS = '(unknown method)';

export interface MethodRow {
  method: string;
  cases: number;
  crashes: number;
  writes: number;
  /** A known error code other than the one expected (invalid-input, unknown-method). */
  otherCodes: number;
  /** Generated payloads the schema accepted, so not used. */
  discarded: number;
  /** Fewer cases than asked: the generators kept making valid payloads. */
  short: number;
  hasBase: boolean;
}

export interface FuzzResult {
  fuzzCases: number;
  fuzzCrashes: number;
  fuzzWrites: number;
  fuzzOtherCodes: number;
  /** 'changed' events while fuzzing (a rejected call must not announce a change). */
  fuzzEvents: number;
  /** Object.prototype, Array.prototype or Function.prototype changed while fuzzing. */
  prototypePolluted: boolean;
  methodsWithoutBase: string[];
  casesPerSecond: number;
  rows: MethodRow[];
  problems: string[];
}

/** The same rejection the dispatcher sees; a schema that throws counts as a rejection. */
function rejected(method: MethodName, payload: unknown): boolean {
  try {
    return !contract[method].input.safeParse(payload).success;
  } catch {
    return true;
  }
}

const describe = (value: unknown): string => {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(value);
  }
};

function failureCode(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const { ok, error } = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok !== false || typeof error !== 'object' || error === null) return null;
  if (typeof error.message !== 'string' || typeof error.code !== 'string') return null;
  return KNOWN_CODES.includes(error.code) ? error.code : null;
}

/** How many cases each bucket gets: `total` shared out, at least one each (none for 0). */
export function shareOut(total: number, buckets: number): number[] {
  return Array.from({ length: buckets }, (_, i) =>
    total === 0 ? 0 : Math.max(1, Math.floor(total / buckets) + (i < total % buckets ? 1 : 0)),
  );
}

/** Sample until `want` payloads pass `keep`, or give up after many rounds. */
function generate<T>(
  arbitrary: fc.Arbitrary<T>,
  want: number,
  seed: number,
  keep: (value: T) => boolean,
): { values: T[]; discarded: number } {
  const values: T[] = [];
  let discarded = 0;
  for (let round = 0; values.length < want && round < 50; round++) {
    const batch = Math.max(8, (want - values.length) * 2);
    for (const value of fc.sample(arbitrary, { seed: seed + round * 7_919, numRuns: batch })) {
      if (values.length >= want) break;
      if (keep(value)) values.push(value);
      else discarded++;
    }
  }
  return { values, discarded };
}

const prototypeShape = () =>
  [Object.prototype, Array.prototype, Function.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(','))
    .join('|');

export async function fuzzTest(options: {
  dataDir: string;
  resourcesDir: string;
  cases: number;
  seed: number;
  log: (line: string) => void;
}): Promise<FuzzResult> {
  const { cases, seed, log } = options;
  const notebook = await openNotebook({
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    store: { writeDelayMs: 5 },
  });
  const fixture: FuzzFixture = await makeFixture(notebook);
  const storePath = join(options.dataDir, 'notebook.json');
  // The snapshot and every journal file: a write anywhere in the notebook changes the hash.
  const hash = async () => {
    const digest = createHash('sha256').update(await readFile(storePath));
    await notebook.store.flush();
    for (const journal of await listJournals(options.dataDir))
      digest.update(journal.path).update(await readFile(journal.path));
    return digest.digest('hex');
  };
  const fileBefore = await hash();
  let events = 0;
  const unsubscribe = notebook.subscribe((event) => {
    if (event.type === 'changed') events++;
  });
  const shapeBefore = prototypeShape();
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 20) problems.push(text);
    log(`  ! ${text}`);
  };

  const buckets = [...METHOD_NAMES, UNKNOWN_METHODS];
  const quotas = shareOut(cases, buckets.length);
  const rows: MethodRow[] = [];
  const started = performance.now();

  for (const [index, bucket] of buckets.entries()) {
    const quota = quotas[index]!;
    const unknown = bucket === UNKNOWN_METHODS;
    const method = bucket as MethodName;
    const makeBase = unknown ? undefined : BASES[method];
    const base = makeBase ? (makeBase as (f: FuzzFixture) => unknown)(fixture) : undefined;
    if (base !== undefined && rejected(method, base))
      problem(`${method}: the fuzzer's valid payload is rejected by the schema`);

    // Each case: a method name and a payload that method's schema rejects.
    const generated = unknown
      ? generate(
          fc.tuple(unknownMethod, payloads(undefined)),
          quota,
          seed + index * 104_729,
          ([name]) => typeof name !== 'string' || !Object.hasOwn(contract, name),
        )
      : generate(
          payloads(base).map((p) => [method, p] as [unknown, unknown]),
          quota,
          seed + index * 104_729,
          ([, p]) => rejected(method, p),
        );

    const row: MethodRow = {
      method: bucket,
      cases: 0,
      crashes: 0,
      writes: 0,
      otherCodes: 0,
      discarded: generated.discarded,
      short: quota - generated.values.length,
      hasBase: base !== undefined,
    };
    const expected = unknown ? 'unknown-method' : 'invalid-input';
    for (const [name, payload] of generated.values) {
      row.cases++;
      const revision = notebook.store.revision;
      let result: unknown;
      let crash: string | null = null;
      try {
        let timer: NodeJS.Timeout | undefined;
        result = await Promise.race([
          notebook.dispatch(name as string, payload),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('no answer in 10 s')), CASE_TIMEOUT_MS);
          }),
        ]).finally(() => clearTimeout(timer));
      } catch (error) {
        crash = `threw ${error instanceof Error ? `${error.name}: ${error.message}` : describe(error)}`;
      }
      const code = crash === null ? failureCode(result) : null;
      if (crash === null && code === null) crash = `answered ${describe(result)}`;
      if (crash !== null) {
        row.crashes++;
        problem(`${bucket}: ${crash} for ${describe(name)} ${describe(payload)}`);
      } else if (code !== expected) {
        row.otherCodes++;
      }
      if (notebook.store.revision !== revision) {
        row.writes++;
        problem(`${bucket}: the store changed for ${describe(payload)}`);
      }
    }
    // Anything that slipped into the file without touching the revision.
    await notebook.store.flush();
    if ((await hash()) !== fileBefore) {
      row.writes++;
      problem(`${bucket}: the store file changed`);
    }
    if (row.short > 0) problem(`${bucket}: only ${row.cases} of ${quota} invalid payloads found`);
    rows.push(row);
    log(
      `  fuzz ${bucket}: ${row.cases} cases, ${row.crashes} crashes, ${row.writes} writes` +
        (row.discarded > 0 ? ` (${row.discarded} valid payloads skipped)` : ''),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  unsubscribe();
  const prototypePolluted =
    prototypeShape() !== shapeBefore || ({} as Record<string, unknown>).polluted !== undefined;
  if (prototypePolluted) problem('a prototype was changed while fuzzing');
  await notebook.close();

  const sum = (f: (r: MethodRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    fuzzCases: sum((r) => r.cases),
    fuzzCrashes: sum((r) => r.crashes),
    fuzzWrites: sum((r) => r.writes),
    fuzzOtherCodes: sum((r) => r.otherCodes),
    fuzzEvents: events,
    prototypePolluted,
    methodsWithoutBase: rows
      .filter((r) => !r.hasBase && r.method !== UNKNOWN_METHODS)
      .map((r) => r.method),
    casesPerSecond: Math.round(sum((r) => r.cases) / Math.max(seconds, 1e-3)),
    rows,
    problems,
  };
}
