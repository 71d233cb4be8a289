import { spawn } from 'node:child_process';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { mulberry32 } from '../../bench/search/random.ts';
import { BACKUP_DIR } from '../../electron/notebook/backups.ts';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { loadSnapshot, replayJournals } from '../../electron/notebook/store/load.ts';
import { readSnapshotHeader } from '../../electron/notebook/store/snapshot.ts';
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
  /** Kills that landed inside what the scenario aims at (a compaction, an append). */
  landedInside: number;
  /** Journals found with a torn end after a kill (allowed: never acknowledged). */
  tornEnds: number;
  /** Temp files found after the last kill, before the final open removed them. */
  tmpFilesBeforeFinalOpen: number;
  problems: string[];
}

/**
 * Where kills are aimed: a moment after the child is ready (mid-edit), a moment after a
 * compaction starts, or a moment after the n-th journal append starts.
 */
export type Scenario = 'edit' | 'compaction' | 'append';

interface KillPlan {
  scenario: Scenario;
  /** ms after the trigger (ready, compaction start, append start). */
  delayMs: number;
  /** Which append (or compaction) triggers it. */
  nth: number;
}

type Parsed = { ok: true; data: StoreData; tornEnds: number } | { ok: false; reason: string };

/**
 * Read a snapshot file (the notebook's, or a backup) as the app would, without its recovery:
 * it must be a sealed snapshot this app wrote, and valid; anything else is a corruption.
 */
export async function readStoreStrictly(path: string): Promise<Parsed> {
  let load: Awaited<ReturnType<typeof loadSnapshot>>;
  try {
    load = await loadSnapshot(path);
  } catch (error) {
    return { ok: false, reason: `unreadable: ${(error as Error).message}` };
  }
  if (load.kind !== 'read')
    return { ok: false, reason: load.kind === 'missing' ? 'missing' : load.reason };
  if (!load.sealed) return { ok: false, reason: 'the seal does not match (changed or cut short)' };
  return validated(load.data, 0);
}

function validated(data: StoreData, tornEnds: number): Parsed {
  const result = storeDataSchema.safeParse(data);
  if (result.success) return { ok: true, data: result.data, tornEnds };
  const issue = result.error.issues[0];
  return { ok: false, reason: `invalid: ${issue?.path.join('.')}: ${issue?.message}` };
}

/**
 * Read the notebook (snapshot, then its journal) as the app opens it, without repairs: a torn
 * journal end is what a kill mid-append leaves and is allowed (it was never acknowledged); a
 * damaged line inside a journal, an unsealed snapshot or an invalid record is a corruption.
 */
export async function readNotebookStrictly(dataDir: string): Promise<Parsed> {
  const path = join(dataDir, STORE_FILE);
  const snapshot = await readStoreStrictly(path);
  if (!snapshot.ok) return snapshot;
  const header = await readSnapshotHeader(path);
  if (!header) return { ok: false, reason: 'the snapshot has no header line' };
  const replay = await replayJournals(dataDir, snapshot.data, header);
  const bad = replay.problems.flatMap((p) => p.read.bad.map((b) => `${p.path}:${b.line}`));
  if (bad.length > 0) return { ok: false, reason: `damaged journal lines: ${bad.join(', ')}` };
  return validated(snapshot.data, replay.problems.filter((p) => p.read.torn).length);
}

interface Cycle {
  report: ChildReport;
  exitSignal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
}

/** Run one child, kill it as planned, and collect what it said and where the kill landed. */
function runChild(config: object, plan: KillPlan): Promise<Cycle & { inside: boolean }> {
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
  let triggers = 0;
  let inCompaction = false;
  let inAppend = false;
  let killedInside = false;
  let fallback: NodeJS.Timeout | undefined;
  const killNow = () => {
    killedInside = plan.scenario === 'compaction' ? inCompaction : inAppend;
    child.kill('SIGKILL');
  };
  const aim = (delay: number) => {
    if (killTimer === undefined) killTimer = setTimeout(killNow, delay);
  };

  const line = (text: string) => {
    const space = text.indexOf(' ');
    const word = space < 0 ? text : text.slice(0, space);
    const rest = space < 0 ? '' : text.slice(space + 1);
    if (word === 'ready') {
      report.ready = true;
      clearTimeout(readyTimer);
      if (plan.scenario === 'edit') aim(plan.delayMs);
      // Should the aimed-at moment never come, kill anyway after a while.
      else fallback = setTimeout(killNow, 8000);
    } else if (word === 'compact' || word === 'append') {
      const starting = rest === 'start';
      if (word === 'compact') inCompaction = starting;
      else inAppend = starting;
      if (starting && word === (plan.scenario === 'compaction' ? 'compact' : 'append')) {
        triggers++;
        if (report.ready && triggers >= plan.nth) aim(plan.delayMs);
      }
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
      clearTimeout(fallback);
      resolve({ report, exitCode, exitSignal, stderr, inside: killedInside });
    });
  });
}

