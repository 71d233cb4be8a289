import type { Browser, Page } from '@playwright/test';
import { launchChromium, wirePage } from '../pdf/browser.ts';
import { ensureRendererBuild, rendererDir } from '../pdf/build.ts';
import { openBenchCore } from '../pdf/core.ts';
import { freeWords } from '../pdf/ranges.ts';
import { serveDirectory } from '../pdf/static-server.ts';
import { median } from '../search/stats.ts';
import { BASELINE_COMMIT, ensureBaselineBuild } from './baseline.ts';
import {
  ADDED_COLOR,
  FILLER_DOCUMENTS,
  READER_SIZES,
  type ReaderCase,
  type ReaderSize,
  writeReaderNotebook,
} from './fixture.ts';
import { timedAdd, timedOpen, timedPanelSwitch, waitForRemoved } from './measures.ts';

export type Design = 'old' | 'new';

/** What one run measures. */
interface RunFigures {
  textVisibleMs: number;
  paintedMs: number;
  /** Of `paintedMs`: painted in the text, and listed in the panel. */
  inTextMs: number;
  listedMs: number;
  longestTaskMs: number;
  domNodes: number;
  addHighlightMs: number;
  /** Of `addHighlightMs`: the core call (over CDP as JSON here). */
  addCoreCallMs: number;
  addLongestTaskMs: number;
  panelSwitchMs: number;
}

