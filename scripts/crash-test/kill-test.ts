import { spawn } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32 } from '../../bench/search/random.ts';
import { BACKUP_DIR } from '../../electron/notebook/backups.ts';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { migrate } from '../../electron/notebook/migrations.ts';
import { openStore } from '../../electron/notebook/store.ts';
import { LOCK_FILE } from '../../electron/notebook/store-lock.ts';
import { type StoreData, storeDataSchema } from '../../shared/model.ts';
import type { Edit } from './edits.ts';
import { indexStore } from './edits.ts';
import { buildStore, writeStore } from './fixture.ts';
import { type ChildReport, Ledger, type Lost } from './ledger.ts';
import { median, percentile } from './stats.ts';

const CHILD = join(import.meta.dirname, 'child.ts');
const READY_TIMEOUT_MS = 60_000;

export interface KillResult {
  kills: number;
  corruptions: number;
  lostAcknowledgedEdits: number;
  /** Children that could not open the notebook (the lock left by the last kill, say). */
  childFailures: number;
  editsMade: number;
  editsAcknowledged: number;
  /** Acknowledgements covering one edit, and several (coalesced into one write). */
  singleAcks: number;
  coalescedAcks: number;
  keysChecked: number;
  cycleMs: { median: number; p90: number; max: number };
  /** How long an acknowledged flush took in the child (a write of the whole store). */
  flushMs: { median: number; p90: number };
  /** Temp files of interrupted writes left in the data folder at the end, and their size. */
  leftoverTmpFiles: number;
  leftoverTmpBytes: number;
  backups: number;
  damagedBackups: number;
  storeBytes: number;
  /** The notebook opened cleanly after the last kill (lock taken over, no recovery). */
  finalOpen: 'ok' | string;
  problems: string[];
}

type Parsed = { ok: true; data: StoreData } | { ok: false; reason: string };