/** Temp files in the notebook folder and in `backups/` (interrupted snapshots and copies). */
async function tmpFiles(dataDir: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for (const dir of [dataDir, join(dataDir, BACKUP_DIR)]) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.tmp')) continue;
      count++;
      bytes += (await stat(join(dir, name))).size;
    }
  }
  return { count, bytes };
}

/**
 * Every file under a backup's name must read whole. An interrupted copy leaves a hidden temp
 * file instead, which is no backup: it is counted with the temp files (and gone after opening).
 */
async function checkBackups(dataDir: string): Promise<{ backups: number; damaged: number }> {
  const dir = join(dataDir, BACKUP_DIR);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));
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
    // A torn journal end set aside is the expected trace of a kill mid-append, not a recovery.
    if (recovered && !basename(recovered.keptAs).startsWith('journal-set-aside-'))
      return `recovered: ${recovered.message}`;
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
  /** What the kills aim at (default: a moment mid-edit). */
  scenario?: Scenario;
  log: (line: string) => void;
}): Promise<KillResult> {
  const { dataDir, kills, items, seed, writeDelayMs, killDelayMs, log } = options;
  const scenario = options.scenario ?? 'edit';
  // Aimed at compactions: compact after every few kilobytes of journal, so one is always near.
  const compactAfterBytes = scenario === 'compaction' ? 16 * 1024 : undefined;
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
    landedInside: 0,
    tornEnds: 0,
    tmpFilesBeforeFinalOpen: 0,
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
    // Mid-edit: the configured window. A compaction here takes a few hundred ms, an append a
    // few: the kill comes somewhere inside (or, when it is quicker, just after).
    const delay =
      scenario === 'edit'
        ? random.int(...killDelayMs)
        : scenario === 'compaction'
          ? random.int(0, 120)
          : random.int(0, 2);
    const nth = scenario === 'compaction' ? random.int(1, 2) : random.int(1, 12);
    const plan: KillPlan = { scenario, delayMs: delay, nth };
    const { report, exitSignal, exitCode, stderr, inside } = await runChild(
      { dataDir, seed, cycle, writeDelayMs, compactAfterBytes },
      plan,
    );
    if (inside) result.landedInside++;
    if (!report.ready || exitSignal !== 'SIGKILL') {
      result.childFailures++;
      problem(
        `cycle ${cycle}: the child ${report.ready ? 'ended by itself' : 'did not open the notebook'} ` +
          `(exit ${exitCode ?? exitSignal}): ${stderr.trim().split('\n').slice(-12).join(' | ')}`,
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

    const parsed = await readNotebookStrictly(dataDir);
    if (!parsed.ok) {
      result.corruptions++;
      problem(`cycle ${cycle}: corrupt store after a kill ${delay} ms in: ${parsed.reason}`);
      // Start again from a fresh store so one corruption is not counted again as lost edits.
      await fixture();
      ledger = new Ledger();
    } else {
      result.tornEnds += parsed.tornEnds;
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
      `  kill ${cycle}/${kills}: ${delay} ms after ${scenario === 'edit' ? 'ready' : `a ${scenario} started`}` +
        `${scenario !== 'edit' ? (inside ? ' (inside it)' : ' (after it)') : ''}, ${made} edits, ` +
        `${report.acked} acknowledged, ${Math.round(ms)} ms`,
    );
  }

  result.tmpFilesBeforeFinalOpen = (await tmpFiles(dataDir)).count;
  const backups = await checkBackups(dataDir);
  result.backups = backups.backups;
  result.damagedBackups = backups.damaged;
  if (backups.damaged > 0) problem(`${backups.damaged} damaged backups after the kills`);
  result.finalOpen = await finalOpen(dataDir);
  // Opening removes what interrupted snapshot writes left: nothing may remain after it.
  const tmp = await tmpFiles(dataDir);
  result.leftoverTmpFiles = tmp.count;
  result.leftoverTmpBytes = tmp.bytes;
  if (result.finalOpen !== 'ok') problem(`final open: ${result.finalOpen}`);
  result.cycleMs = {
    median: Math.round(median(times)),
    p90: Math.round(percentile(times, 0.9)),
    max: Math.round(Math.max(0, ...times)),
  };
  result.flushMs = { median: median(flushes), p90: percentile(flushes, 0.9) };
  return result;
}
