import type { Browser, Locator, Page } from '@playwright/test';
import { median } from '../search/stats.ts';
import { launchChromium, wirePage } from './browser.ts';
import { ensureRendererBuild, rendererDir } from './build.ts';
import { type BenchCore, importPdf, openBenchCore } from './core.ts';
import {
  type AddMarks,
  type OpenMarks,
  paintedRanges,
  type ScrollRun,
  scrollEndToEnd,
  showFirstPage,
  sleep,
  timedHighlight,
  timedOpen,
  waitForPainted,
} from './page-measures.ts';
import { freeWords, spreadRanges } from './ranges.ts';
import { serveDirectory } from './static-server.ts';
import { unattachedOpens } from './unattached-open.ts';

/** One figure measured over several runs (milliseconds or MB). */
export interface Runs {
  runs: number[];
  median: number;
}

export interface RendererResult {
  pages: number;
  /** Opening the PDF from the library on a freshly loaded page (pdf.js not loaded yet). */
  coldOpen: OpenRuns;
  /** Opening it again after reading another document (pdf.js loaded, its worker running). */
  warmOpen: OpenRuns;
  /**
   * Cold opens in a Chromium nothing drives (no DevTools attached, unlike the two above), the
   * book clicked by the page itself the moment the library lists it: see unattached-open.ts.
   */
  unattachedOpen: OpenRuns;
  scroll: {
    longestTaskMs: Runs;
    tasksOver50: Runs;
    heapPeakMB: Runs;
    rssStartMB: Runs;
    rssPeakMB: Runs;
    /** The peak of the process's own memory (RSS less Chromium's code mapped from disk). */
    ownPeakMB: Runs;
    rssAfterGcMB: Runs;
    seconds: Runs;
    /** Runs whose last page had its text layer at the end (the scroll reached it). */
    reachedEnd: number;
  };
  highlight: AddRuns & { existing: number };
  /** Painted highlights compared before and after the core and the page restarted. */
  rects: { compared: number; same: number };
  /** The same opens and highlights of an earlier commit's renderer, measured alternately. */
  baseline?: {
    commit: string;
    coldOpen: OpenRuns;
    warmOpen: OpenRuns;
    unattachedOpen: OpenRuns;
    highlight: AddRuns;
  };
}

export interface AddRuns {
  paintedMs: Runs;
  seenMs: Runs;
  /** Of which: `listAnnotations` (2,000 highlights) over http after the change event. */
  coreCallsMs: Runs;
}

export interface OpenRuns {
  /** Click → first ink on page 1's canvas. */
  firstPaintMs: Runs;
  /** Click → page 1's text layer has its spans. */
  textLayerMs: Runs;
  /** Page 1's canvas attached (the page starts drawing) → its text layer's spans. */
  textLayerGapMs: Runs;
  /**
   * Of which: the core calls on the way (`getDocument` for the text; `readPdf` only where the
   * page falls back to it), which cross http as JSON here and IPC in the app. The PDF's bytes
   * come by URL beside them (`PDF_FILE_ROUTE`, as binary) and are not counted here.
   */
  coreCallsMs: Runs;
  /** Click → the PDF's bytes in hand, and → pdf.js done opening them (empty when it was open). */
  bytesMs: Runs;
  openedMs: Runs;
}

const RUNS = 5;
const EXISTING_HIGHLIGHTS = 2000;

const runs = (values: number[]): Runs => ({ runs: values, median: median(values) });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The reader, measured in Chromium on the built renderer against a real core that has the book
 * imported: opening it (first page drawn, its text layer), scrolling it end to end (long tasks,
 * memory), adding a highlight with 2,000 on it, and the painted rectangles after a restart.
 */
