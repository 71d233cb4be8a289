import { describe, expect, it } from 'vitest';
import { findCount } from '../../renderer/src/find/FindBar.tsx';

describe('find count', () => {
  it('says where the current match is among them, or that there are none', () => {
    const m = { start: 0, end: 1 };
    expect(findCount({ query: '', matches: [], more: false, index: 0 })).toBe('');
    expect(findCount({ query: 'zz', matches: [], more: false, index: 0 })).toBe('No matches');
    expect(findCount({ query: 'a', matches: [m, m, m], more: false, index: 1 })).toBe('2 of 3');
    expect(
      findCount({
        query: 'a',
        matches: Array.from({ length: 1000 }, () => m),
        more: true,
        index: 0,
      }),
    ).toBe('1 of 1,000+');
  });
});
