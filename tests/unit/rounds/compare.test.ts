import { describe, expect, it } from 'vitest';
import type { LayerHighlight } from '../../../shared/model.ts';
import { codeClusters, settledRange } from '../../../shared/rounds/compare.ts';

const h = (id: string, start: number, end: number, tagIds = ['t']): LayerHighlight => ({
  id,
  documentId: 'd',
  start,
  end,
  tagIds,
  comment: '',
});

describe('the comparison’s clusters', () => {
  it('agrees only where every coder drew exactly the same range', () => {
    const clusters = codeClusters(
      [
        { coder: 'a', highlights: [h('a1', 0, 10), h('a2', 20, 30)] },
        { coder: 'b', highlights: [h('b1', 0, 10), h('b2', 22, 30)] },
      ],
      'd',
    );
    expect(clusters.map((c) => [c.start, c.end, c.agreed])).toEqual([
      [0, 10, true],
      [20, 30, false],
    ]);
  });

  it('counts a coder who left a passage uncoded, and keeps touching passages apart', () => {
    const clusters = codeClusters(
      [
        { coder: 'a', highlights: [h('a1', 0, 5), h('a2', 5, 9)] },
        { coder: 'b', highlights: [h('b1', 0, 5)] },
      ],
      'd',
    );
    expect(clusters.map((c) => [c.start, c.end, c.agreed, c.coders])).toEqual([
      [0, 5, true, ['a', 'b']],
      [5, 9, false, ['a']],
    ]);
    expect(settledRange(clusters[1]!, 'overlap', undefined, 2)).toBeNull();
    expect(settledRange(clusters[1]!, 'union')).toEqual({ start: 5, end: 9 });
  });

  it('chains one coder’s two passages that another coder drew as one, per code', () => {
    const clusters = codeClusters(
      [
        { coder: 'a', highlights: [h('a1', 0, 4), h('a2', 6, 10), h('a3', 0, 10, ['other'])] },
        { coder: 'b', highlights: [h('b1', 2, 8)] },
      ],
      'd',
      { tagIds: new Set(['t']) },
    );
    expect(clusters).toHaveLength(1);
    const [c] = clusters;
    expect(c).toMatchObject({ start: 0, end: 10, agreed: false });
    expect(settledRange(c!, 'one', 'a')).toEqual({ start: 0, end: 10 });
    expect(settledRange(c!, 'one', 'b')).toEqual({ start: 2, end: 8 });
    expect(settledRange(c!, 'overlap', undefined, 2)).toEqual({ start: 2, end: 8 });
    expect(settledRange(c!, 'one', 'nobody')).toBeNull();
  });

  it('leaves out hidden coders and other documents', () => {
    const layers = [
      { coder: 'a', highlights: [h('a1', 0, 5), { ...h('x', 0, 5), documentId: 'other' }] },
      { coder: 'b', highlights: [h('b1', 1, 5)] },
    ];
    expect(codeClusters(layers, 'd', { coders: new Set(['a']) })).toMatchObject([
      { agreed: true, coders: ['a'] },
    ]);
    expect(codeClusters(layers, 'other')).toMatchObject([{ coders: ['a'], agreed: false }]);
  });
});
