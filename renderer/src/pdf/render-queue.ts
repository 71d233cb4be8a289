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

export function createRenderQueue(): RenderQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(draw, gone) {
      const turn = tail.then(() => (gone() ? undefined : draw()));
      // A failed or cancelled drawing does not hold up the pages after it.
      tail = turn.catch(() => {});
      return turn;
    },
  };
}
