import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storePathIn } from '../../electron/notebook/data-dir.ts';
import { buildStore, writeStore } from '../../scripts/crash-test/fixture.ts';
import { median } from '../search/stats.ts';
import type { CaseInput, CaseResult } from './store-case.ts';

export interface StoreRow extends CaseResult {
  design: 'journal' | 'whole-file';
  items: number;
  /** "heavy": 400 documents of 60 KB text each. */
  label: string;
  fileMB: number;
  edits: number;
  /** How many openings the open, stall, first-search and memory figures are the median of. */
  openings: number;
}

/** The heavy notebook: 400 documents of 60 KB of text each, a few thousand records besides. */
const HEAVY = { items: 6000, documents: 400, documentChars: 60_000 };

/**
 * The store benchmark: per size, a notebook of the crash-test fixture's shape written as the
 * new layout (sealed snapshot) and as the old one (one JSON file), each opened in its own
 * process: library and a document shown, first search, then comment edits typed at ten
 * characters a second (200 on the journal; fewer on the whole-file baseline, whose every save
 * rewrites the notebook).
 */
export async function benchStore(options: {
  sizes: number[];
  heavy: boolean;
  baselineEdits: number;
  /** Openings per size on the journal (medians); the whole-file baseline opens once. */
  opens: number;
  log: (line: string) => void;
}): Promise<{ text: string; rows: StoreRow[] }> {
  const rows: StoreRow[] = [];
  const cases = [
    ...options.sizes.map((items) => ({ items, label: String(items), heavy: undefined })),
    ...(options.heavy
      ? [{ items: HEAVY.items, label: 'heavy', heavy: HEAVY as typeof HEAVY | undefined }]
      : []),
  ];
  for (const c of cases) {
    options.log(`store: building ${c.label}`);
    const data = buildStore(c.items, 7, c.heavy);
    // Today's layout first: the old one rewrites the whole notebook at every save (1.5 GB at
    // 100k), and the openings measured right after it waited on the disk writing that back
    // (median open 1.18 s after it, 0.89 s before it, same machine, same hour).
    for (const design of ['journal', 'whole-file'] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), `marginalia-bench-store-${design}-`));
      try {
        await writeStore(dataDir, data, design === 'journal' ? 'snapshot' : 'v2-file');
        settleDisk();
        const fileMB = statSync(storePathIn(dataDir)).size / 2 ** 20;
        const edits = design === 'journal' ? 200 : options.baselineEdits;
        options.log(`store: ${design} at ${c.label} (${edits} edits)`);
        const input: CaseInput = { design, dataDir, edits };
        // As a researcher starts the app: not for the first time. A first opening builds the
        // search index and leaves its cache beside the notebook; the measured ones follow.
        if (design === 'journal') runChild({ ...input, edits: 0 });
        // Opening is measured `opens` times (the last one then types the edits) and the
        // median kept: one opening on this shared machine swings by a tenth either way.
        const openings = design === 'journal' ? options.opens : 1;
        const results: CaseResult[] = [];
        for (let run = 1; run <= openings; run++)
          results.push(parseResult(runChild(run === openings ? input : { ...input, edits: 0 })));
        const typed = results.at(-1)!;
        const middle = (pick: (r: CaseResult) => number) => median(results.map(pick));
        rows.push({
          design,
          items: c.items,
          label: c.label,
          fileMB,
          edits,
          openings,
          ...typed,
          openMs: middle((r) => r.openMs),
          openStallMs: middle((r) => r.openStallMs),
          firstSearchMs: middle((r) => r.firstSearchMs),
          rssMB: middle((r) => r.rssMB),
        });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  // Shown as before: per size, the old layout beside the new.
  const order = (r: StoreRow) =>
    cases.findIndex((c) => c.label === r.label) * 2 + (r.design === 'journal' ? 1 : 0);
  rows.sort((a, b) => order(a) - order(b));
  return { text: table(rows), rows };
}

/** Let the disk write back what was just written (the fixture), so an opening does not wait on it. */
function settleDisk(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No `sync` (Windows): the measurements are then as they come.
  }
}

const f = (n: number, digits = 0) => n.toFixed(digits);

const parseResult = (output: string) => JSON.parse(output.trim().split('\n').at(-1)!) as CaseResult;

function runChild(input: CaseInput): string {
  return execFileSync(
    process.execPath,
    [
      '--max-old-space-size=4096',
      '--disable-warning=ExperimentalWarning',
      'bench/store/store-case.ts',
      JSON.stringify(input),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

function table(rows: StoreRow[]): string {
  const head =
    'items   │ design     │ file MB │ open ms │ open stall │ 1st search ms │ openings │ edit durable ms (median) │ edit stall p99 ms │ bytes/edit │ RSS MB';
  const lines = rows.map((r) =>
    [
      r.label.padStart(7),
      r.design.padEnd(10),
      f(r.fileMB, 1).padStart(7),
      f(r.openMs).padStart(7),
      f(r.openStallMs).padStart(10),
      f(r.firstSearchMs).padStart(13),
      String(r.openings).padStart(8),
      `${f(r.editDurableMedianMs, 1)} (${r.edits} edits)`.padStart(24),
      f(r.editStallP99Ms, 1).padStart(17),
      f(r.bytesPerEdit).padStart(10),
      f(r.rssMB).padStart(6),
    ].join(' │ '),
  );
  return [head, ...lines].join('\n');
}

export const rowJson = (r: StoreRow) => ({
  items: r.items,
  label: r.label,
  design: r.design,
  fileMB: Number(r.fileMB.toFixed(2)),
  openMs: Math.round(r.openMs),
  openStallMs: Math.round(r.openStallMs),
  firstSearchMs: Math.round(r.firstSearchMs),
  openings: r.openings,
  editDurableMedianMs: Number(r.editDurableMedianMs.toFixed(1)),
  editStallP99Ms: Number(r.editStallP99Ms.toFixed(1)),
  bytesPerEdit: Math.round(r.bytesPerEdit),
  rssMB: Math.round(r.rssMB),
});
