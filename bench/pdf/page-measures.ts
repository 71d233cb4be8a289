import type { Browser, Locator, Page } from '@playwright/test';
import { PDF_OPEN_MARKS } from '../../shared/pdf/open-marks.ts';
import { memoryMB, pageRendererPid } from './process-memory.ts';
import type { TextRange } from './ranges.ts';

/**
 * The measurements taken inside the page: each runs its clock there, with performance.now() and
 * requestAnimationFrame, so the round trips between this process and Chromium (tens of
 * milliseconds on a busy machine) are not part of what is timed.
 */

export const SCROLL_STEPS = 150;
export const SCROLL_WAIT_MS = 50;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OpenMarks {
  canvasMs: number;
  firstPaintMs: number;
  textLayerMs: number;
  coreCallsMs: number;
  /** Click → the PDF's bytes in hand, and → pdf.js done opening them (NaN: it was still open). */
  bytesMs: number;
  openedMs: number;
}

/** Page 1 seen, in milliseconds from the click, and the click's time in the page's clock. */
export type FirstPageMarks = Pick<OpenMarks, 'canvasMs' | 'firstPaintMs' | 'textLayerMs'> & {
  at: number;
};

/**
 * Click `button` (a PDF in the library) and watch, frame by frame inside the page (no round
 * trips to a driving process in the timing), for page 1's canvas element, the first ink on it,
 * and its text layer's spans. "Ink" is a pixel darker than paper in a small copy of the canvas:
 * the canvas element exists (blank) before pdf.js has drawn anything into it. Self-contained:
 * it runs in the page, by Playwright or as the source of a script (see unattached-open.ts).
 */
export function clickAndWatchFirstPage(button: Element): Promise<FirstPageMarks> {
  return new Promise((resolve, reject) => {
    const probe = document.createElement('canvas');
    probe.width = 96;
    probe.height = 96;
    const context = probe.getContext('2d', { willReadFrequently: true })!;
    const hasInk = (canvas: HTMLCanvasElement) => {
      if (canvas.width === 0 || canvas.height === 0) return false;
      context.clearRect(0, 0, 96, 96);
      context.drawImage(canvas, 0, 0, 96, 96);
      const pixels = context.getImageData(0, 0, 96, 96).data;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3]! > 0 && pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 690) return true;
      }
      return false;
    };
    let canvasMs = -1;
    let firstPaintMs = -1;
    let textLayerMs = -1;
    const started = performance.now();
    (button as HTMLElement).click();
    const tick = () => {
      const now = performance.now() - started;
      const canvas = document.querySelector<HTMLCanvasElement>(
        '.pdf-page[data-page-index="0"] canvas',
      );
      if (canvas && canvasMs < 0) canvasMs = now;
      if (canvas && firstPaintMs < 0 && hasInk(canvas)) firstPaintMs = now;
      if (
        textLayerMs < 0 &&
        document.querySelector('.pdf-page[data-page-index="0"] .textLayer span')
      )
        textLayerMs = now;
      if (firstPaintMs >= 0 && textLayerMs >= 0)
        resolve({ canvasMs, firstPaintMs, textLayerMs, at: started });
      else if (now > 60_000) reject(new Error('page 1 was not drawn within 60 s'));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Click the book in the library and time page 1 (see clickAndWatchFirstPage). */
export async function timedOpen(page: Page, entry: Locator): Promise<OpenMarks> {
  await entry.waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('.pdf-page'));
  const { at, ...figures } = await entry.evaluate(clickAndWatchFirstPage);
  return {
    ...figures,
    coreCallsMs: await callsSince(page, at, ['getDocument', 'readPdf']),
    bytesMs: await markSince(page, at, PDF_OPEN_MARKS.bytes),
    openedMs: await markSince(page, at, PDF_OPEN_MARKS.opened),
  };
}

/** Milliseconds from `at` (the page's performance.now()) to the first such mark after it; NaN if none. */
function markSince(page: Page, at: number, name: string): Promise<number> {
  return page.evaluate(
    ({ at, name }) => {
      const mark = performance.getEntriesByName(name).find((m) => m.startTime >= at);
      return mark ? mark.startTime - at : Number.NaN;
    },
    { at, name },
  );
}