export async function measureRenderer(options: {
  bookPath: string;
  title: string;
  log: (line: string) => void;
  /** An earlier renderer build to measure beside this one (`--baseline`). */
  baseline?: { commit: string; dir: string };
}): Promise<RendererResult> {
  const { log } = options;
  ensureRendererBuild(log);
  // As the app starts the first time: the sample article in, then the book imported.
  const core = await openBenchCore({ seed: true });
  // The page's calls and the core's events go over http from its own origin (`wirePage`'s
  // `overHttp`): over CDP, the book's 1.4 MB of text and 3.5 MB of bytes (base64) took seconds
  // of the "first page painted" that Electron's IPC does not spend. Events are held back while
  // the suite writes thousands of highlights straight into the core.
  let paused = false;
  const wired = {
    invoke: (method: string, input: unknown) => core.notebook.dispatch(method, input),
    subscribe: (listener: (event: unknown) => void) =>
      core.notebook.subscribe((event) => paused || listener(event)),
    files: (path: string, request: { method: string; range: string | null }) =>
      core.notebook.pdfFiles(path, request),
  };
  const server = await serveDirectory(rendererDir, wired);
  const baselineServer = options.baseline
    ? await serveDirectory(options.baseline.dir, wired)
    : null;
  const wiring = {
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
    },
  };
  let browser: Browser | null = null;
  try {
    const { documentId, measure } = await importPdf(core, options.bookPath);
    const sample = core.notebook.store.data.documents.find((d) => d.id !== documentId)!;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await wirePage(page, core, sample.id, { overHttp: true });
    const library = page.getByRole('navigation', { name: 'Library' });
    const entry = library.getByRole('button', {
      name: new RegExp(`^${escapeRegExp(options.title)}`),
    });
    const sampleEntry = library.getByRole('button', {
      name: new RegExp(`^${escapeRegExp(sample.title)}`),
    });

    // The renderer measured, and the baseline's beside it (alternately) when there is one.
    const designs = [
      { dir: rendererDir, url: server.url, ...emptyMarks() },
      ...(baselineServer && options.baseline
        ? [{ dir: options.baseline.dir, url: baselineServer.url, ...emptyMarks() }]
        : []),
    ];
    const [current] = designs as [(typeof designs)[number]];
    for (let run = 1; run <= RUNS; run++) {
      log(`pdf: reader, open ${run}/${RUNS}`);
      for (const design of designs) {
        await page.goto(design.url);
        design.cold.push(await timedOpen(page, entry));
        await sampleEntry.click();
        await page.waitForFunction(() => !document.querySelector('.pdf-page'));
        await sleep(300);
        design.warm.push(await timedOpen(page, entry));
      }
    }

    log(`pdf: reader, ${RUNS} cold opens in a Chromium with nothing attached`);
    // In two rounds when there is a baseline, so neither design has all its runs first.
    const rounds = designs.length > 1 ? [Math.ceil(RUNS / 2), Math.floor(RUNS / 2)] : [RUNS];
    for (const count of rounds) {
      for (const design of designs) {
        const marks = await unattachedOpens({
          core,
          rendererDir: design.dir,
          title: options.title,
          startDocumentId: sample.id,
          runs: count,
        });
        design.unattached.push(...marks.map((m) => ({ ...m, coreCallsMs: Number.NaN })));
      }
    }

    const scroll: ScrollRun[] = [];
    await openBook(page, server.url, entry, false);
    for (let run = 1; run <= RUNS; run++) {
      log(`pdf: reader, scroll end to end ${run}/${RUNS}`);
      scroll.push(await scrollEndToEnd(page, browser, measure.pages));
    }

    log(`pdf: ${EXISTING_HIGHLIGHTS} highlights on the book`);
    const doc = core.notebook.store.data.documents.find((d) => d.id === documentId)!;
    const existing = spreadRanges(doc.text, EXISTING_HIGHLIGHTS);
    // Straight into the core with events held back: the page would reload the list 2,000 times.
    wiring.pause();
    for (const r of existing) {
      await core.notebook.handlers.createAnnotation({ documentId, ...r, color: 'yellow' });
    }
    await core.notebook.store.flush();
    wiring.resume();
    // New highlights on page 1, which is in view, between the words already highlighted there;
    // the book opened afresh for each (one page at a time hears the core's events).
    const starts = doc.pdf!.pageStarts;
    const fresh = freeWords(
      doc.text,
      starts[0] ?? 0,
      starts[1] ?? doc.text.length,
      existing,
      RUNS * designs.length,
    );
    for (let run = 1; run <= RUNS; run++) {
      log(`pdf: reader, highlight ${run}/${RUNS} over ${EXISTING_HIGHLIGHTS}`);
      for (const design of designs) {
        await openBook(page, design.url, entry, true);
        await sleep(500);
        design.added.push(await timedHighlight(page, documentId, fresh.shift()!));
      }
    }

    log('pdf: reader, painted rectangles after a restart');
    await openBook(page, server.url, entry, true);
    const rects = await rectRoundTrip(page, core, wiring, entry, server.url);
    const { cold, warm, unattached, added } = current;

    return {
      pages: measure.pages,
      coldOpen: openRuns(cold),
      warmOpen: openRuns(warm),
      unattachedOpen: openRuns(unattached),
      scroll: {
        longestTaskMs: runs(scroll.map((s) => s.longestTaskMs)),
        tasksOver50: runs(scroll.map((s) => s.tasksOver50)),
        heapPeakMB: runs(scroll.map((s) => s.heapPeakMB)),
        rssStartMB: runs(scroll.map((s) => s.rssStartMB)),
        rssPeakMB: runs(scroll.map((s) => s.rssPeakMB)),
        ownPeakMB: runs(scroll.map((s) => s.ownPeakMB)),
        rssAfterGcMB: runs(scroll.map((s) => s.rssAfterGcMB)),
        seconds: runs(scroll.map((s) => s.ms / 1000)),
        reachedEnd: scroll.filter((s) => s.reachedEnd).length,
      },
      highlight: { existing: EXISTING_HIGHLIGHTS, ...addRuns(added) },
      rects,
      baseline: designs[1] &&
        options.baseline && {
          commit: options.baseline.commit,
          coldOpen: openRuns(designs[1].cold),
          warmOpen: openRuns(designs[1].warm),
          unattachedOpen: openRuns(designs[1].unattached),
          highlight: addRuns(designs[1].added),
        },
    };
  } finally {
    await browser?.close().catch(() => {});
    server.close();
    baselineServer?.close();
    await core.dispose();
  }
}