/** Read the store as the app would, without the app's recovery: any failure is a corruption. */
export async function readStoreStrictly(path: string): Promise<Parsed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, reason: `unreadable: ${(error as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: `not JSON (${text.length} characters)` };
  }
  try {
    const result = storeDataSchema.safeParse(migrate(raw));
    if (result.success) return { ok: true, data: result.data };
    const issue = result.error.issues[0];
    return { ok: false, reason: `invalid: ${issue?.path.join('.')}: ${issue?.message}` };
  } catch (error) {
    return { ok: false, reason: `migration failed: ${(error as Error).message}` };
  }
}

interface Cycle {
  report: ChildReport;
  exitSignal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
}

/** Run one child, kill it `delay` ms after it is ready, and collect what it said. */
function runChild(config: object, killDelay: (ready: number) => number): Promise<Cycle> {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', CHILD, JSON.stringify(config)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const report: ChildReport = {
    edits: new Map(),
    failed: new Set(),
    acked: 0,
    ackSizes: [],
    flushMs: [],
    ready: false,
  };
  let stderr = '';
  let pending = '';
  let killTimer: NodeJS.Timeout | undefined;
  const readyTimer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);

  const line = (text: string) => {
    const space = text.indexOf(' ');
    const word = space < 0 ? text : text.slice(0, space);
    const rest = space < 0 ? '' : text.slice(space + 1);
    if (word === 'ready') {
      report.ready = true;
      clearTimeout(readyTimer);
      killTimer = setTimeout(() => child.kill('SIGKILL'), killDelay(Date.now()));
    } else if (word === 'edit') {
      const at = rest.indexOf(' ');
      report.edits.set(Number(rest.slice(0, at)), JSON.parse(rest.slice(at + 1)) as Edit);
    } else if (word === 'fail') {
      report.failed.add(Number.parseInt(rest, 10));
    } else if (word === 'ack') {
      const [upTo = 0, ms = 0] = rest.split(' ').map(Number);
      report.ackSizes.push(upTo - report.acked);
      report.flushMs.push(ms);
      report.acked = upTo;
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      line(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    // An unfinished last line (cut by the kill) is ignored: it announced or acknowledged nothing.
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  // 'close' comes after the exit (the child is reaped, so its pid is dead for the lock check)
  // and after its output has been read to the end.
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, exitSignal) => {
      clearTimeout(readyTimer);
      clearTimeout(killTimer);
      resolve({ report, exitCode, exitSignal, stderr });
    });
  });
}

async function tmpFiles(dataDir: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for (const name of await readdir(dataDir)) {
    if (!name.endsWith('.tmp')) continue;
    count++;
    bytes += (await stat(join(dataDir, name))).size;
  }
  return { count, bytes };
}

async function checkBackups(dataDir: string): Promise<{ backups: number; damaged: number }> {
  const dir = join(dataDir, BACKUP_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  let damaged = 0;
  for (const name of names) {
    if (!(await readStoreStrictly(join(dir, name))).ok) damaged++;
  }
  return { backups: names.length, damaged };
}

/** Open the notebook once more after the last kill: the lock must be taken over, no recovery. */
async function finalOpen(dataDir: string): Promise<string> {
  try {
    const store = await openStore(dataDir);
    const recovered = store.recovery;
    await store.close();
    if (recovered) return `recovered: ${recovered.message}`;
    const lockLeft = await stat(join(dataDir, LOCK_FILE)).then(
      () => true,
      () => false,
    );
    return lockLeft ? 'the lock was left after a clean close' : 'ok';
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

export async function killTest(options: {
  dataDir: string;
  kills: number;
  items: number;
  seed: number;
  writeDelayMs: number;
  killDelayMs: [number, number];
  log: (line: string) => void;
}): Promise<KillResult> {
  const { dataDir, kills, items, seed, writeDelayMs, killDelayMs, log } = options;
  const random = mulberry32(seed);
  const storePath = join(dataDir, STORE_FILE);
  const fixture = async () => {
    await rm(dataDir, { recursive: true, force: true });
    await writeStore(dataDir, buildStore(items, seed));
  };
  let ledger = new Ledger();
  const result: KillResult = {
    kills: 0,
    corruptions: 0,
    lostAcknowledgedEdits: 0,
    childFailures: 0,
    editsMade: 0,
    editsAcknowledged: 0,
    singleAcks: 0,
    coalescedAcks: 0,
    keysChecked: 0,
    cycleMs: { median: 0, p90: 0, max: 0 },
    flushMs: { median: 0, p90: 0 },
    leftoverTmpFiles: 0,
    leftoverTmpBytes: 0,
    backups: 0,
    damagedBackups: 0,
    storeBytes: 0,
    finalOpen: 'ok',
    problems: [],
  };
  if (kills === 0) return result;
  log(`kill test: writing a store of ${items} records to ${dataDir}`);
  await fixture();
  result.storeBytes = (await stat(storePath)).size;
  const problem = (text: string) => {
    if (result.problems.length < 20) result.problems.push(text);
    log(`  ! ${text}`);
  };
  const times: number[] = [];
  const flushes: number[] = [];

  for (let cycle = 1; cycle <= kills; cycle++) {
    const started = performance.now();
    const delay = random.int(...killDelayMs);
    const { report, exitSignal, exitCode, stderr } = await runChild(
      { dataDir, seed, cycle, writeDelayMs },
      () => delay,
    );
    if (!report.ready || exitSignal !== 'SIGKILL') {
      result.childFailures++;
      problem(
        `cycle ${cycle}: the child ${report.ready ? 'ended by itself' : 'did not open the notebook'} ` +
          `(exit ${exitCode ?? exitSignal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
      );
      // Carry on from a clean state: take the lock away if that was what stopped it.
      await rm(join(dataDir, LOCK_FILE), { force: true });
      if (!report.ready) continue;
    } else {
      result.kills++;
    }

    const made = [...report.edits.keys()].filter((s) => !report.failed.has(s)).length;
    result.editsMade += made;
    result.editsAcknowledged +=
      report.acked - [...report.failed].filter((s) => s <= report.acked).length;
    flushes.push(...report.flushMs);
    for (const size of report.ackSizes) {
      if (size === 1) result.singleAcks++;
      else if (size > 1) result.coalescedAcks++;
    }
    if (report.failed.size > 0)
      problem(`cycle ${cycle}: ${report.failed.size} edits refused by the core`);

    const parsed = await readStoreStrictly(storePath);
    if (!parsed.ok) {
      result.corruptions++;
      problem(`cycle ${cycle}: corrupt store after a kill ${delay} ms in: ${parsed.reason}`);
      // Start again from a fresh store so one corruption is not counted again as lost edits.
      await fixture();
      ledger = new Ledger();
    } else {
      const lost: Lost[] = ledger.check(report, indexStore(parsed.data));
      result.lostAcknowledgedEdits += lost.length;
      for (const l of lost.slice(0, 3))
        problem(
          `cycle ${cycle}: lost ${l.key}: found ${l.found}, expected one of ${l.expected.join(' | ')}`,
        );
      result.keysChecked = ledger.keys;
    }
    const ms = performance.now() - started;
    times.push(ms);
    log(
      `  kill ${cycle}/${kills}: ${delay} ms after ready, ${made} edits, ${report.acked} acknowledged, ` +
        `${Math.round(ms)} ms`,
    );
  }

  const tmp = await tmpFiles(dataDir);
  result.leftoverTmpFiles = tmp.count;
  result.leftoverTmpBytes = tmp.bytes;
  const backups = await checkBackups(dataDir);
  result.backups = backups.backups;
  result.damagedBackups = backups.damaged;
  result.finalOpen = await finalOpen(dataDir);
  if (result.finalOpen !== 'ok') problem(`final open: ${result.finalOpen}`);
  result.cycleMs = {
    median: Math.round(median(times)),
    p90: Math.round(percentile(times, 0.9)),
    max: Math.round(Math.max(0, ...times)),
  };
  result.flushMs = { median: median(flushes), p90: percentile(flushes, 0.9) };
  return result;
}
