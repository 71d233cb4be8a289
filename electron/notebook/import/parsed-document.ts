import type { ImportFormat } from '../../../shared/import.ts';
import type { Block, Mark, PdfInfo } from '../../../shared/model.ts';
import { comparableText } from '../../../shared/text/comparable.ts';

/** A file turned into a document, before it has an id or a place in the store. */
export interface ParsedDocument {
  format: ImportFormat;
  title: string;
  author: string;
  source: string;
  url: string;
  publishedDate: string;
  text: string;
  blocks: Block[];
  marks: Mark[];
  /** What the reader should know about the file (pages without readable text). */
  warnings?: string[];
  /** A PDF's pages, labels, outline and the hash its bytes are kept under. */
  pdf?: PdfInfo;
  /**
   * The JSON of its text, made where it was parsed (the worker) so the thread that
   * owns the store does not serialise megabytes again (store/preserialized.ts).
   */
  serialized?: { text: string };
}

/** `2025-09-21`, from an ISO time stamp or anything Date understands; short text kept as is. */
export function normalizeDate(value: string | null | undefined): string {
  const raw = value?.trim() ?? '';
  if (raw === '') return '';
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  if (iso) return iso[1]!;
  const parsed = Date.parse(raw);
  if (!Number.isNaN(parsed)) return new Date(parsed).toISOString().slice(0, 10);
  return raw.length <= 40 ? raw : '';
}

/** A title from a file name: no folder, no ending, separators as spaces. */
export function titleFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const stem = base.replace(/\.[a-z0-9]{1,10}$/i, '');
  return stem.replace(/[_]+/g, ' ').trim() || 'Untitled document';
}

/** Trim, collapse white space and cap a metadata field. */
export function cleanField(value: unknown, max = 1000): string {
  if (typeof value !== 'string') return '';
  const clean = value.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** A short first paragraph reads as a title (a headline above the text). */
export function titleFromText(text: string, blocks: readonly Block[]): string | null {
  const first = blocks[0];
  if (!first || blocks.length < 2) return null;
  const line = text.slice(first.start, first.end).trim();
  return line.length > 0 && line.length <= 120 && !/[.:;,]$/.test(line) ? line : null;
}

/**
 * The reader shows a document's title and byline above its text, so the same words at the top of
 * the text (a page's headline, a Markdown `# Title`, a "By Farida Noori" line) would be read
 * twice. They are left out of the text; what they said is in the title and author fields. Plain
 * text is kept as it is: its first line is only a guess at a title.
 */
export function withoutRepeatedHeader(document: ParsedDocument): ParsedDocument {
  const { text, blocks, marks, title, author } = document;
  const blockText = (i: number) => {
    const block = blocks[i];
    return block ? text.slice(block.start, block.end) : '';
  };
  let drop = 0;
  const first = blocks[0];
  if (first && first.type === 'heading' && comparableText(blockText(0)) === comparableText(title))
    drop = 1;
  const byline = blockText(drop);
  if (
    author &&
    blocks[drop]?.type === 'paragraph' &&
    byline.length <= 120 &&
    /^(by|von|par|por)\s/i.test(byline) &&
    comparableText(byline).includes(comparableText(author))
  )
    drop++;
  const rest = blocks[drop];
  if (drop === 0 || !rest) return document;
  const cut = rest.start;
  return {
    ...document,
    text: text.slice(cut),
    blocks: blocks.slice(drop).map((b) => ({ ...b, start: b.start - cut, end: b.end - cut })),
    // Marks never cross blocks, so each is wholly kept or wholly dropped.
    marks: marks
      .filter((m) => m.start >= cut)
      .map((m) => ({ ...m, start: m.start - cut, end: m.end - cut })),
  };
}
