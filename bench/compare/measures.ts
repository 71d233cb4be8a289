import type { Page } from '@playwright/test';

/**
 * The comparison view's measurements, taken inside the page with its own clock
 * (performance.now()), so round trips between this process and Chromium are not timed.
 *
 * "Drawn" is the end of the first frame that shows the state: a MutationObserver sees the DOM
 * reach it (checked after every React commit), a requestAnimationFrame callback is asked for,
 * and the time is read in a task posted from that callback, which runs once the frame's style,
 * layout and paint are done. So a figure includes React's renders and commits, the DOM's style
 * and layout, and the paint, besides any calls into the core the change makes.
 */

export interface SwitchMarks {
  /** The change of the Document select → its text, lanes and marks drawn. */
  drawMs: number;
  /**
   * Of which: waiting on the core, from the change until the last call it made (getDocument,
   * roundLayers, listAnnotations) was answered; the rest is the renderer's own work.
   */
  coreCallsMs: number;
  /** Each call: method, started and answered (ms after the change). */
  calls: string[];
  /** The longest task from the change until drawn. */
  longestTaskMs: number;
  /** Rows (paragraphs with their lanes) and marks in the page once drawn. */
  rows: number;
  marks: number;
  domNodes: number;
}

/**
 * Switch the comparison's Document select to `documentId` (dispatching the `change` event React
 * listens to, as a user's choice does) and time until the comparison shows that document:
 * its first paragraph's text in the first row, at least one mark in the text, and a coder's lane
 * filled.
 */
export async function timedSwitch(
  page: Page,
  documentId: string,
  firstText: string,
): Promise<SwitchMarks> {
  return page.evaluate(
    ({ documentId, firstText }) =>
      new Promise<SwitchMarks>((resolve, reject) => {
        const select = document.querySelector<HTMLSelectElement>(
          '.round-compare .compare-controls select',
        );
        if (!select) return reject(new Error('no Document select in the comparison'));
        const drawn = () => {
          const root = document.querySelector('.compare-document .compare-text');
          const first = root?.querySelector('.compare-row .compare-block');
          return (
            !!root &&
            !!first?.textContent?.startsWith(firstText) &&
            !!root.querySelector('.compare-mark') &&
            !!root.querySelector('.compare-lane.agree, .compare-lane.disagree')
          );
        };
        const started = performance.now();
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              const end = performance.now();
              const w = window as unknown as {
                __longTasks: { start: number; duration: number }[];
                __calls: { method: string; start: number; ms: number }[];
              };
              const tasks = w.__longTasks.filter((t) => t.start >= started && t.start <= end);
              const calls = w.__calls.filter((c) => c.start >= started && c.start <= end);
              resolve({
                drawMs: end - started,
                coreCallsMs: Math.max(0, ...calls.map((c) => c.start + c.ms - started)),
                calls: calls.map(
                  (c) =>
                    `${c.method} ${Math.round(c.start - started)}–${Math.round(c.start + c.ms - started)}`,
                ),
                longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
                rows: document.querySelectorAll('.compare-text .compare-row').length,
                marks: document.querySelectorAll('.compare-text .compare-mark').length,
                domNodes: document.getElementsByTagName('*').length,
              });
            };
            channel.port2.postMessage(null);
          });
        };
        const observer = new MutationObserver(() => {
          if (drawn()) finish();
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const timer = setTimeout(() => {
          observer.disconnect();
          done = true;
          reject(new Error(`the comparison of ${documentId} was not drawn within 60 s`));
        }, 60_000);
        select.value = documentId;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    { documentId, firstText },
  );
}

export interface StepMarks {
  /** The N key pressed → the next disagreement marked current in the text, drawn. */
  stepMs: number;
  longestTaskMs: number;
  /**
   * The settle panel moved on but no mark in the text was made current within a second (the
   * view as it landed drew a cluster under another one of the same range unmarked): `stepMs`
   * is then until the panel's move was drawn.
   */
  unmarked: boolean;
}

/**
 * Press N (as a keydown on the page, which the view listens for on the window) and time until
 * the settle panel reads the next position and the next passage is marked current in the text
 * (its paragraph drawn first where it was not: scrolled to).
 */
export async function timedStep(page: Page): Promise<StepMarks> {
  return page.evaluate(
    () =>
      new Promise<StepMarks>((resolve, reject) => {
        const heading = () =>
          document.querySelector('.settle-panel .settle-header h3')?.textContent ?? '';
        const m = /Disagreement (\d+) of (\d+)/.exec(heading());
        if (!m) return reject(new Error(`no disagreement under the cursor: "${heading()}"`));
        const total = Number(m[2]);
        const next = (Number(m[1]) % total) + 1;
        const panelMoved = () => heading().startsWith(`Disagreement ${next} of`);
        // React commits the panel and the text together: once the panel has moved, a mark
        // current in the text is the new passage's (the old one's mark is current no more,
        // unless the new passage covers the same text).
        const markMoved = () => document.querySelector('.compare-text .compare-mark.current');
        const started = performance.now();
        let done = false;
        let fallback: ReturnType<typeof setTimeout> | undefined;
        let panelDrawnMs = -1;
        const atFrameEnd = (then: (end: number) => void) =>
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => then(performance.now());
            channel.port2.postMessage(null);
          });
        const finish = (unmarked: boolean) => {
          if (done) return;
          done = true;
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(fallback);
          const report = (end: number) => {
            const tasks = (
              window as unknown as { __longTasks: { start: number; duration: number }[] }
            ).__longTasks.filter((t) => t.start >= started && t.start <= end);
            resolve({
              stepMs: unmarked ? panelDrawnMs : end - started,
              longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
              unmarked,
            });
          };
          if (unmarked) report(started + panelDrawnMs);
          else atFrameEnd(report);
        };
        const observer = new MutationObserver(() => {
          if (!panelMoved()) return;
          if (markMoved()) return finish(false);
          if (fallback === undefined) {
            atFrameEnd((end) => {
              panelDrawnMs = end - started;
            });
            fallback = setTimeout(() => finish(true), 1000);
          }
        });
        observer.observe(document.body, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
          attributeFilter: ['class'],
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          done = true;
          reject(new Error(`disagreement ${next} was not shown within 30 s`));
        }, 30_000);
        document.body.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'n', code: 'KeyN', bubbles: true, cancelable: true }),
        );
      }),
  );
}
