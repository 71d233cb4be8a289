import type { Block } from '../model.ts';
import { buildPageText, type PageText, type PdfTextItem } from './page-text.ts';

export interface PdfText {
  text: string;
  blocks: Block[];
  /** Where each page's text starts in `text` (a page without text starts where the next does). */
  pageStarts: number[];
  /** 0-based indexes of pages without readable text. */
  unreadablePages: number[];
}

/**
 * A whole PDF's canonical text: each page's text (see page-text.ts), pages joined by a line end
 * like any two blocks, so a block never runs across a page.
 */
export function buildPdfText(pages: Iterable<readonly PdfTextItem[]>): PdfText {
  const parts: string[] = [];
  const blocks: Block[] = [];
  const pageStarts: number[] = [];
  const unreadablePages: number[] = [];
  const hasText: boolean[] = [];
  let length = 0;
  let index = 0;
  for (const items of pages) {
    const page = buildPageText(items);
    if (!page.readable) unreadablePages.push(index);
    hasText.push(page.text !== '');
    if (page.text !== '' && length > 0) {
      parts.push('\n');
      length++;
    }
    pageStarts.push(length);
    for (const b of page.blocks)
      blocks.push({ ...b, start: b.start + length, end: b.end + length });
    parts.push(page.text);
    length += page.text.length;
    index++;
  }
  // A page without text starts where the next page with text does (or at the end).
  for (let p = pageStarts.length - 1; p >= 0; p--) {
    if (!hasText[p]) pageStarts[p] = pageStarts[p + 1] ?? length;
  }
  return { text: parts.join(''), blocks, pageStarts, unreadablePages };
}

/** The page (0-based) an offset of the canonical text is on. */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Pages without text share their start with the next page that has some: prefer that one.
  while (lo + 1 < pageStarts.length && pageStarts[lo + 1] === pageStarts[lo]) lo++;
  return Math.max(0, lo);
}

/**
 * One page's canonical text and its map, placed in the document: turns a place in the text layer
 * (item, offset in its string) into a document offset, and a document range into places in the
 * text layer.
 */
export class PageTextMap {
  readonly page: PageText;
  readonly start: number;
  readonly end: number;
  private readonly toCanonical: Int32Array[];

  constructor(page: PageText, pageStart: number, itemLengths: readonly number[]) {
    this.page = page;
    this.start = pageStart;
    this.end = pageStart + page.text.length;
    this.toCanonical = itemLengths.map((n) => new Int32Array(n + 1).fill(-1));
    for (let c = page.text.length - 1; c >= 0; c--) {
      const item = page.itemOf[c]!;
      if (item < 0) continue;
      const row = this.toCanonical[item];
      // Filled from the end, so a ligature's first canonical character wins.
      if (row) row[page.offsetOf[c]!] = c;
    }
    // A character that left no trace (a joined hyphen, collapsed white space) maps to the next
    // character that did; the end of an item to just after its last character.
    const itemEnd = new Int32Array(itemLengths.length).fill(-1);
    for (let c = 0; c < page.text.length; c++) {
      const item = page.itemOf[c]!;
      if (item >= 0 && item < itemEnd.length) itemEnd[item] = c + 1;
    }
    let next = page.text.length;
    for (let i = this.toCanonical.length - 1; i >= 0; i--) {
      const row = this.toCanonical[i]!;
      const n = row.length - 1;
      row[n] = itemEnd[i]! >= 0 ? itemEnd[i]! : next;
      let following = row[n]!;
      for (let k = n - 1; k >= 0; k--) {
        if (row[k]! >= 0) following = row[k]!;
        else row[k] = following;
      }
      next = row[0]!;
    }
  }

  /** The document offset of a place in the text layer: item `item`, `offset` into its string. */
  offsetAt(item: number, offset: number): number {
    const row = this.toCanonical[item];
    if (!row) return this.end;
    return this.start + row[Math.max(0, Math.min(offset, row.length - 1))]!;
  }

  /**
   * The text-layer places of the document range [start, end) clipped to this page: the first
   * character's item and offset, and the item and offset just after the last one. Null when the
   * range has no character on this page.
   */
  placesOf(
    start: number,
    end: number,
  ): { startItem: number; startOffset: number; endItem: number; endOffset: number } | null {
    const { page } = this;
    const from = Math.max(0, start - this.start);
    const to = Math.min(page.text.length, end - this.start);
    let first = from;
    while (first < to && page.itemOf[first]! < 0) first++;
    let last = to - 1;
    while (last >= first && page.itemOf[last]! < 0) last--;
    if (first >= to || last < first) return null;
    return {
      startItem: page.itemOf[first]!,
      startOffset: page.offsetOf[first]!,
      endItem: page.itemOf[last]!,
      endOffset: page.offsetOf[last]! + 1,
    };
  }
}

/**
 * Each page's [start, end) in the canonical text: from its start to the end of its last block (a
 * page without text is empty). Blocks never run across pages.
 */
export function pageRanges(
  pageStarts: readonly number[],
  blocks: readonly Block[],
): { start: number; end: number }[] {
  let b = 0;
  return pageStarts.map((start, page) => {
    // Pages without text share their start with the next page that has some.
    if (pageStarts[page + 1] === start) return { start, end: start };
    let next = Number.POSITIVE_INFINITY;
    for (let q = page + 1; q < pageStarts.length; q++) {
      if (pageStarts[q]! > start) {
        next = pageStarts[q]!;
        break;
      }
    }
    let end = start;
    while (b < blocks.length && blocks[b]!.start < start) b++;
    while (b < blocks.length && blocks[b]!.start < next) end = Math.max(end, blocks[b++]!.end);
    return { start, end };
  });
}
