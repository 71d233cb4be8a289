import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBaselineBuild } from '../reader/baseline.ts';
import { median } from '../search/stats.ts';
import { type ImportMeasure, importPdf, openBenchCore } from './core.ts';
import { generatedTitle, sharedPdf, sharedPdfNames, writeBook } from './fixture.ts';
import { SCROLL_STEPS, SCROLL_WAIT_MS } from './page-measures.ts';
import { measureRenderer, type OpenRuns, type RendererResult, type Runs } from './renderer-case.ts';
import { type RoundTripRow, roundTrip } from './round-trip.ts';

/**
 * The renderer `--baseline` measures beside this one: the PDF reader as it landed before its
 * opening and highlighting were made faster (stop 29).
 */
export const PDF_BASELINE_COMMIT = '998655e';

/** Real PDFs whose import is timed beside the generated book: a long book and a paper. */
const TIMED_REAL = ['GeoTopo-komprimiert.pdf', 'tracemonkey.pdf'];
const RUNS = 5;

export interface ImportRow {
  file: string;
  pages: number;
  chars: number;
  ms: Runs;
  stallMs: Runs;
  afterStallMs: Runs;
}

/**
 * The PDF suite: the import of a generated book of `pages` pages (500 by default) and of real
 * PDFs through the core, timed with the main thread watched; the reader in Chromium on the
 * built renderer (open, scroll, highlight); and the anchoring round trip on every PDF. Figures
 * are medians of 5 runs with the target beside each; nothing passes or fails here.
 */
