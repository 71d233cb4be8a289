import type { Block, Mark } from '../model.ts';
import { stripControlCharacters } from './control-chars.ts';

/** What kind of block text goes into when it starts a new one. */
export interface BlockKind {
  type: Block['type'];
  level?: number;
  ordered?: boolean;
}

export interface BuiltText {
  text: string;
  blocks: Block[];
  marks: Mark[];
}

type MarkData = Omit<Mark, 'start' | 'end'>;

/**
 * Builds a document's canonical text, blocks and marks from a walk over parsed input (an HTML
 * DOM, a Markdown tree). Walkers say where blocks break and hand over text; the builder owns
 * white-space collapsing and offsets, so every importer produces the same shape: blocks joined by
 * one `\n`, no empty blocks, marks trimmed to the text they cover, everything NFC.
 *
 * While a block is being built, positions are offsets into its buffer; they become document
 * offsets when the block ends and its leading white space is known.
 */
export class DocumentBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly blocks: Block[] = [];
  private readonly marks: Mark[] = [];
  private block: {
    kind: BlockKind;
    buf: string;
    marks: { mark: MarkData; start: number; end: number }[];
  } | null = null;
  /** Marks opened and not yet closed, with where they started in the current block. */
  private readonly open = new Map<number, { mark: MarkData; start: number }>();
  private nextToken = 1;

  /** Append inline text; white space collapses to single spaces unless the block is code. */
  text(raw: string, kind: BlockKind): void {
    const pre = kind.type === 'code';
    let piece = stripControlCharacters(raw).normalize('NFC');
    if (!pre) piece = piece.replace(/\s+/g, ' ');
    if (piece === '') return;
    if (!this.block) this.block = { kind, buf: '', marks: [] };
    const { buf } = this.block;
    if (!pre && (buf === '' || buf.endsWith(' '))) piece = piece.replace(/^ /, '');
    // A combining mark in a text node of its own (`e<span>\u0301</span>`) composes with the
    // letter before it, or the stored text would not be NFC.
    this.block.buf = /^\p{M}/u.test(piece) ? (buf + piece).normalize('NFC') : buf + piece;
  }

  /** End the current block; the next text starts a new one. Open marks carry on into it. */
  break(): void {
    const current = this.block;
    if (!current) return;
    this.block = null;
    for (const entry of this.open.values()) {
      current.marks.push({ mark: entry.mark, start: entry.start, end: current.buf.length });
      entry.start = 0;
    }
    const pre = current.kind.type === 'code';
    const trimmedStart = pre ? current.buf.replace(/^\n+/, '') : current.buf.trimStart();
    const content = trimmedStart.trimEnd();
    if (content === '') return;
    const lead = current.buf.length - trimmedStart.length;
    const start = this.length + (this.blocks.length > 0 ? 1 : 0);
    if (this.blocks.length > 0) this.parts.push('\n');
    this.parts.push(content);
    this.length = start + content.length;
    const { type, level, ordered } = current.kind;
    this.blocks.push({
      type,
      start,
      end: this.length,
      ...(level !== undefined ? { level } : {}),
      ...(ordered !== undefined ? { ordered } : {}),
    });
    const at = (offset: number) => start + Math.max(0, Math.min(offset - lead, content.length));
    for (const { mark, start: s, end: e } of current.marks) {
      this.marks.push({ ...mark, start: at(s), end: at(e) });
    }
  }

  /** Start an inline mark here; close it with the returned token. */
  openMark(mark: MarkData): number {
    const token = this.nextToken++;
    this.open.set(token, { mark, start: this.block?.buf.length ?? 0 });
    return token;
  }

  closeMark(token: number): void {
    const entry = this.open.get(token);
    this.open.delete(token);
    if (!entry || !this.block) return;
    this.block.marks.push({ mark: entry.mark, start: entry.start, end: this.block.buf.length });
  }

  build(): BuiltText {
    this.break();
    this.open.clear();
    const text = this.parts.join('');
    const marks = this.marks
      .map((m) => trimMark(text, m))
      .filter((m): m is Mark => m !== null)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    return { text, blocks: this.blocks, marks };
  }
}

/** Marks never start or end on white space, and never cover nothing. */
function trimMark(text: string, mark: Mark): Mark | null {
  let { start, end } = mark;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { ...mark, start, end } : null;
}