/** One row of the table: a design on one size, each figure the median of the runs. */
export interface ReaderRow extends RunFigures {
  design: Design;
  words: number;
  highlights: number;
  runs: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `10k/500,100k/5000` → sizes (words/highlights). */
export function parseReaderSizes(value: string): ReaderSize[] {
  return value.split(',').map((s) => {
    const m = /^(\d+)(k?)\/(\d+)(k?)$/i.exec(s.trim());
    if (!m) throw new Error(`--sizes for reader: not words/highlights: "${s}" (e.g. 10k/500)`);
    return {
      words: Number(m[1]) * (m[2] ? 1000 : 1),
      highlights: Number(m[3]) * (m[4] ? 1000 : 1),
    };
  });
}

/**
 * The reader suite: the built renderer in Chromium against the real core, on a notebook of
 * `FILLER_DOCUMENTS` documents plus one document of prose per size with its highlights spread
 * over it. For each size and run, the old renderer (`BASELINE_COMMIT`, built into a cache) and
 * this checkout's, alternately on the same core: open from the library (text visible,
 * highlights painted and listed, longest task, DOM size), add one highlight (painted and
 * listed), and switch the side panel from the quote finder back to the highlights.
 */
export async function benchReader(options: {
  sizes?: ReaderSize[];
  runs?: number;
  log: (line: string) => void;
}): Promise<{ text: string; json: ReaderRow[] }> {
  const { log } = options;
  const sizes = options.sizes ?? READER_SIZES;
  const runs = options.runs ?? 5;
  const started = performance.now();
  ensureRendererBuild(log);
  const dirs: Record<Design, string> = {
    old: ensureBaselineBuild(BASELINE_COMMIT, log),
    new: rendererDir,
  };
  const core = await openBenchCore({ seed: true });
  // The page's calls and the core's events go over http from the page's own origin (see
  // `wirePage`'s `overHttp`): over CDP, carrying 5,000 highlights took longer than the page.
  const wiring = {
    invoke: (method: string, input: unknown) => core.notebook.dispatch(method, input),
    subscribe: (listener: (event: unknown) => void) => core.notebook.subscribe(listener),
  };
  const servers = {
    old: await serveDirectory(dirs.old, wiring),
    new: await serveDirectory(dirs.new, wiring),
  };
  let browser: Browser | null = null;
  try {
    const cases = await writeReaderNotebook(core.notebook, sizes, log);
    // The search index takes in what was written now, not while the page waits on the core.
    core.notebook.searchReady();
    const sample = core.notebook.store.data.documents.find((d) => d.seed)!;
    browser = await launchChromium();
    const pages = {} as Record<Design, Page>;
    for (const design of ['old', 'new'] as const) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      pages[design] = await context.newPage();
      await wirePage(pages[design], core, sample.id, { overHttp: true });
    }
    const figures = new Map<string, RunFigures[]>();
    for (const c of cases) {
      for (let run = 1; run <= runs; run++) {
        // Alternate which goes first, so neither always meets a warmer machine.
        const order: Design[] = run % 2 === 1 ? ['old', 'new'] : ['new', 'old'];
        for (const design of order) {
          log(
            `reader: ${c.size.words.toLocaleString('en')} words × ${c.size.highlights} highlights, ${design}, run ${run}/${runs}`,
          );
          const f = await measureOnce(pages[design], servers[design].url, core, c);
          const key = `${design}:${c.documentId}`;
          figures.set(key, [...(figures.get(key) ?? []), f]);
        }
      }
    }
    const rows: ReaderRow[] = [];
    for (const c of cases) {
      for (const design of ['old', 'new'] as const) {
        const list = figures.get(`${design}:${c.documentId}`) ?? [];
        const med = (key: keyof RunFigures) => median(list.map((f) => f[key]));
        rows.push({
          design,
          words: c.size.words,
          highlights: c.size.highlights,
          textVisibleMs: med('textVisibleMs'),
          paintedMs: med('paintedMs'),
          inTextMs: med('inTextMs'),
          listedMs: med('listedMs'),
          longestTaskMs: med('longestTaskMs'),
          domNodes: med('domNodes'),
          addHighlightMs: med('addHighlightMs'),
          addCoreCallMs: med('addCoreCallMs'),
          addLongestTaskMs: med('addLongestTaskMs'),
          panelSwitchMs: med('panelSwitchMs'),
          runs: list.length,
        });
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { text: table(rows, runs, seconds), json: rows.map(roundRow) };
  } finally {
    await browser?.close().catch(() => {});
    servers.old.close();
    servers.new.close();
    await core.dispose();
  }
}

async function measureOnce(
  page: Page,
  url: string,
  core: Awaited<ReturnType<typeof openBenchCore>>,
  c: ReaderCase,
): Promise<RunFigures> {
  await page.goto(url);
  const entry = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(c.title)}`) });
  // The sample article is open; the page has settled.
  await page.locator('article.article [data-start]').first().waitFor({ timeout: 60_000 });
  await sleep(500);
  const open = await timedOpen(entry, c.title);
  // One highlight added at the top, between the first words already highlighted there: its
  // card is among the first few, which the panel draws.
  const to = c.ranges[Math.min(4, c.ranges.length - 1)]?.start ?? c.text.length;
  const [fresh] = freeWords(c.text, 0, Math.min(to, 3000), c.ranges, 1);
  if (!fresh) throw new Error('no free word near the top of the document');
  const add = await timedAdd(page, c.documentId, fresh, ADDED_COLOR);
  await core.notebook.handlers.deleteAnnotation({ id: add.id });
  await waitForRemoved(page, ADDED_COLOR);
  await sleep(300);
  const panelSwitchMs = await timedPanelSwitch(page);
  // Idle, the page would answer the other design's changes (its reloads run in this process).
  await page.goto('about:blank');
  return {
    ...open,
    addHighlightMs: add.addMs,
    addCoreCallMs: add.coreCallMs,
    addLongestTaskMs: add.longestTaskMs,
    panelSwitchMs,
  };
}

function roundRow(row: ReaderRow): ReaderRow {
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    ...row,
    textVisibleMs: r(row.textVisibleMs),
    paintedMs: r(row.paintedMs),
    inTextMs: r(row.inTextMs),
    listedMs: r(row.listedMs),
    longestTaskMs: r(row.longestTaskMs),
    domNodes: Math.round(row.domNodes),
    addHighlightMs: r(row.addHighlightMs),
    addCoreCallMs: r(row.addCoreCallMs),
    addLongestTaskMs: r(row.addLongestTaskMs),
    panelSwitchMs: r(row.panelSwitchMs),
  };
}

function table(rows: ReaderRow[], runs: number, seconds: number): string {
  const f = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—');
  const head = [
    `Reader in Chromium against the real core (median of ${runs}; old = ${BASELINE_COMMIT}, new = this checkout, measured alternately; library of ${FILLER_DOCUMENTS} more documents; the page's calls and the core's events go over http, not CDP)`,
    'Targets: 100k words × 5,000: text visible ≤ 300 ms, painted ≤ 500 ms, no task over 100 ms; add one highlight with 5,000 drawn: painted and listed ≤ 50 ms.',
    'design │   words │ highlights │ text visible │ painted+listed (in text / panel) │ longest task │ DOM nodes │ add highlight (core call) │ add long task │ panel switch',
  ];
  const lines = rows.map((r) =>
    [
      r.design.padEnd(6),
      f(r.words).padStart(7),
      f(r.highlights).padStart(10),
      `${f(r.textVisibleMs)} ms`.padStart(12),
      `${f(r.paintedMs)} ms (${f(r.inTextMs)} / ${f(r.listedMs)})`.padStart(32),
      `${f(r.longestTaskMs)} ms`.padStart(12),
      f(r.domNodes).padStart(9),
      `${f(r.addHighlightMs)} ms (${f(r.addCoreCallMs)})`.padStart(25),
      `${f(r.addLongestTaskMs)} ms`.padStart(13),
      `${f(r.panelSwitchMs)} ms`.padStart(12),
    ].join(' │ '),
  );
  return [...head, ...lines, '', `reader suite: ${seconds.toFixed(0)} s`].join('\n');
}
