import { agreementCsv } from '../../shared/agreement/csv.ts';
import { agreementTable } from '../../shared/agreement/table.ts';
import type { AgreementInput, CodedSegment } from '../../shared/agreement/types.ts';
import { mulberry32, type Random } from '../search/random.ts';
import { median } from '../search/stats.ts';

/** Runs timed per measure (after one warm-up): the median is reported. */
const RUNS = 5;
/** The target: 3 coders × 50 documents × 5,000 highlights in ≤ 1 s. */
export const TARGET = { coders: 3, documents: 50, highlights: 5000, ms: 1000 } as const;

export interface AgreementRow {
  measure: string;
  coders: number;
  segments: number;
  medianMs: number;
  detail: string;
}

/**
 * A team's coding, seeded: a first coder highlights passages (20 to 400 characters, 20 codes, a
 * sixth of them with a second code); each other coder keeps about nine tenths of those, half
 * with ends moved by up to 30 characters, gives a tenth another code, and adds a tenth of their
 * own. `perDocument` highlights per coder and document.
 */
export function teamCoding(
  coders: number,
  documents: number,
  perDocument: number,
  length: number,
  seed = 20,
): AgreementInput {
  const random = mulberry32(seed);
  const names = Array.from({ length: coders }, (_, i) => `coder${i + 1}`);
  const codes = Array.from({ length: 20 }, (_, i) => `code${i}`);
  const docs = Array.from({ length: documents }, (_, i) => ({ id: `doc${i}`, length }));
  const segments: CodedSegment[] = [];
  const clamp = (v: number) => Math.max(0, Math.min(length, v));
  const highlight = (r: Random) => {
    const start = r.int(0, length - 20);
    return { start, end: clamp(start + r.int(20, 400)), code: r.pick(codes) };
  };
  for (const doc of docs) {
    const reference = Array.from({ length: perDocument }, () => highlight(random));
    for (const coder of names) {
      const first = coder === names[0];
      for (const h of reference) {
        if (!first && random.chance(0.1)) continue;
        const jitter = () => (first || random.chance(0.5) ? 0 : random.int(-30, 30));
        const start = clamp(h.start + jitter());
        const end = clamp(h.end + jitter());
        if (end <= start) continue;
        const code = !first && random.chance(0.1) ? random.pick(codes) : h.code;
        segments.push({ coder, document: doc.id, code, start, end });
        if (random.chance(1 / 6)) {
          const second = codes[(codes.indexOf(code) + 1) % codes.length]!;
          segments.push({ coder, document: doc.id, code: second, start, end });
        }
      }
      if (!first)
        for (let i = 0; i < perDocument / 10; i++)
          segments.push({ coder, document: doc.id, ...highlight(random) });
    }
  }
  return { documents: docs, coders: names, segments };
}

function time(run: () => void, runs = RUNS): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * `npm run bench -- agreement`: the agreement table (overall, 20 codes, 50 documents, every
 * document × code, the disagreements, and the bootstrap at its default 1,000 resamples) for the
 * issue's "3 coders × 50 documents × 5,000 highlights", read two ways: 5,000 highlights per coder
 * over the 50 documents (the target), and 5,000 per coder in each document (750,000 highlights).
 * Two coders too, whose headline uα has the costlier bootstrap (a documents × documents term).
 * The Team view's figures leave the list of disagreements out (the report lists them), so they
 * are timed both ways.
 */
export function benchAgreement(options: { log: (line: string) => void }) {
  const rows: AgreementRow[] = [];
  const cases = [
    { label: '5,000 per coder', coders: 3, perDocument: 100, length: 50_000, runs: RUNS },
    { label: '5,000 per coder', coders: 2, perDocument: 100, length: 50_000, runs: RUNS },
    {
      label: '5,000 per coder per document',
      coders: 3,
      perDocument: 5000,
      length: 1_000_000,
      runs: 3,
    },
    {
      label: '5,000 per coder per document',
      coders: 2,
      perDocument: 5000,
      length: 1_000_000,
      runs: 3,
    },
  ];
  for (const c of cases) {
    options.log(`agreement: ${c.coders} coders, ${c.label}…`);
    const input = teamCoding(c.coders, TARGET.documents, c.perDocument, c.length);
    const n = input.segments.length;
    let table = agreementTable(input);
    rows.push({
      measure: `table + bootstrap, ${c.label}`,
      coders: c.coders,
      segments: n,
      medianMs: time(() => {
        table = agreementTable(input);
      }, c.runs),
      detail: `α ${table.overall.alpha?.toFixed(3)} [${table.overall.ci?.low.toFixed(3)}, ${table.overall.ci?.high.toFixed(3)}] (${table.method}); ${table.disagreements.length.toLocaleString('en')} disagreements; 1,000 resamples`,
    });
    rows.push({
      measure: `figures + bootstrap (Team view), ${c.label}`,
      coders: c.coders,
      segments: n,
      medianMs: time(() => agreementTable(input, { listDisagreements: false }), c.runs),
      detail: 'what the Team view asks for: every figure and interval, no list of disagreements',
    });
    rows.push({
      measure: `table, no bootstrap, ${c.label}`,
      coders: c.coders,
      segments: n,
      medianMs: time(() => agreementTable(input, { bootstrapSamples: 0 }), c.runs),
      detail: 'the same without the interval',
    });
    if (c.perDocument === 100) {
      const lines = 1 + table.perCode.length + table.perDocument.length + table.perCell.length;
      rows.push({
        measure: `CSV, ${c.label}`,
        coders: c.coders,
        segments: n,
        medianMs: time(() => agreementCsv(table), c.runs),
        detail: `${lines.toLocaleString('en')} rows`,
      });
    }
  }
  const width = Math.max(...rows.map((r) => r.measure.length));
  const text = [
    `Agreement (median of ${RUNS} runs, 3 for the largest; target: ${TARGET.coders} coders × ${TARGET.documents} documents × ${TARGET.highlights.toLocaleString('en')} highlights ≤ ${TARGET.ms} ms)`,
    `${'measure'.padEnd(width)}  ${'coders'.padStart(6)}  ${'segments'.padStart(9)}  ${'median ms'.padStart(10)}  detail`,
    ...rows.map(
      (r) =>
        `${r.measure.padEnd(width)}  ${String(r.coders).padStart(6)}  ${r.segments.toLocaleString('en').padStart(9)}  ${r.medianMs.toFixed(1).padStart(10)}  ${r.detail}`,
    ),
  ].join('\n');
  return { text, json: rows.map((r) => ({ ...r, medianMs: Number(r.medianMs.toFixed(2)) })) };
}
