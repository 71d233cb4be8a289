import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { writeStore } from '../../scripts/crash-test/fixture.ts';
import { emptyStore } from '../../shared/model.ts';
import { launchChromium, wirePage } from '../pdf/browser.ts';
import { repoRoot } from '../pdf/fixture.ts';
import { serveDirectory } from '../pdf/static-server.ts';
import { median } from '../search/stats.ts';
import type { corpus } from './bench-analysis.ts';

export interface BrowserMeasure {
  /**
   * Ctrl+6 to the heat map drawn, the first time after the page loads (the core has built its
   * index in the background by then, as in the app a second after opening).
   */
  firstMs: number;
  /** The same with the core's index warm (median). */
  medianMs: number;
  /** The longest task on the page's main thread while the view opened (median). */
  longestTaskMs: number;
  /** The page's call to analyzeNotebook, over http, with the index warm (median). */
  coreCallMs: number;
  cells: number;
}

/**
 * The Analysis view in Chromium over the built page and a real core holding the corpus: the time
 * from Ctrl+6 until the matrix's cells are in the page and a frame has been drawn, measured in the
 * page. Skipped (null) when there is no build (`npm run build`) or no Chromium.
 */
export async function measureInBrowser(
  data: ReturnType<typeof corpus>,
  runs: number,
  log: (line: string) => void,
): Promise<BrowserMeasure | null> {
  const built = join(repoRoot, 'out', 'renderer');
  if (!existsSync(join(built, 'index.html'))) {
    log('analysis: no build in out/renderer, the browser measure is skipped (npm run build)');
    return null;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-bench-analysis-'));
  await writeStore(dataDir, { ...emptyStore(), meta: { seeded: true }, ...data });
  const notebook = await openNotebook({
    dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    seed: false,
  });
  // Calls and events over http from the page's origin, as in the other browser suites.
  const server = await serveDirectory(built, {
    invoke: (method, input) => notebook.dispatch(method, input),
    subscribe: (listener) => notebook.subscribe(listener),
  });
  const browser = await launchChromium().catch(() => null);
  try {
    if (!browser) {
      log('analysis: no Chromium, the browser measure is skipped');
      return null;
    }
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await wirePage(page, { notebook } as Parameters<typeof wirePage>[1], '', { overHttp: true });
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Library' }).waitFor();
    const open = () =>
      page.evaluate(async () => {
        const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: '6', ctrlKey: true }));
        await new Promise<void>((done) => {
          const check = () =>
            document.querySelector('svg.analysis-svg rect.analysis-cell')
              ? done()
              : requestAnimationFrame(check);
          check();
        });
        // The frame that shows it.
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
        const ms = performance.now() - t0;
        const longest = Math.max(
          0,
          ...w.__longTasks.filter((t) => t.start >= t0).map((t) => t.duration),
        );
        const cells = document.querySelectorAll('svg.analysis-svg rect.analysis-cell').length;
        const calls = (
          window as unknown as { __calls: { method: string; start: number; ms: number }[] }
        ).__calls.filter((c) => c.start >= t0);
        const coreMs = calls
          .filter((c) => c.method === 'analyzeNotebook')
          .reduce((sum, c) => sum + c.ms, 0);
        window.dispatchEvent(new KeyboardEvent('keydown', { key: '1', ctrlKey: true }));
        await new Promise<void>((done) => {
          const check = () =>
            document.querySelector('.analysis-view') ? requestAnimationFrame(check) : done();
          check();
        });
        return { ms, longest, cells, coreMs };
      });
    const first = await open();
    log(
      `analysis: browser, first open ${first.ms.toFixed(0)} ms (core call ${first.coreMs.toFixed(0)} ms)`,
    );
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await open());
    return {
      firstMs: first.ms,
      medianMs: median(warm.map((w) => w.ms)),
      longestTaskMs: median(warm.map((w) => w.longest)),
      coreCallMs: median(warm.map((w) => w.coreMs)),
      cells: first.cells,
    };
  } finally {
    await browser?.close();
    server.close();
    await notebook.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
