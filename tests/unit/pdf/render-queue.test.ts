import { describe, expect, it, vi } from 'vitest';
import { createRenderQueue } from '../../../renderer/src/pdf/render-queue.ts';

/** A drawing that takes a few turns of the event loop and says when it starts and ends. */
const drawing =
  (log: string[], name: string, fail = false) =>
  async () => {
    log.push(`${name} starts`);
    await new Promise((r) => setTimeout(r, 5));
    log.push(`${name} ends`);
    if (fail) throw new Error(`${name} failed`);
  };

describe('pages drawn one at a time', () => {
  it('draws each page after the one asked for before it has finished, in order', async () => {
    const queue = createRenderQueue();
    const log: string[] = [];
    await Promise.all(['p1', 'p2', 'p3'].map((p) => queue.run(drawing(log, p), () => false)));
    expect(log).toEqual(['p1 starts', 'p1 ends', 'p2 starts', 'p2 ends', 'p3 starts', 'p3 ends']);
  });

  it('skips a page that no longer wants drawing when its turn comes', async () => {
    const queue = createRenderQueue();
    const log: string[] = [];
    let p2Gone = false;
    const all = [
      queue.run(drawing(log, 'p1'), () => false),
      queue.run(drawing(log, 'p2'), () => p2Gone),
      queue.run(drawing(log, 'p3'), () => false),
    ];
    p2Gone = true; // scrolled away while p1 was drawing
    await Promise.all(all);
    expect(log).toEqual(['p1 starts', 'p1 ends', 'p3 starts', 'p3 ends']);
  });

  it('goes on after a drawing that failed, and tells only that page', async () => {
    const queue = createRenderQueue();
    const log: string[] = [];
    const failed = queue.run(drawing(log, 'p1', true), () => false);
    const next = queue.run(drawing(log, 'p2'), () => false);
    await expect(failed).rejects.toThrow('p1 failed');
    await next;
    expect(log).toEqual(['p1 starts', 'p1 ends', 'p2 starts', 'p2 ends']);
  });
});

describe('a page that takes too long to draw', () => {
  it('holds the queue no longer than its turn allows, and goes on drawing', async () => {
    const queue = createRenderQueue(30);
    const log: string[] = [];
    let finishSlow = () => {};
    const slow = queue.run(
      () =>
        new Promise<void>((resolve) => {
          log.push('slow starts');
          finishSlow = () => {
            log.push('slow ends');
            resolve();
          };
        }),
      () => false,
    );
    await queue.run(drawing(log, 'next'), () => false);
    expect(log).toEqual(['slow starts', 'next starts', 'next ends']);
    finishSlow();
    await slow;
    expect(log.at(-1)).toBe('slow ends');
  });

  it('counts its time from the start of its turn, not from when it was asked for', async () => {
    vi.useFakeTimers();
    try {
      const queue = createRenderQueue(100);
      const started: string[] = [];
      const finish = new Map<string, () => void>();
      const held = (name: string) => () =>
        new Promise<void>((resolve) => {
          started.push(name);
          finish.set(name, resolve);
        });
      for (const name of ['a', 'b', 'c']) void queue.run(held(name), () => false);
      await vi.advanceTimersByTimeAsync(90);
      expect(started).toEqual(['a']);
      finish.get('a')!();
      // b's turn starts at 90 ms: at 180 ms it has had 90 of its 100, though asked for at 0.
      await vi.advanceTimersByTimeAsync(90);
      expect(started).toEqual(['a', 'b']);
      await vi.advanceTimersByTimeAsync(20);
      expect(started).toEqual(['a', 'b', 'c']);
    } finally {
      vi.useRealTimers();
    }
  });
});
