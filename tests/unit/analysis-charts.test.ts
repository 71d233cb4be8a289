import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, cellMembers } from '../../shared/analysis/analyze.ts';
import { codeMatrix } from '../../shared/analysis/code-matrix.ts';
import {
  MAX_PERIODS,
  periodOf,
  periodRange,
  UNDATED,
} from '../../shared/analysis/codes-over-time.ts';
import { passages } from '../../shared/analysis/cooccurrence.ts';
import { type AnalysisQuery, analysisQuerySchema } from '../../shared/analysis/query.ts';
import {
  buildIndex,
  filterQuotes,
  indexSteps,
  isFinderTag,
} from '../../shared/analysis/quote-index.ts';
import { NO_CODE } from '../../shared/analysis/speaker-codes.ts';
import type { AnalysisTable } from '../../shared/analysis/types.ts';
import { book, doc, quote, tag } from './analysis-fixture.ts';

const q = (input: unknown) => analysisQuerySchema.parse(input);
const cell = (t: AnalysisTable, row: string, column: string) =>
  t.cells[t.rows.findIndex((r) => r.id === row)]?.[t.columns.findIndex((c) => c.id === column)];

/** Two documents, a codebook with sub-tags, two speakers, overlapping quotes. */
function sample() {
  const b = book();
  const d1 = doc(b, 'd1', 'Alpha report', '2024-03-02');
  const d2 = doc(b, 'd2', 'Beta interview', '2025-11');
  const d3 = doc(b, 'd3', 'Gamma notes');
  const actors = tag(b, 'actors');
  const afghan = tag(b, 'actors/afghan');
  const us = tag(b, 'actors/us');
  const threat = tag(b, 'threat');
  const unused = tag(b, 'unused');
  const quoteTag = tag(b, 'quote');
  tag(b, 'speaker');
  const mujahid = tag(b, 'speaker/Mujahid');
  const fitrat = tag(b, 'speaker/Fitrat');
  const q1 = quote(b, d1, [afghan, threat, quoteTag, mujahid], 0, 50);
  const q2 = quote(b, d1, [us], 40, 60); // overlaps q1
  const q3 = quote(b, d1, [actors], 55, 70); // overlaps q2, not q1: one passage with both
  const q4 = quote(b, d2, [threat, quoteTag, fitrat], 0, 10);
  const q5 = quote(b, d2, [quoteTag, fitrat], 100, 120); // a speaker's quote with no code
  const q6 = quote(b, d3, [afghan, us], 0, 10);
  return {
    b,
    d1,
    d2,
    d3,
    actors,
    afghan,
    us,
    threat,
    unused,
    mujahid,
    fitrat,
    q1,
    q2,
    q3,
    q4,
    q5,
    q6,
  };
}

describe('the analysis index', () => {
  it('keeps the quote finder’s tags out of the codes and rolls tags up to their parents', () => {
    const s = sample();
    const ix = buildIndex(s.b);
    expect(ix.codes.map((t) => t.name)).toEqual([
      'actors',
      'actors/afghan',
      'actors/us',
      'threat',
      'unused',
    ]);
    expect(ix.speakers.map((t) => t.id).sort()).toEqual([s.fitrat, s.mujahid].sort());
    expect(isFinderTag({ name: 'Speaker/X' })).toBe(true);
    const q1 = ix.quotes.find((x) => x.id === s.q1)!;
    expect(q1.codes).toEqual([s.afghan, s.threat]);
    expect(q1.codesWithin.sort()).toEqual([s.actors, s.afghan, s.threat].sort());
    expect(q1.topCodes.sort()).toEqual([s.actors, s.threat].sort());
    expect(q1.speakers).toEqual([s.mujahid]);
  });

  it('reuses unchanged quotes’ reductions and redoes changed ones and all after a codebook change', () => {
    const s = sample();
    const first = buildIndex(s.b);
    const changed = s.b.annotations.find((a) => a.id === s.q2)!;
    changed.tagIds = [s.threat];
    const second = buildIndex(s.b, first);
    const of = (ix: typeof first, id: string) => ix.quotes.find((x) => x.id === id)!;
    expect(of(second, s.q1)).toBe(of(first, s.q1));
    expect(of(second, s.q2).codes).toEqual([s.threat]);
    s.b.tags.find((t) => t.id === s.us)!.name = 'us'; // moved to the top level
    const third = buildIndex(s.b, second);
    expect(of(third, s.q6).topCodes.sort()).toEqual([s.actors, s.us].sort());
  });

  it('builds in steps of a chunk of quotes to the same index as one build', () => {
    const s = sample();
    const steps = indexSteps(s.b, undefined, 2);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    expect(pauses).toBe(2); // six quotes, a pause after the second and the fourth
    const q = (ix: ReturnType<typeof buildIndex>) => ix.quotes.map((x) => [x.id, x.codesWithin]);
    expect(q(step.value)).toEqual(q(buildIndex(s.b)));
  });

  it('filters by document, by tag with its sub-tags, and by speaker', () => {
    const s = sample();
    const ix = buildIndex(s.b);
    const ids = (f: Parameters<typeof filterQuotes>[1]) => filterQuotes(ix, f).map((x) => x.id);
    expect(ids({ documentIds: [s.d2] })).toEqual([s.q4, s.q5]);
    expect(ids({ tagIds: [s.actors] })).toEqual([s.q1, s.q2, s.q3, s.q6]);
    expect(ids({ speakerIds: [s.fitrat] })).toEqual([s.q4, s.q5]);
    expect(ids({ tagIds: [s.threat], speakerIds: [s.fitrat] })).toEqual([s.q4]);
  });
});

