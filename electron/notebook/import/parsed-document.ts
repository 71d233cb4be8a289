import type { ImportFormat } from '../../../shared/import.ts';
import type { Block, Mark } from '../../../shared/model.ts';

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