/** The time the page waited on the named core calls made since `at` (its performance.now()). */
export function callsSince(page: Page, at: number, methods: string[]): Promise<number> {
  return page.evaluate(
    ({ at, methods }) =>
      (window as unknown as { __calls: { method: string; start: number; ms: number }[] }).__calls
        .filter((c) => c.start >= at && methods.includes(c.method))
        .reduce((sum, c) => sum + c.ms, 0),
    { at, methods },
  );
}

export interface ScrollRun {
  ms: number;
  longestTaskMs: number;
  tasksOver50: number;
  heapPeakMB: number;
  rssStartMB: number;
  rssPeakMB: number;
  ownPeakMB: number;
  rssAfterGcMB: number;
  reachedEnd: boolean;
}

/**
 * From the top of the book to its end in even jumps of the reader's scroller (about three pages
 * each), a frame and a short pause at each, as a reader dragging the scroll bar through it. Long
 * tasks come from the page's own PerformanceObserver; the JS heap (performance.memory) is read
 * at every stop in the page, the page's renderer process's memory from /proc every 200 ms here:
 * canvases, raster tiles and pdf.js's worker live outside the page's JS heap, so the process's
 * memory is the figure a memory budget means.
 */
export async function scrollEndToEnd(
  page: Page,
  browser: Browser,
  pages: number,
): Promise<ScrollRun> {
  await page.evaluate(() => {
    document.querySelector('.reader-scroll')!.scrollTop = 0;
  });
  await page.waitForSelector('.pdf-page[data-page-index="0"] .textLayer span');
  // From a settled start: what the pages loaded before this run left (the open runs load the
  // page ten times) is collected first, so the peak is the scroll's own (the first run started
  // at 429 MB with 61 MB of those leftovers in the heap, the others at about 300 MB).
  await collectGarbage(page);
  await sleep(1000);
  const pid = await pageRendererPid(browser);
  const rssStartMB = memoryMB(pid).rss;
  let rssPeakMB = rssStartMB;
  let ownPeakMB = memoryMB(pid).own;
  const sample = () => {
    const now = memoryMB(pid);
    rssPeakMB = Math.max(rssPeakMB, now.rss);
    ownPeakMB = Math.max(ownPeakMB, now.own);
  };
  const sampler = setInterval(sample, 200);
  try {
    const result = await page.evaluate(
      async ({ steps, waitMs, last }) => {
        const scroller = document.querySelector<HTMLElement>('.reader-scroll')!;
        const heap = () =>
          (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
            ?.usedJSHeapSize ?? 0;
        const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
        const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
        const started = performance.now();
        let heapPeak = heap();
        const end = scroller.scrollHeight - scroller.clientHeight;
        for (let i = 1; i <= steps; i++) {
          scroller.scrollTop = Math.round((end * i) / steps);
          await frame();
          await pause(waitMs);
          heapPeak = Math.max(heapPeak, heap());
        }
        // The last pages draw; their long tasks count too.
        const reached = Date.now();
        while (
          !document.querySelector(`.pdf-page[data-page-index="${last}"] .textLayer span`) &&
          Date.now() - reached < 5000
        ) {
          await pause(50);
        }
        await pause(500);
        heapPeak = Math.max(heapPeak, heap());
        const tasks = (
          window as unknown as { __longTasks: { start: number; duration: number }[] }
        ).__longTasks.filter((t) => t.start >= started);
        return {
          ms: performance.now() - started,
          longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
          tasksOver50: tasks.length,
          heapPeakMB: heapPeak / 2 ** 20,
          reachedEnd: Boolean(
            document.querySelector(`.pdf-page[data-page-index="${last}"] .textLayer span`),
          ),
        };
      },
      { steps: SCROLL_STEPS, waitMs: SCROLL_WAIT_MS, last: pages - 1 },
    );
    clearInterval(sampler);
    sample();
    // What stays once the page's garbage is collected: pages kept drawn, caches, leaks.
    await collectGarbage(page);
    await sleep(1000);
    return { ...result, rssStartMB, rssPeakMB, ownPeakMB, rssAfterGcMB: memoryMB(pid).rss };
  } finally {
    clearInterval(sampler);
  }
}

/** A full garbage collection in the page (its JS heap; the canvases it frees go with it). */
async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** Wait until the yellow highlight set paints at least `count` ranges (pages drawn, mapped). */
export async function waitForPainted(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => ((CSS.highlights.get('mg-yellow') as unknown as Set<Range>)?.size ?? 0) >= n,
    count,
    { timeout: 30_000 },
  );
}

