import type { Locator, Page } from '@playwright/test';
import { HIGHLIGHT_COLORS } from '../../shared/colors.ts';
import type { TextRange } from '../pdf/ranges.ts';

/**
 * The measurements taken inside the page, each with its own clock (performance.now() and
 * requestAnimationFrame), so round trips between this process and Chromium are not timed.
 * "At frame" figures are taken in the first animation frame callback that sees the state; the
 * frame that callback belongs to is the one that shows it.
 */

export interface OpenMarks {
  /** Click → the new document's text is in the article. */
  textVisibleMs: number;
  /** Click → a highlight of it painted in the text and its cards listed in the panel. */
  paintedMs: number;
  /** Of which: click → a highlight painted in the text. */
  inTextMs: number;
  /** Of which: click → a card in the panel. */
  listedMs: number;
  /** The longest long task from the click until 1.5 s after painted. */
  longestTaskMs: number;
  /** Elements in the page once it has settled. */
  domNodes: number;
}

const SETTLE_MS = 1500;

/** Click the document's library entry (another one is open) and watch it arrive, frame by frame. */
export async function timedOpen(entry: Locator, title: string): Promise<OpenMarks> {
  await entry.waitFor({ timeout: 60_000 });
  return entry.evaluate(
    (button, { title, colors, settleMs }) =>
      new Promise<OpenMarks>((resolve, reject) => {
        const article = () =>
          document.querySelector<HTMLElement>(`article[aria-label="Text of ${title}"]`);
        const painted = (root: HTMLElement) => {
          for (const color of colors) {
            const set = CSS.highlights.get(`mg-${color}`) as unknown as Set<Range> | undefined;
            for (const range of set ?? []) {
              if (root.contains(range.startContainer)) return true;
              break;
            }
          }
          return false;
        };
        const listed = () => document.querySelector('.annotation-list .annotation-card') !== null;
        let textVisibleMs = -1;
        let inTextMs = -1;
        let listedMs = -1;
        const started = performance.now();
        (button as HTMLElement).click();
        const tick = () => {
          const now = performance.now() - started;
          const root = article();
          if (root && textVisibleMs < 0 && root.querySelector('[data-start]')) textVisibleMs = now;
          if (root && inTextMs < 0 && painted(root)) inTextMs = now;
          if (root && listedMs < 0 && listed()) listedMs = now;
          if (textVisibleMs >= 0 && inTextMs >= 0 && listedMs >= 0) {
            const paintedMs = now;
            setTimeout(() => {
              const end = started + paintedMs + settleMs;
              const tasks = (
                window as unknown as { __longTasks: { start: number; duration: number }[] }
              ).__longTasks.filter((t) => t.start >= started && t.start <= end);
              resolve({
                textVisibleMs,
                paintedMs,
                inTextMs,
                listedMs,
                longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
                domNodes: document.getElementsByTagName('*').length,
              });
            }, settleMs);
          } else if (now > 60_000) reject(new Error(`“${title}” was not painted within 60 s`));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { title, colors: [...HIGHLIGHT_COLORS], settleMs: SETTLE_MS },
  );
}

export interface AddMarks {
  /** The call made → the new highlight painted and its card in the panel, at frame. */
  addMs: number;
  longestTaskMs: number;
  /** Of which: the `createAnnotation` call itself (over CDP here, Electron's IPC in the app). */
  coreCallMs: number;
  id: string;
}

/**
 * A highlight of `color` (one no other highlight has) added through `window.notebook`, as the
 * selection toolbar adds one, timed until its colour's set in the painter has a range more and
 * the panel has its card.
 */
export async function timedAdd(
  page: Page,
  documentId: string,
  range: TextRange,
  color: string,
): Promise<AddMarks> {
  return page.evaluate(
    ({ documentId, start, end, color, settleMs }) =>
      new Promise<AddMarks>((resolve, reject) => {
        const size = () => (CSS.highlights.get(`mg-${color}`) as unknown as Set<Range>)?.size ?? 0;
        const before = size();
        let id = '';
        const started = performance.now();
        void window.notebook
          .createAnnotation({ documentId, start, end, color: color as 'purple' })
          .then((result) => {
            if (result.ok) id = result.value.id;
            else reject(new Error(result.error.message));
          }, reject);
        const tick = () => {
          const now = performance.now() - started;
          if (size() > before && document.querySelector(`.annotation-card.card-${color}`)) {
            setTimeout(() => {
              const tasks = (
                window as unknown as { __longTasks: { start: number; duration: number }[] }
              ).__longTasks.filter((t) => t.start >= started && t.start <= started + now);
              const call = (
                window as unknown as { __calls: { method: string; start: number; ms: number }[] }
              ).__calls.find((c) => c.method === 'createAnnotation' && c.start >= started);
              resolve({
                addMs: now,
                longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
                coreCallMs: call?.ms ?? Number.NaN,
                id,
              });
            }, settleMs);
          } else if (now > 30_000) reject(new Error('the new highlight was not shown within 30 s'));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { documentId, ...range, color, settleMs: 300 },
  );
}

/** Wait for the added highlight to be gone from the painter and the panel (after its delete). */
export async function waitForRemoved(page: Page, color: string): Promise<void> {
  await page.waitForFunction(
    (color) =>
      ((CSS.highlights.get(`mg-${color}`) as unknown as Set<Range>)?.size ?? 0) === 0 &&
      !document.querySelector(`.annotation-card.card-${color}`),
    color,
    { timeout: 30_000 },
  );
}

/**
 * The side panel switched from the quote finder back to the highlights (its tab), timed in the
 * page until the first card is drawn. The finder is given time to answer first (it runs in the
 * core, which is this process, and its answer redraws the panel).
 */
export async function timedPanelSwitch(page: Page): Promise<number> {
  const tabs = page.getByRole('group', { name: 'Side panel' });
  await tabs.getByRole('button', { name: /^Quotes/ }).click();
  await tabs
    .locator('button', { hasText: 'Quotes' })
    .locator('.panel-tab-count')
    .waitFor({ timeout: 60_000 })
    .catch(() => {});
  await page.waitForTimeout(300);
  const highlights = tabs.getByRole('button', { name: /^Highlights/ });
  return highlights.evaluate(
    (button) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        (button as HTMLElement).click();
        const tick = () => {
          const now = performance.now() - started;
          if (document.querySelector('.annotation-list .annotation-card')) resolve(now);
          else if (now > 30_000) reject(new Error('the highlights panel did not draw within 30 s'));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}
