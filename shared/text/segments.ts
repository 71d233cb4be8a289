import type { Block, Mark } from '../model.ts';

/** A run of a block's text with the same inline marks, ready to render as one element. */
export interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

/**
 * Split a block into runs at every mark boundary. Each run knows its offset in the document's
 * text, which is how a DOM selection maps back to offsets and offsets to DOM ranges.
 */
export function blockSegments(block: Block, marks: readonly Mark[]): Segment[] {
  const inside = marks.filter((m) => m.end > block.start && m.start < block.end);
  const cuts = new Set<number>([block.start, block.end]);
  for (const m of inside) {
    cuts.add(Math.max(m.start, block.start));
    cuts.add(Math.min(m.end, block.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    segments.push({ start, end, marks: inside.filter((m) => m.start <= start && m.end >= end) });
  }
  return segments;
}

/** Index of the segment holding `offset` (segments sorted by start); -1 when none does. */
export function findSegment(
  segments: readonly { start: number; end: number }[],
  offset: number,
): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
