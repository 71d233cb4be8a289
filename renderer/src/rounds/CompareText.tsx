import { memo, useEffect, useRef } from 'react';
import type { Coder, NotebookDocument } from '../../../shared/model.ts';
import type { CodeCluster } from '../../../shared/rounds/compare.ts';

interface Piece {
  start: number;
  end: number;
  cluster: CodeCluster | null;
}

/** A block's text cut at the clusters' ends: each piece plain or inside a cluster. */
function pieces(start: number, end: number, clusters: readonly CodeCluster[]): Piece[] {
  const inside = clusters.filter((c) => c.start < end && c.end > start);
  const cuts = new Set([start, end]);
  for (const c of inside) {
    if (c.start > start) cuts.add(c.start);
    if (c.end < end) cuts.add(c.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  return points.slice(0, -1).map((from, i) => {
    const to = points[i + 1]!;
    // The narrowest cluster over the piece names it (a disagreement over an agreement).
    const over = inside
      .filter((c) => c.start <= from && c.end >= to)
      .sort((a, b) => Number(a.agreed) - Number(b.agreed) || a.end - a.start - (b.end - b.start));
    return { start: from, end: to, cluster: over[0] ?? null };
  });
}

/**
 * The document with each coder in a lane beside every paragraph: a lane is filled where that
 * coder coded (in the filtered codes), green where all agree, orange where they do not; in the
 * text, passages the coders drew alike and differently are marked, the current one strongest.
 */
export const CompareText = memo(function CompareText({
  document,
  coders,
  clusters,
  current,
  settled,
}: {
  document: NotebookDocument;
  coders: readonly Coder[];
  clusters: readonly CodeCluster[];
  current: CodeCluster | null;
  settled: (c: CodeCluster) => boolean;
}) {
  const currentRef = useRef<HTMLElement>(null);
  // The passage under the cursor is brought into view whenever the cursor moves.
  useEffect(() => {
    if (current) currentRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [current]);
  return (
    <div className="compare-text">
      {document.blocks.map((block) => {
        const here = clusters.filter((c) => c.start < block.end && c.end > block.start);
        return (
          <div key={block.start} className="compare-row">
            <div className="compare-lanes" aria-hidden="true">
              {coders.map((coder) => {
                const mine = here.filter((c) => c.coders.includes(coder.id));
                const state =
                  mine.length === 0 ? 'empty' : mine.every((c) => c.agreed) ? 'agree' : 'disagree';
                return (
                  <span key={coder.id} className={`compare-lane ${state}`} title={coder.name} />
                );
              })}
            </div>
            <p className={`compare-block compare-${block.type}`}>
              {pieces(block.start, block.end, here).map((p) => {
                const text = document.text.slice(p.start, p.end);
                if (!p.cluster) return <span key={p.start}>{text}</span>;
                const isCurrent = p.cluster === current;
                const kind = p.cluster.agreed
                  ? 'agree'
                  : settled(p.cluster)
                    ? 'settled'
                    : 'disagree';
                return (
                  <mark
                    key={p.start}
                    ref={
                      isCurrent && p.start === Math.max(block.start, p.cluster.start)
                        ? currentRef
                        : undefined
                    }
                    className={`compare-mark ${kind}${isCurrent ? ' current' : ''}`}
                  >
                    {text}
                  </mark>
                );
              })}
            </p>
          </div>
        );
      })}
    </div>
  );
});
