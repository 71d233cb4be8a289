import { quoteText } from '../../annotations.ts';
import { citationLine } from '../../format.ts';
import type { Annotation, NotebookDocument, Tag } from '../../model.ts';
import { quotePage } from '../../pdf/page-ranges.ts';
import { escapeText } from '../markdown.ts';
import { EXPORT_LOCALE } from '../types.ts';
import type { DocumentMeta } from './document-meta.ts';
import { frontMatter } from './front-matter.ts';
import { myNotesSection } from './my-notes.ts';
import { obsidianTag } from './names.ts';

export interface DocumentFileInput {
  doc: NotebookDocument;
  meta: DocumentMeta;
  /** The file's name without `.md` (an alias holds the title when the two differ). */
  stem: string;
  quotes: readonly Annotation[];
  tagsById: ReadonlyMap<string, Tag>;
  blockIds: ReadonlyMap<string, string>;
  /** Between the "my notes" markers. */
  myNotes: string;
  /** Properties the user added in Obsidian, kept. */
  keptProperties?: ReadonlyMap<string, unknown>;
}

/**
 * A document's file: front matter with its bibliographic details and its quotes' tags, its
 * title and citation, the user's own section, then every quote as a `[!quote]` callout (text,
 * comment, tags) followed by its block id, which notes link to.
 */
export function documentFile(input: DocumentFileInput): string {
  const { doc, meta, quotes } = input;
  const tags = sortedUnique(quotes.flatMap((q) => quoteTags(q, input.tagsById)));
  const aliases = sortedUnique(
    [
      meta.title !== input.stem ? meta.title : '',
      meta.shortTitle ?? '',
      meta.citationKey ?? '',
    ].filter((alias) => alias && alias !== input.stem),
    false,
  );
  const head = frontMatter(
    {
      title: meta.title,
      authors: meta.authors,
      'citation-key': meta.citationKey,
      url: meta.url,
      doi: meta.doi,
      source: meta.source,
      published: meta.published,
      tags,
      aliases,
      'marginalia-id': doc.id,
      'marginalia-type': 'document',
    },
    input.keptProperties,
  );
  const lines = ['', `# ${escapeText(meta.title)}`, ''];
  const cite = citationLine(doc, EXPORT_LOCALE);
  if (cite) lines.push(`*${escapeText(cite)}*`, '');
  if (meta.url && /^https?:\/\//i.test(meta.url))
    lines.push(`<${meta.url.replace(/[<>\s]/g, encodeURIComponent)}>`, '');
  const parts = [head, `${lines.join('\n')}\n`, myNotesSection(input.myNotes), '\n## Quotes\n\n'];
  if (quotes.length === 0) parts.push('_No highlights in this document yet._\n');
  for (const quote of quotes) parts.push(quoteCallout(quote, input), '\n');
  return parts.join('').replace(/\n+$/, '\n');
}

/** One quote: the callout (page in its title on a PDF), a blank line, its block id, a blank line. */
function quoteCallout(quote: Annotation, input: DocumentFileInput): string {
  const page = quotePage(quote, input.doc);
  const lines = [page ? `> [!quote] p. ${escapeText(page.label)}` : '> [!quote]'];
  // A quote that ends at a line break (a whole paragraph selected) ends its callout there too.
  for (const line of quoteText(quote).trimEnd().split('\n'))
    lines.push(line.trim() ? `> ${escapeText(line)}` : '>');
  if (quote.orphan)
    lines.push('>', '> *Unplaced: this passage is no longer found in the current text.*');
  const comment = quote.comment.trim();
  if (comment) {
    lines.push('>');
    for (const line of plainParagraphs(comment).split('\n')) lines.push(line ? `> ${line}` : '>');
  }
  const tags = sortedUnique(quoteTags(quote, input.tagsById));
  if (tags.length) lines.push('>', `> ${tags.map((t) => `#${t}`).join(' ')}`);
  return `${lines.join('\n')}\n\n^${input.blockIds.get(quote.id)}\n`;
}

export function quoteTags(quote: Annotation, tagsById: ReadonlyMap<string, Tag>): string[] {
  return quote.tagIds.flatMap((id) => {
    const tag = tagsById.get(id);
    return tag ? [obsidianTag(tag.name)] : [];
  });
}

/** A comment is plain text: characters stay characters, line breaks stay (hard breaks). */
export function plainParagraphs(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split('\n').map(escapeText).join('  \n'))
    .join('\n\n');
}

export function sortedUnique(values: readonly string[], sort = true): string[] {
  const unique = [...new Set(values)];
  return sort ? unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : unique;
}
