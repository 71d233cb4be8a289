/**
 * Pages' canvases drawn one at a time, in the order they were asked for, as pdf.js's own viewer
 * does (its rendering queue). pdf.js draws a page in 15 ms slices, each in an animation frame:
 * with three pages coming into view at once, their slices ran in the same frames, 45-80 ms of
 * main thread at a time on a busy machine while scrolling, and page 1 of a freshly opened PDF
 * shared its frames with page 2. Text layers are not queued: their text comes from the worker
 * meanwhile and is cheap to lay down.
 */
export interface RenderQueue {
  /**
   * Run `draw` when the pages asked for before are drawn; skipped (resolving at once) when
   * `gone` says, at its turn, that the page no longer wants drawing.
   */
  run(draw: () => Promise<void>, gone: () => boolean): Promise<void>;
}

/** How long one page may hold the queue: a page that takes longer (a huge scan, a hostile
 * drawing) goes on drawing, but the pages after it no longer wait for it. */
export const TURN_MAX_MS = 2000;

export function createRenderQueue(turnMaxMs = TURN_MAX_MS): RenderQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(draw, gone) {
      const previous = tail;
      const turn = previous.then(() => (gone() ? undefined : draw()));
      // The turn ends when the drawing does (failed or cancelled too), or after turnMaxMs from
      // its start, whichever is first.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const overlong = previous.then(
        () => new Promise<void>((resolve) => (timer = setTimeout(resolve, turnMaxMs))),
      );
      tail = Promise.race([turn.catch(() => {}), overlong]).finally(() => clearTimeout(timer));
      return turn;
    },
  };
}