describe('code × document matrix', () => {
  it('counts quotes per top-level code with their sub-tags, per document', () => {
    const s = sample();
    const t = analyze(buildIndex(s.b), q({ chart: 'matrix' }));
    expect(t.columns.map((c) => c.label)).toEqual([
      'Alpha report',
      'Beta interview',
      'Gamma notes',
    ]);
    expect(t.rows.map((r) => r.label)).toEqual(['actors', 'threat']);
    expect(cell(t, s.actors, s.d1)).toBe(3);
    expect(cell(t, s.actors, s.d3)).toBe(1);
    expect(cell(t, s.threat, s.d2)).toBe(1);
    expect(t.rowTotals).toEqual([4, 2]);
    expect(t.notes[0]).toMatch(/1 code with no quotes here left out/);
    expect(t.max).toBe(3);
  });

  it('counts a parent over its sub-tags at every level, a quote once', () => {
    const s = sample();
    const t = analyze(buildIndex(s.b), q({ chart: 'matrix', level: 'all' }));
    expect(cell(t, s.actors, s.d3)).toBe(1); // q6 has two sub-tags of actors: one quote
    expect(cell(t, s.afghan, s.d1)).toBe(1);
    expect(cell(t, s.us, s.d1)).toBe(1);
  });

  it('takes groups of documents as columns (collections), a document in two groups counting in both', () => {
    const s = sample();
    const t = codeMatrix(
      buildIndex(s.b),
      q({
        chart: 'matrix',
        groups: [
          { id: 'g1', label: 'Reports', documentIds: [s.d1, s.d3] },
          { id: 'g2', label: 'All', documentIds: [s.d1, s.d2, s.d3] },
        ],
      }) as Extract<AnalysisQuery, { chart: 'matrix' }>,
    );
    expect(t.columnHeading).toBe('Group');
    expect(cell(t, s.actors, 'g1')).toBe(4);
    expect(cell(t, s.actors, 'g2')).toBe(4);
    expect(t.rowTotals[0]).toBe(4);
  });

  it('narrows rows to the filtered tags', () => {
    const s = sample();
    const t = analyze(
      buildIndex(s.b),
      q({ chart: 'matrix', level: 'all', filter: { tagIds: [s.us] } }),
    );
    expect(t.rows.map((r) => r.label)).toEqual(['actors/us']);
  });
});

describe('co-occurrence', () => {
  it('pairs codes on the same quote', () => {
    const s = sample();
    const t = analyze(buildIndex(s.b), q({ chart: 'cooccurrence', level: 'all' }));
    expect(t.pairs!.map((p) => [p.a.label, p.b.label, p.count])).toEqual([
      ['actors/afghan', 'actors/us', 1],
      ['actors/afghan', 'threat', 1],
    ]);
    expect(cell(t, s.afghan, s.threat)).toBe(1);
    expect(cell(t, s.threat, s.afghan)).toBe(1);
    expect(cell(t, s.afghan, s.afghan)).toBe(0);
    expect(t.diagonal).toBe('empty');
  });

  it('joins overlapping quotes into passages, transitively', () => {
    const s = sample();
    const ix = buildIndex(s.b);
    const found = passages(ix.quotes, 'overlap', 'all');
    const inD1 = found.filter((p) => p.quotes[0]!.documentId === s.d1);
    expect(inD1).toHaveLength(1);
    expect(inD1[0]!.quotes.map((x) => x.id)).toEqual([s.q1, s.q2, s.q3]);
    const t = analyze(ix, q({ chart: 'cooccurrence', level: 'all', scope: 'overlap' }));
    expect(cell(t, s.actors, s.threat)).toBe(1);
    expect(cell(t, s.afghan, s.us)).toBe(2); // the d1 passage and q6
    expect(t.unit).toBe('passages');
    const behind = cellMembers(
      ix,
      q({ chart: 'cooccurrence', level: 'all', scope: 'overlap' }),
      s.afghan,
      s.us,
    );
    expect(behind.quotes.map((x) => x.id)).toEqual([s.q1, s.q2, s.q6]);
  });

  it('does not count touching quotes as overlapping', () => {
    const b = book();
    const d = doc(b, 'd', 'D');
    const a = tag(b, 'a');
    const c = tag(b, 'c');
    quote(b, d, [a], 0, 10);
    quote(b, d, [c], 10, 20);
    const t = analyze(buildIndex(b), q({ chart: 'cooccurrence', scope: 'overlap' }));
    expect(t.pairs).toEqual([]);
  });
});

