import type { FuzzResult } from './fuzz.ts';
import type { KillResult } from './kill-test.ts';

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

const AIMED: Record<string, string> = {
  edit: 'a moment mid-edit',
  large: 'a moment mid-edit',
  compaction: 'inside a compaction (0–120 ms after it starts)',
  append: 'inside a journal append (0–2 ms after it starts)',
};

export function killTable(
  k: KillResult,
  options: { items: number; writeDelayMs: number; killDelayMs: [number, number] },
  phase = 'edit',
): string {
  const rows: (string | number)[][] = [
    ['records in the store', options.items],
    ['store file', mb(k.storeBytes)],
    ['group-commit delay (child)', `${options.writeDelayMs} ms`],
    [
      'kills aimed at',
      phase === 'edit' || phase === 'large'
        ? `${AIMED[phase]} (${options.killDelayMs[0]}–${options.killDelayMs[1]} ms after ready)`
        : AIMED[phase]!,
    ],
    ['kills (SIGKILL)', k.kills],
    ...(phase === 'compaction' || phase === 'append'
      ? [['kills that landed inside one', k.landedInside]]
      : []),
    ['children that failed to start', k.childFailures],
    ['corrupt store files', k.corruptions],
    ['lost acknowledged edits', k.lostAcknowledgedEdits],
    ['edits made', k.editsMade],
    ['edits acknowledged', k.editsAcknowledged],
    ['acks covering one edit / several', `${k.singleAcks} / ${k.coalescedAcks}`],
    ['keys checked on disk (last cycle)', k.keysChecked],
    [
      'time per kill cycle: median / p90 / max',
      `${k.cycleMs.median} / ${k.cycleMs.p90} / ${k.cycleMs.max} ms`,
    ],
    ['acknowledged flush: median / p90', `${k.flushMs.median} / ${k.flushMs.p90} ms`],
    ['journals with a torn end (set aside at open)', k.tornEnds],
    ['*.tmp files after the last kill (removed at open)', k.tmpFilesBeforeFinalOpen],
    [
      'leftover *.tmp files after opening (size)',
      `${k.leftoverTmpFiles} (${mb(k.leftoverTmpBytes)})`,
    ],
    ['backups (damaged)', `${k.backups} (${k.damagedBackups})`],
    ['open after the last kill', k.finalOpen],
  ];
  return `Kill test: ${phase}\n\n${table(['', 'value'], rows)}`;
}

export function fuzzTable(f: FuzzResult): string {
  const rows = f.rows.map((r) => [
    r.hasBase || r.method.startsWith('(') ? r.method : `${r.method} *`,
    r.cases,
    r.crashes,
    r.writes,
    r.otherCodes,
    r.discarded,
  ]);
  rows.push(['total', f.fuzzCases, f.fuzzCrashes, f.fuzzWrites, f.fuzzOtherCodes, '']);
  const notes = [
    `${f.casesPerSecond} cases/s; 'changed' events: ${f.fuzzEvents}; prototypes changed: ${f.prototypePolluted ? 'yes' : 'no'}`,
    'other code: a known error code, but not invalid-input (unknown-method for unknown names)',
    'valid skipped: generated payloads the schema accepted, so not used',
  ];
  if (f.methodsWithoutBase.length > 0)
    notes.push('* no valid payload to break in fuzz-bases.ts: arbitrary payloads only');
  return `IPC fuzz (every payload rejected by the method's schema)\n\n${table(
    ['method', 'cases', 'crashes', 'writes', 'other code', 'valid skipped'],
    rows,
  )}\n\n${notes.join('\n')}`;
}
