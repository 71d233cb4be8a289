import type { LayerHighlight } from '../model.ts';

/** One coder's segment of a code in a document. */
export interface CoderSegment {
  coder: string;
  start: number;
  end: number;
  highlightId: string;
}

/**
 * A stretch of text where at least one coder applied a code: the coders' overlapping segments
 * of that code, chained. Coders agree on it when every coder has exactly the same range.
 */
export interface CodeCluster {
  tagId: string;
  start: number;
  end: number;
  segments: CoderSegment[];
  agreed: boolean;
  /** The coders (ids) with a segment in it. */
  coders: string[];
}

/**
 * The clusters of one document, per code, in text order: the units of the comparison view,
 * where a disagreement is a cluster the coders did not draw alike (one coder silent, different
 * ends, or split differently).
 */
export function codeClusters(
  layers: readonly { coder: string; highlights: readonly LayerHighlight[] }[],
  documentId: string,
  options: { tagIds?: ReadonlySet<string>; coders?: ReadonlySet<string> } = {},
): CodeCluster[] {
  const byTag = new Map<string, CoderSegment[]>();
  const coders = layers.map((l) => l.coder).filter((c) => !options.coders || options.coders.has(c));
  for (const layer of layers) {
    if (options.coders && !options.coders.has(layer.coder)) continue;
    for (const h of layer.highlights) {
      if (h.documentId !== documentId || h.end <= h.start) continue;
      for (const tagId of h.tagIds) {
        if (options.tagIds && !options.tagIds.has(tagId)) continue;
        const list = byTag.get(tagId) ?? [];
        list.push({ coder: layer.coder, start: h.start, end: h.end, highlightId: h.id });
        byTag.set(tagId, list);
      }
    }
  }
  const clusters: CodeCluster[] = [];
  for (const [tagId, segments] of byTag) {
    segments.sort((a, b) => a.start - b.start || a.end - b.end);
    let current: CoderSegment[] = [];
    let end = -1;
    const flush = () => {
      if (current.length === 0) return;
      const who = [...new Set(current.map((s) => s.coder))];
      const first = current[0]!;
      const agreed =
        who.length === coders.length &&
        current.length === coders.length &&
        current.every((s) => s.start === first.start && s.end === first.end);
      clusters.push({
        tagId,
        start: Math.min(...current.map((s) => s.start)),
        end: Math.max(...current.map((s) => s.end)),
        segments: current,
        agreed,
        coders: who,
      });
      current = [];
    };
    for (const s of segments) {
      if (s.start >= end) flush();
      current.push(s);
      end = Math.max(end, s.end);
      if (current.length === 1) end = s.end;
    }
    flush();
  }
  return clusters.sort(
    (a, b) => a.start - b.start || a.end - b.end || a.tagId.localeCompare(b.tagId),
  );
}

export type SettleHow = 'one' | 'union' | 'overlap' | 'edit';

/**
 * The range a settlement keeps: one coder's segment(s) (their span), the union of all, or the
 * overlap every coder shares (null when there is none).
 */
export function settledRange(
  cluster: CodeCluster,
  how: Exclude<SettleHow, 'edit'>,
  coder?: string,
  /** How many coders are compared: the overlap is what all of them marked. */
  coderCount = cluster.coders.length,
): { start: number; end: number } | null {
  if (how === 'union') return { start: cluster.start, end: cluster.end };
  if (how === 'one') {
    const mine = cluster.segments.filter((s) => s.coder === coder);
    if (mine.length === 0) return null;
    return {
      start: Math.min(...mine.map((s) => s.start)),
      end: Math.max(...mine.map((s) => s.end)),
    };
  }
  // The overlap: what every coder covers (none when a coder left the passage uncoded).
  if (cluster.coders.length < coderCount) return null;
  let start = cluster.start;
  let end = cluster.end;
  for (const who of cluster.coders) {
    const mine = cluster.segments.filter((s) => s.coder === who);
    start = Math.max(start, Math.min(...mine.map((s) => s.start)));
    end = Math.min(end, Math.max(...mine.map((s) => s.end)));
  }
  return end > start ? { start, end } : null;
}
