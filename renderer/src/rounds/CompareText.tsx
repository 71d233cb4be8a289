import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type RefObject, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Block, Coder, NotebookDocument } from '../../../shared/model.ts';
import type { CodeCluster } from '../../../shared/rounds/compare.ts';

interface Piece {
  start: number;
  end: number;
  cluster: CodeCluster | null;
}

/**
 * A block's text cut at the clusters' ends: each piece plain or inside a cluster. The current
 * cluster names every piece it covers (so the one under the cursor is always marked, even under
 * another code's passage of the same range); otherwise the narrowest does (a disagreement over
 * an agreement).
 */
function pieces(
  start: number,
  end: number,
  inside: readonly CodeCluster[],
  current: CodeCluster | null,
): Piece[] {
  const cuts = new Set([start, end]);
  for (const c of inside) {
    if (c.start > start) cuts.add(c.start);
    if (c.end < end) cuts.add(c.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  return points.slice(0, -1).map((from, i) => {
    const to = points[i + 1]!;
    let best: CodeCluster | null = null;
    for (const c of inside) {
      if (c.start > from || c.end < to) continue;
      if (c === current) {
        best = c;
        break;
      }
      if (
        !best ||
        Number(c.agreed) - Number(best.agreed) < 0 ||
        (c.agreed === best.agreed && c.end - c.start < best.end - best.start)
      )
        best = c;
    }
    return { start: from, end: to, cluster: best };
  });
}

/** Each block's clusters (those overlapping it), found once per document and cluster set. */
function clustersByBlock(
  blocks: readonly Block[],
  clusters: readonly CodeCluster[],
): CodeCluster[][] {
  const out: CodeCluster[][] = blocks.map(() => []);
  for (const c of clusters) {
    // The first block ending after the cluster's start, then every block it reaches into.
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid]!.end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < blocks.length && blocks[i]!.start < c.end; i++) {
      if (blocks[i]!.end > c.start) out[i]!.push(c);
    }
  }
  return out;
}

/** The block holding `offset` (or the last one starting before it). */
function blockAt(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** One paragraph with a lane per coder beside it; drawn again only when what it shows changes. */
const CompareRow = memo(function CompareRow({
  block,
  text,
  here,
  coders,
  current,
  settled,
}: {
  block: Block;
  text: string;
  here: readonly CodeCluster[];
  coders: readonly Coder[];
  /** The cluster under the cursor when it is in this block, else null. */
  current: CodeCluster | null;
  settled: (c: CodeCluster) => boolean;
}) {
  return (
    <>
      <div className="compare-lanes" aria-hidden="true">
        {coders.map((coder) => {
          let state = 'empty';
          for (const c of here) {
            if (!c.coders.includes(coder.id)) continue;
            if (!c.agreed) {
              state = 'disagree';
              break;
            }
            state = 'agree';
          }
          return <span key={coder.id} className={`compare-lane ${state}`} title={coder.name} />;
        })}
      </div>
      <p className={`compare-block compare-${block.type}`}>
        {pieces(block.start, block.end, here, current).map((p) => {
          const slice = text.slice(p.start, p.end);
          if (!p.cluster) return <span key={p.start}>{slice}</span>;
          const isCurrent = p.cluster === current;
          const kind = p.cluster.agreed ? 'agree' : settled(p.cluster) ? 'settled' : 'disagree';
          return (
            <mark
              key={p.start}
              data-current-start={
                isCurrent && p.start === Math.max(block.start, p.cluster.start) ? '' : undefined
              }
              className={`compare-mark ${kind}${isCurrent ? ' current' : ''}`}
            >
              {slice}
            </mark>
          );
        })}
      </p>
    </>
  );
});

/** A first guess at a paragraph's height (lines of about 110 characters), before it is measured. */
const estimate = (block: Block) => Math.ceil((block.end - block.start) / 110) * 26 + 18;

/**
 * The document with each coder in a lane beside every paragraph: a lane is filled where that
 * coder coded (in the filtered codes), green where all agree, orange where they do not; in the
 * text, passages the coders drew alike and differently are marked, the current one strongest.
 * Only the paragraphs in and near the view are drawn (a long document has a thousand), each
 * remembered, so stepping redraws the two holding the old and the new current passage.
 */
export const CompareText = memo(function CompareText({
  document,
  coders,
  clusters,
  current,
  settled,
  scrollRef,
}: {
  document: NotebookDocument;
  coders: readonly Coder[];
  clusters: readonly CodeCluster[];
  current: CodeCluster | null;
  settled: (c: CodeCluster) => boolean;
  /** The element the comparison scrolls in. */
  scrollRef: RefObject<HTMLElement | null>;
}) {
  const { blocks, text } = document;
  const byBlock = useMemo(() => clustersByBlock(blocks, clusters), [blocks, clusters]);
  const currentFrom = current ? blockAt(blocks, current.start) : -1;
  const currentTo = current ? blockAt(blocks, Math.max(current.start, current.end - 1)) : -1;

  // Where the text starts in the scroll (below its padding), read after each render.
  const [scrollMargin, setScrollMargin] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const list = listRef.current;
    if (!scroller || !list) return;
    const top =
      list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    setScrollMargin((was) => (Math.abs(was - top) < 0.5 ? was : top));
  });
  const virtualizer = useVirtualizer({
    count: blocks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimate(blocks[i]!),
    overscan: 4,
    // The scroller's height comes from its rows (up to 56vh): before it has any, assume a
    // screenful, or an empty scroller would never be given rows to grow by.
    initialRect: { width: 800, height: 600 },
    scrollMargin,
    getItemKey: (i) => `${document.id}:${blocks[i]!.start}`,
  });
  const rows = virtualizer.getVirtualItems();
  const padTop = rows.length > 0 ? rows[0]!.start - scrollMargin : 0;
  const padBottom =
    rows.length > 0 ? virtualizer.getTotalSize() - (rows[rows.length - 1]!.end - scrollMargin) : 0;

  // The passage under the cursor is brought into view whenever the cursor moves: its paragraph
  // first (it may not be drawn), then the passage itself once drawn.
  useEffect(() => {
    if (!current) return;
    const mark = () =>
      scrollRef.current?.querySelector<HTMLElement>('.compare-mark.current[data-current-start]');
    const shown = mark();
    if (shown) shown.scrollIntoView({ block: 'center', behavior: 'smooth' });
    else {
      virtualizer.scrollToIndex(currentFrom, { align: 'center' });
      requestAnimationFrame(() => mark()?.scrollIntoView({ block: 'center' }));
    }
  }, [current, currentFrom, virtualizer, scrollRef]);

  return (
    <div className="compare-text" data-document={document.id} ref={listRef}>
      {padTop > 0 && <div style={{ height: padTop }} aria-hidden="true" />}
      {rows.map((row) => {
        const block = blocks[row.index]!;
        const inCurrent = row.index >= currentFrom && row.index <= currentTo;
        return (
          <div
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            className="compare-row"
          >
            <CompareRow
              block={block}
              text={text}
              here={byBlock[row.index]!}
              coders={coders}
              current={inCurrent ? current : null}
              settled={settled}
            />
          </div>
        );
      })}
      {padBottom > 0 && <div style={{ height: padBottom }} aria-hidden="true" />}
    </div>
  );
});