export async function benchPdf(options: {
  pages: number[];
  /** Measure the reader of `PDF_BASELINE_COMMIT` beside this one (opening, highlighting). */
  baseline?: boolean;
  log: (line: string) => void;
}): Promise<{ text: string; json: unknown }> {
  const { log } = options;
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-bench-pdf-books-'));
  try {
    const books = new Map<number, string>();
    for (const pages of options.pages) {
      log(`pdf: writing a ${pages}-page book`);
      books.set(pages, await writeBook(dir, pages));
    }
    const real = TIMED_REAL.map(sharedPdf).filter((path) => existsSync(path));
    if (real.length < TIMED_REAL.length)
      log('pdf: ../shared/pdf/ is incomplete; timing what is there');

    const imports: ImportRow[] = [];
    for (const path of [...books.values(), ...real]) imports.push(await timeImport(path, log));

    const largest = Math.max(...options.pages);
    let reader: RendererResult | { error: string };
    try {
      reader = await measureRenderer({
        bookPath: books.get(largest)!,
        title: generatedTitle(largest),
        log,
        baseline: options.baseline
          ? {
              commit: PDF_BASELINE_COMMIT,
              dir: ensureBaselineBuild(PDF_BASELINE_COMMIT, log),
            }
          : undefined,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`pdf: the reader measurements failed: ${message}`);
      reader = { error: message.split('\n')[0]! };
    }

    const trips: RoundTripRow[] = [];
    for (const path of [...books.values(), ...sharedPdfNames().map(sharedPdf)]) {
      log(`pdf: round trip ${path.split('/').at(-1)}`);
      trips.push(await roundTrip(path));
    }

    const seconds = (performance.now() - started) / 1000;
    const text = [
      importTable(imports, largest),
      '',
      'error' in reader ? `reader (Chromium): failed: ${reader.error}` : readerTable(reader),
      ...('error' in reader || !reader.baseline ? [] : ['', baselineTable(reader)]),
      '',
      roundTripTable(trips, 'error' in reader ? null : reader),
      '',
      `pdf suite: ${seconds.toFixed(0)} s`,
    ].join('\n');
    const json = { imports, reader, roundTrip: trips, seconds: Math.round(seconds) };
    return { text, json: rounded(json) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each run in a fresh notebook folder (a second import of the same file is a duplicate). */
async function timeImport(path: string, log: (line: string) => void): Promise<ImportRow> {
  const measures: ImportMeasure[] = [];
  for (let run = 1; run <= RUNS; run++) {
    log(`pdf: import ${path.split('/').at(-1)} ${run}/${RUNS}`);
    const core = await openBenchCore();
    try {
      measures.push((await importPdf(core, path)).measure);
    } finally {
      await core.dispose();
    }
  }
  const pick = (key: 'ms' | 'stallMs' | 'afterStallMs'): Runs => {
    const values = measures.map((m) => m[key]);
    return { runs: values, median: median(values) };
  };
  return {
    file: measures[0]!.file,
    pages: measures[0]!.pages,
    chars: measures[0]!.chars,
    ms: pick('ms'),
    stallMs: pick('stallMs'),
    afterStallMs: pick('afterStallMs'),
  };
}

/** Figures to a tenth (of a millisecond, of a MB): the JSON line stays short and readable. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 10) / 10;
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}

const f = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const spread = (r: Runs, digits = 0) =>
  `${f(Math.min(...r.runs), digits)}–${f(Math.max(...r.runs), digits)}`;

function importTable(rows: ImportRow[], largest: number): string {
  const head = `PDF import through the core (median of ${RUNS}; target: ${largest} pages ≤ 10 s, no main-thread stall over 50 ms)
file                        │ pages │     chars │ import ms (range)   │ stall ms (range) │ stall after ms`;
  const lines = rows.map((r) =>
    [
      r.file.padEnd(27),
      String(r.pages).padStart(5),
      r.chars.toLocaleString('en').padStart(9),
      `${f(r.ms.median)} (${spread(r.ms)})`.padEnd(19),
      `${f(r.stallMs.median)} (${spread(r.stallMs)})`.padEnd(16),
      f(r.afterStallMs.median).padStart(14),
    ].join(' │ '),
  );
  return [head, ...lines].join('\n');
}

/** Per run, `a` less `b`: a figure without the harness's share of it. */
const less = (a: Runs, b: Runs): Runs => {
  const values = a.runs.map((v, i) => v - (b.runs[i] ?? 0));
  return { runs: values, median: median(values) };
};

/** The width of the reader table's first column. */
const NAME_WIDTH = 55;

/** From the reader's marks; a PDF still open since it was last read has none. */
const markRows = (name: string, open: OpenRuns): [string, Runs, string, string][] =>
  open.bytesMs.runs.length
    ? [
        [`open (${name}): click → bytes in hand`, open.bytesMs, 'ms', '—'],
        [`open (${name}): click → pdf.js opened it`, open.openedMs, 'ms', '—'],
      ]
    : [];

function readerTable(r: RendererResult): string {
  const existing = r.highlight.existing.toLocaleString('en');
  const rows: [string, Runs, string, string][] = [];
  for (const [name, open] of [
    ['cold', r.coldOpen],
    ['warm', r.warmOpen],
  ] as const) {
    rows.push(
      [`open (${name}): click → first page drawn (ink)`, open.firstPaintMs, 'ms', '≤ 500 ms'],
      [`open (${name}): click → page 1 text layer`, open.textLayerMs, 'ms', '≤ 500 ms'],
      [`open (${name}): page 1 canvas → its text layer`, open.textLayerGapMs, 'ms', '≤ 200 ms'],
      [`open (${name}): of which core calls over http`, open.coreCallsMs, 'ms', '—'],
      [
        `open (${name}): click → drawn, less core calls`,
        less(open.firstPaintMs, open.coreCallsMs),
        'ms',
        '≤ 500 ms',
      ],
      ...markRows(name, open),
    );
  }
  const bare = r.unattachedOpen;
  rows.push(
    ['open (cold, unattached): click → drawn (ink)', bare.firstPaintMs, 'ms', '≤ 500 ms'],
    ['open (cold, unattached): click → text layer', bare.textLayerMs, 'ms', '≤ 500 ms'],
    ['open (cold, unattached): canvas → text layer', bare.textLayerGapMs, 'ms', '≤ 200 ms'],
    ...markRows('cold, unattached', bare),
  );
  rows.push(
    ['scroll end to end: longest long task', r.scroll.longestTaskMs, 'ms', '≤ 100 ms'],
    ['scroll end to end: long tasks (> 50 ms)', r.scroll.tasksOver50, '', '0'],
    ['scroll end to end: renderer RSS before', r.scroll.rssStartMB, 'MB', '—'],
    ['scroll end to end: renderer RSS peak', r.scroll.rssPeakMB, 'MB', '≤ 400 MB'],
    ['scroll end to end: renderer own memory peak', r.scroll.ownPeakMB, 'MB', '≤ 400 MB'],
    ["scroll end to end: renderer RSS after, GC'd", r.scroll.rssAfterGcMB, 'MB', '≤ 400 MB'],
    ['scroll end to end: page JS heap peak', r.scroll.heapPeakMB, 'MB', '≤ 400 MB'],
    ['scroll end to end: duration', r.scroll.seconds, 's', '—'],
    [`highlight with ${existing} on: call → painted`, r.highlight.paintedMs, 'ms', '≤ 50 ms'],
    [`highlight with ${existing} on: call → in painter`, r.highlight.seenMs, 'ms', '—'],
    [
      `highlight with ${existing} on: of which the core call (http)`,
      r.highlight.coreCallsMs,
      'ms',
      '—',
    ],
    [
      `highlight with ${existing} on: less the core call`,
      less(r.highlight.paintedMs, r.highlight.coreCallsMs),
      'ms',
      '≤ 50 ms',
    ],
  );
  const head = `Reader in Chromium, ${r.pages}-page book (median of ${RUNS}; ${SCROLL_NOTE})
${'figure'.padEnd(NAME_WIDTH)} │   median │ runs (min–max) │ target`;
  const lines = rows.map(([name, value, unit, target]) => {
    const digits = unit === 's' ? 1 : 0;
    return [
      name.padEnd(NAME_WIDTH),
      `${f(value.median, digits)}${unit ? ` ${unit}` : ''}`.padStart(8),
      spread(value, digits).padStart(14),
      target,
    ].join(' │ ');
  });
  // A count of runs, not a figure: after the scroll's other rows.
  const afterScroll = rows.findIndex(([name]) => name.startsWith('highlight'));
  lines.splice(
    afterScroll,
    0,
    `${'scroll end to end: reached the last page'.padEnd(NAME_WIDTH)} │ ${`${r.scroll.reachedEnd}/${RUNS}`.padStart(8)} │ ${''.padStart(14)} │ ${RUNS}/${RUNS}`,
  );
  return [head, ...lines].join('\n');
}

/** Old beside new: the figures both designs were measured on, alternately in this run. */
function baselineTable(r: RendererResult): string {
  const old = r.baseline!;
  const pair = (name: string, before: Runs, after: Runs, target: string) =>
    [
      name.padEnd(44),
      `${f(before.median)} (${spread(before)})`.padStart(16),
      `${f(after.median)} (${spread(after)})`.padStart(16),
      target,
    ].join(' │ ');
  return [
    `Old (${old.commit}) beside new, measured alternately in this run (ms, median (range))`,
    `${'figure'.padEnd(44)} │ ${'old'.padStart(16)} │ ${'new'.padStart(16)} │ target`,
    pair(
      'open (cold): click → first page drawn',
      old.coldOpen.firstPaintMs,
      r.coldOpen.firstPaintMs,
      '≤ 500',
    ),
    pair(
      'open (cold): click → page 1 text layer',
      old.coldOpen.textLayerMs,
      r.coldOpen.textLayerMs,
      '≤ 500',
    ),
    pair(
      'open (warm): click → first page drawn',
      old.warmOpen.firstPaintMs,
      r.warmOpen.firstPaintMs,
      '≤ 500',
    ),
    pair(
      'open (cold, unattached): click → drawn',
      old.unattachedOpen.firstPaintMs,
      r.unattachedOpen.firstPaintMs,
      '≤ 500',
    ),
    pair(
      'open (cold, unattached): → text layer',
      old.unattachedOpen.textLayerMs,
      r.unattachedOpen.textLayerMs,
      '≤ 500',
    ),
    pair(
      `highlight with ${r.highlight.existing.toLocaleString('en')} on: → painted`,
      old.highlight.paintedMs,
      r.highlight.paintedMs,
      '≤ 50',
    ),
    pair(
      `highlight with ${r.highlight.existing.toLocaleString('en')} on: → in painter`,
      old.highlight.seenMs,
      r.highlight.seenMs,
      '—',
    ),
  ].join('\n');
}

const SCROLL_NOTE = `scroll: ${SCROLL_STEPS} even jumps, a frame and ${SCROLL_WAIT_MS} ms each`;

function roundTripTable(rows: RoundTripRow[], reader: RendererResult | null): string {
  const head = `Anchoring round trip: highlight, close, reopen from the folder (target: 100 %)
file                        │ pages │     chars │ highlights │ same text and offsets`;
  const lines = rows.map((r) =>
    [
      r.file.padEnd(27),
      String(r.pages).padStart(5),
      r.chars.toLocaleString('en').padStart(9),
      String(r.highlights).padStart(10),
      r.skipped
        ? `— (${r.skipped})`
        : r.highlights === 0
          ? '— (no highlight could be made)'
          : `${f((100 * r.same) / r.highlights, 1)} % (${r.same}/${r.highlights})`,
    ].join(' │ '),
  );
  const checked = rows.filter((r) => !r.skipped);
  const same = checked.reduce((n, r) => n + r.same, 0);
  const all = checked.reduce((n, r) => n + r.highlights, 0);
  lines.push(
    `${'all PDFs with text'.padEnd(27)} │ ${''.padStart(5)} │ ${''.padStart(9)} │ ${String(all).padStart(10)} │ ${f((100 * same) / all, 1)} % (${same}/${all})`,
  );
  if (reader) {
    const { compared, same: sameRects } = reader.rects;
    lines.push(
      `painted rectangles, ${reader.pages}-page book, after core restart + page reload: ${f((100 * sameRects) / compared, 1)} % (${sameRects}/${compared} ranges on the drawn pages, each rectangle within 1 px)`,
    );
  }
  return [head, ...lines].join('\n');
}
