import { quoteText } from './annotations.ts';
import { citationLine } from './format.ts';
import type { Annotation, NotebookDocument } from './model.ts';
import { markdownToPlain } from './search/excerpt.ts';

/**
 * A note cites a quote with an ordinary Markdown link to `marginalia://quote/<id>`, so a note is
 * readable as plain Markdown anywhere (Obsidian, a text editor) and the citation survives
 * export. The note's list of cited quotes is always derived from its body, never kept apart.
 */
export const QUOTE_LINK_PREFIX = 'marginalia://quote/';
/** The drag type of a quote card; the drag's text/plain carries the Markdown that cites it. */
export const QUOTE_DRAG_TYPE = 'application/x-marginalia-quote';
const QUOTE_LINK = /marginalia:\/\/quote\/([A-Za-z0-9_-]{1,64})/g;

export const quoteLink = (annotationId: string) => `${QUOTE_LINK_PREFIX}${annotationId}`;

export function quoteIdFromLink(href: string): string | null {
  return /^marginalia:\/\/quote\/([A-Za-z0-9_-]{1,64})$/.exec(href)?.[1] ?? null;
}

/** The quotes a note body cites, in order of first mention. */
export function citedQuoteIds(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(QUOTE_LINK), (m) => m[1]!))];
}

const MARKDOWN_SYNTAX = '\\`*_[]<>|~';

/**
 * Quoted words must stay words: escape what Markdown would read as syntax (emphasis, code,
 * links, HTML, a heading or list marker at the start of a line, a line of only - or = that would
 * be a rule or underline the line above into a heading). `also` names more characters to escape
 * anywhere in the line.
 */
const specialChars = new Map<string, RegExp>();

export function escapeMarkdown(line: string, also = ''): string {
  let special = specialChars.get(also);
  if (!special) {
    special = new RegExp(`[${(MARKDOWN_SYNTAX + also).replace(/[\]\\^-]/g, '\\$&')}]`, 'g');
    specialChars.set(also, special);
  }
  return line
    .replace(special, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-])(?=\s)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s)/, '$1\\$2')
    .replace(/^(\s*)([-=])(?=[-=\s]*$)/, '$1\\$2');
}

/** Markdown link text cannot hold unescaped brackets. */
const linkText = (text: string) => text.replace(/[[\]\\]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

/** A quote as a Markdown block quote with a citation line linking back to it. */
export function quoteBlock(
  annotation: Pick<Annotation, 'id' | 'target'>,
  document: Pick<NotebookDocument, 'title' | 'author' | 'source' | 'publishedDate'>,
): string {
  const quoted = quoteText(annotation)
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n');
  const cite = [document.title || 'Untitled document', citationLine(document)]
    .filter(Boolean)
    .join(' · ');
  return `${quoted}\n>\n> — [${linkText(cite)}](${quoteLink(annotation.id)})\n`;
}

/** Title and body of a new note that starts from a quote. */
export function noteFromQuote(
  annotation: Pick<Annotation, 'id' | 'target' | 'comment'>,
  document: Pick<NotebookDocument, 'id' | 'title' | 'author' | 'source' | 'publishedDate'>,
): { title: string; body: string; documentId: string } {
  const words = quoteText(annotation).replace(/\s+/g, ' ').trim();
  const title = words.length > 60 ? `${words.slice(0, 57).replace(/\s+\S*$/, '')}…` : words;
  const comment = annotation.comment.trim() ? `\n${annotation.comment.trim()}\n` : '';
  return {
    title,
    body: `${quoteBlock(annotation, document)}${comment}\n`,
    documentId: document.id,
  };
}

/** Plain text for a list row: the body without Markdown syntax, cut short. */
export function noteExcerpt(body: string, length = 160): string {
  // Only the head matters for a list row, and it keeps the cost flat for a megabyte of text.
  const plain = markdownToPlain(body.slice(0, 2000));
  return plain.length > length ? `${plain.slice(0, length - 1)}…` : plain;
}

/** A note body with a Markdown block added at the end, one blank line apart. */
export function appendBlock(body: string, block: string): string {
  const head = body.replace(/\s+$/, '');
  return head ? `${head}\n\n${block}` : block;
}
