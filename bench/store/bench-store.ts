import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storePathIn } from '../../electron/notebook/data-dir.ts';
import { buildStore, writeStore } from '../../scripts/crash-test/fixture.ts';
import type { CaseInput, CaseResult } from './store-case.ts';

export interface StoreRow extends CaseResult {
  design: 'journal' | 'whole-file';
  items: number;
  /** "heavy": 400 documents of 60 KB text each. */
  label: string;
  fileMB: number;
  edits: number;
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
    for (const design of ['whole-file', 'journal'] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), `marginalia-bench-store-${design}-`));
      try {
        await writeStore(dataDir, data, design === 'journal' ? 'snapshot' : 'v2-file');
        const fileMB = statSync(storePathIn(dataDir)).size / 2 ** 20;
        const edits = design === 'journal' ? 200 : options.baselineEdits;
        options.log(`store: ${design} at ${c.label} (${edits} edits)`);
        const input: CaseInput = { design, dataDir, edits };
        // As a researcher starts the app: not for the first time. A first opening builds the
        // search index and leaves its cache beside the notebook; the measured one follows.
        if (design === 'journal') runChild({ ...input, edits: 0 });
        const output = runChild(input);
        const result = JSON.parse(output.trim().split('\n').at(-1)!) as CaseResult;
        rows.push({ design, items: c.items, label: c.label, fileMB, edits, ...result });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  return { text: table(rows), rows };
}

const f = (n: number, digits = 0) => n.toFixed(digits);

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
    'items   │ design     │ file MB │ open ms │ open stall │ 1st search ms │ edit durable ms (median) │ edit stall p99 ms │ bytes/edit │ RSS MB';
  const lines = rows.map((r) =>
    [
      r.label.padStart(7),
      r.design.padEnd(10),
      f(r.fileMB, 1).padStart(7),
      f(r.openMs).padStart(7),
      f(r.openStallMs).padStart(10),
      f(r.firstSearchMs).padStart(13),
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
  editDurableMedianMs: Number(r.editDurableMedianMs.toFixed(1)),
  editStallP99Ms: Number(r.editStallP99Ms.toFixed(1)),
  bytesPerEdit: Math.round(r.bytesPerEdit),
  rssMB: Math.round(r.rssMB),
});
