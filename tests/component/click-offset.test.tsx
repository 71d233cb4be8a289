import { describe, expect, it } from 'vitest';
import { clickedOffset } from '../../renderer/src/reader/click-offset.ts';
import { makeAnnotation } from './fixtures.ts';

describe('clickedOffset', () => {
  // "world" covers offsets 6 to 10 (its end, 11, is past its last character).
  const world = makeAnnotation('a1', 'world', { start: 6 });

  it('is the caret offset itself when a highlight is under it', () => {
    expect(clickedOffset([world], 6)).toBe(6);
    expect(clickedOffset([world], 10)).toBe(10);
  });

  it('takes the character before when the caret landed just past a highlight', () => {
    // A click on the right half of the "d" puts the caret after it, at 11.
    expect(clickedOffset([world], 11)).toBe(10);
  });

  it('keeps the offset when no highlight is there or just before', () => {
    expect(clickedOffset([world], 3)).toBe(3);
    expect(clickedOffset([world], 12)).toBe(12);
    expect(clickedOffset([], 0)).toBe(0);
  });

  it('prefers what is under the caret to what ends just before it', () => {
    const next = makeAnnotation('a2', 'again', { start: 11 });
    expect(clickedOffset([world, next], 11)).toBe(11);
  });

  it('ignores highlights that lost their place', () => {
    const orphan = makeAnnotation('a3', 'world', { start: 6, orphan: true });
    expect(clickedOffset([orphan], 11)).toBe(11);
  });
});