describe('speaker × code', () => {
  it('crosses the quote finder’s speakers with codes, uncoded quotes apart', () => {
    const s = sample();
    const t = analyze(buildIndex(s.b), q({ chart: 'speakers' }));
    expect(t.rows.map((r) => r.label)).toEqual(['Fitrat', 'Mujahid']);
    expect(cell(t, s.mujahid, s.actors)).toBe(1);
    expect(cell(t, s.mujahid, s.threat)).toBe(1);
    expect(cell(t, s.fitrat, s.threat)).toBe(1);
    expect(cell(t, s.fitrat, NO_CODE)).toBe(1);
    expect(t.columns.at(-1)).toMatchObject({ id: NO_CODE, apart: true });
    expect(t.rowTotals).toEqual([2, 1]);
  });
});

describe('codes over time', () => {
  it('reads periods from published dates and never guesses one', () => {
    expect(periodOf('2024-03-02', 'year')).toBe('2024');
    expect(periodOf('2024-03-02', 'month')).toBe('2024-03');
    expect(periodOf('2025', 'month')).toBeNull();
    expect(periodOf('2025-13', 'month')).toBeNull();
    expect(periodOf('Spring 2020', 'year')).toBeNull();
    expect(periodRange('2023-11', '2024-02', 'month')).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
    expect(periodRange('0202', '2024', 'year')).toHaveLength(MAX_PERIODS);
  });

  it('buckets quotes by year with gaps kept, undated documents counted apart and said so', () => {
    const s = sample();
    const t = analyze(buildIndex(s.b), q({ chart: 'timeline', bucket: 'year' }));
    expect(t.columns.map((c) => c.id)).toEqual(['2024', '2025', UNDATED]);
    expect(cell(t, s.actors, '2024')).toBe(3);
    expect(cell(t, s.threat, '2025')).toBe(1);
    expect(cell(t, s.actors, UNDATED)).toBe(1);
    expect(t.notes.join(' ')).toMatch(/1 quote is in documents without a date/);
    const byMonth = analyze(buildIndex(s.b), q({ chart: 'timeline', bucket: 'month' }));
    // 2025-11 has a month; the range runs from March 2024 to November 2025.
    expect(byMonth.columns).toHaveLength(21 + 1);
  });
});

describe('every chart', () => {
  // Random notebooks: any cell's quotes, listed by cellMembers, are exactly as many as it counts.
  const arbitraryBook = fc
    .record({
      docs: fc.integer({ min: 1, max: 4 }),
      quotes: fc.array(
        fc.record({
          doc: fc.nat(3),
          tags: fc.uniqueArray(fc.nat(6), { maxLength: 3 }),
          start: fc.nat(60),
          length: fc.integer({ min: 1, max: 30 }),
        }),
        { maxLength: 40 },
      ),
    })
    .map(({ docs, quotes }) => {
      const b = book();
      const dates = ['2023-05-01', '2024', '', '2024-07-09'];
      for (let i = 0; i < docs; i++) doc(b, `d${i}`, `Doc ${i}`, dates[i]);
      const names = ['a', 'a/x', 'a/y', 'b', 'b/z', 'speaker', 'speaker/S'];
      const ids = names.map((n) => tag(b, n));
      for (const x of quotes)
        quote(
          b,
          `d${x.doc % docs}`,
          x.tags.map((t) => ids[t]!),
          x.start,
          x.start + x.length,
        );
      return b;
    });
  const queries = [
    { chart: 'matrix' },
    { chart: 'matrix', level: 'all' },
    { chart: 'cooccurrence', level: 'all' },
    { chart: 'cooccurrence', scope: 'overlap', level: 'all' },
    { chart: 'speakers', level: 'all' },
    { chart: 'timeline', bucket: 'month' },
  ].map(q);

  it('lists exactly the quotes it counts behind each cell', () => {
    fc.assert(
      fc.property(arbitraryBook, (b) => {
        const ix = buildIndex(b);
        for (const query of queries) {
          const t = analyze(ix, query);
          t.rows.forEach((row, r) => {
            t.columns.forEach((column, c) => {
              if (t.diagonal && r === c) return;
              const behind = cellMembers(ix, query, row.id, column.id).quotes;
              if (query.chart === 'cooccurrence') {
                // A pair's passages hold at least one quote each; the same-quote scope exactly one.
                if (query.scope === 'quote') expect(behind.length).toBe(t.cells[r]![c]);
                else expect(behind.length >= t.cells[r]![c]!).toBe(true);
              } else expect(behind.length).toBe(t.cells[r]![c]);
            });
          });
          expect(t.max).toBe(
            Math.max(
              0,
              ...t.cells.flatMap((row, r) =>
                row.filter((_, c) => !t.columns[c]!.apart && !(t.diagonal && r === c)),
              ),
            ),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