/**
 * Back to the first page, with its text layer and a highlight of it painted. The book reopens
 * where it was last read (the end, after the scroll runs), and the highlights are added on page 1.
 */
export async function showFirstPage(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('.reader-scroll')?.scrollTo(0, 0));
  await page
    .waitForFunction(
      () => {
        const first = document.querySelector('.pdf-page[data-page-index="0"]');
        const set = CSS.highlights.get('mg-yellow') as unknown as Set<Range> | undefined;
        return !!first && [...(set ?? [])].some((r) => first.contains(r.startContainer));
      },
      null,
      { timeout: 30_000 },
    )
    .catch(async (error: unknown) => {
      // Say what the page shows instead, so a failed run can be told from a slow one.
      const state = await page.evaluate(() => {
        const set = CSS.highlights.get('mg-yellow') as unknown as Set<Range> | undefined;
        const drawn = [...document.querySelectorAll<HTMLElement>('.pdf-page')]
          .filter((p) => p.querySelector('.textLayer span'))
          .map((p) => p.dataset.pageIndex);
        const scroller = document.querySelector('.reader-scroll');
        return `${set?.size ?? 0} yellow ranges; pages with text: ${drawn.join(',') || 'none'}; scrollTop ${scroller?.scrollTop}`;
      });
      throw new Error(`page 1 has no highlight painted (${state}): ${String(error)}`);
    });
}

export interface AddMarks {
  /** The call made → the new range is in the painter's highlight set. */
  seenMs: number;
  /** … → the next frame begins (the one with it has been painted). */
  paintedMs: number;
  coreCallsMs: number;
}

/**
 * A highlight added through `window.notebook` (the contract the selection toolbar calls), timed
 * in the page until the painter's yellow set has one range more, and one frame beyond that.
 */
export async function timedHighlight(
  page: Page,
  documentId: string,
  range: TextRange,
): Promise<AddMarks> {
  const marks = await page.evaluate(
    ({ documentId, start, end }) =>
      new Promise<Omit<AddMarks, 'coreCallsMs'> & { at: number }>((resolve, reject) => {
        const size = () => (CSS.highlights.get('mg-yellow') as unknown as Set<Range>)?.size ?? 0;
        const before = size();
        const started = performance.now();
        void window.notebook.createAnnotation({ documentId, start, end, color: 'yellow' });
        const tick = () => {
          const now = performance.now() - started;
          if (size() > before) {
            requestAnimationFrame(() =>
              resolve({ seenMs: now, paintedMs: performance.now() - started, at: started }),
            );
          } else if (now > 30_000) reject(new Error('the new highlight was not painted in 30 s'));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { documentId, ...range },
  );
  const { at, ...figures } = marks;
  return { ...figures, coreCallsMs: await callsSince(page, at, ['listAnnotations']) };
}

export interface PaintedRange {
  page: string;
  text: string;
  rects: number[][];
}

/** Every painted yellow range: its page, its text, its rectangles relative to the page's box. */
export function paintedRanges(page: Page): Promise<PaintedRange[]> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('mg-yellow') as unknown as Set<Range> | undefined;
    const out: PaintedRange[] = [];
    for (const range of highlight ?? []) {
      const box = range.startContainer.parentElement?.closest<HTMLElement>('.pdf-page');
      if (!box) continue;
      const origin = box.getBoundingClientRect();
      out.push({
        page: box.dataset.pageIndex ?? '',
        text: range.toString(),
        rects: [...range.getClientRects()].map((r) => [
          r.left - origin.left,
          r.top - origin.top,
          r.width,
          r.height,
        ]),
      });
    }
    return out;
  });
}