const addRuns = (added: AddMarks[]): AddRuns => ({
  paintedMs: runs(added.map((a) => a.paintedMs)),
  seenMs: runs(added.map((a) => a.seenMs)),
  coreCallsMs: runs(added.map((a) => a.coreCallsMs)),
});

/** Where one design's measurements gather. */
const emptyMarks = () => ({
  cold: [] as OpenMarks[],
  warm: [] as OpenMarks[],
  unattached: [] as OpenMarks[],
  added: [] as AddMarks[],
});

/**
 * The page loaded from `url` with the book open (it reopens where it was last read), then on its
 * first page; with `highlighted`, until a highlight is painted there.
 */
async function openBook(
  page: Page,
  url: string,
  entry: Locator,
  highlighted: boolean,
): Promise<void> {
  await page.goto(url);
  await entry.click();
  if (highlighted) {
    await waitForPainted(page, 1);
    await showFirstPage(page);
  } else {
    await page.waitForSelector('.pdf-page .textLayer span');
  }
}

const openRuns = (marks: OpenMarks[]): OpenRuns => ({
  firstPaintMs: runs(marks.map((m) => m.firstPaintMs)),
  textLayerMs: runs(marks.map((m) => m.textLayerMs)),
  textLayerGapMs: runs(marks.map((m) => m.textLayerMs - m.canvasMs)),
  coreCallsMs: runs(marks.map((m) => m.coreCallsMs)),
  bytesMs: runs(marks.map((m) => m.bytesMs).filter(Number.isFinite)),
  openedMs: runs(marks.map((m) => m.openedMs).filter(Number.isFinite)),
});

/**
 * Store → reopen → same rectangles: the painted ranges on the drawn pages, then the core closed
 * and opened again from its folder and the page loaded afresh, the book opened, and each range
 * looked for again by page and text with every rectangle within a pixel.
 */
async function rectRoundTrip(
  page: Page,
  core: BenchCore,
  wiring: { pause(): void; resume(): void },
  entry: Locator,
  url: string,
): Promise<{ compared: number; same: number }> {
  const before = await paintedRanges(page);
  await page.goto('about:blank');
  wiring.pause();
  await core.reopen();
  wiring.resume();
  await page.goto(url);
  await entry.click();
  await waitForPainted(page, before.length).catch(() => {});
  await sleep(500);
  const after = await paintedRanges(page);
  const near = (a: number[][], b: number[][]) =>
    a.length === b.length && a.every((r, i) => r.every((v, j) => Math.abs(v - b[i]![j]!) <= 1));
  const same = before.filter((b) =>
    after.some((a) => a.page === b.page && a.text === b.text && near(a.rects, b.rects)),
  ).length;
  return { compared: before.length, same };
}
