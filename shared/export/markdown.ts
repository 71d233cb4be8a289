import { quoteText } from '../annotations.ts';
import { CITATION_STYLE_LABELS } from '../citations/citations.ts';
import { COLOR_LABELS, type HighlightColor } from '../colors.ts';
import { citationLine, plural } from '../format.ts';
import type { Annotation, Note, NotebookDocument, Tag } from '../model.ts';
import { escapeMarkdown } from '../note-links.ts';
import { quotePage } from '../pdf/page-ranges.ts';
import {
  type DocumentCitation,
  EXPORT_LOCALE,
  type ExportBibliography,
  type Exporter,
  type ExportSelection,
} from './types.ts';

/**
 * Words from documents and comments stay words in any Markdown reader, Obsidian included: beyond
 * CommonMark's syntax, escape what Obsidian reads as a tag (`#`), hidden text (`%%`), maths
 * (`$`), a highlight (`==`) or an entity (`&`).
 */
export const escapeText = (line: string) => escapeMarkdown(line, '#%$=&');

/**
 * Markdown for people and for Obsidian: YAML front matter, a section per document with its
 * citation, quotes as block quotes with their comment and tags (as `#nested/tags` where Obsidian
 * can read them), and the notes with their cited quotes written out instead of app links.
 */
export const markdownExport: Exporter = function* (selection, options, progress) {
  const total = selection.annotations.length + (options.includeNotes ? selection.notes.length : 0);
  let done = 0;
  const tick = () => progress?.(++done, total);
  const tagsById = new Map(selection.tags.map((t) => [t.id, t]));
  const quotesByDocument = groupBy(selection.annotations, (a) => a.documentId);

  const labels = selection.colorLabels ?? COLOR_LABELS;
  yield head(selection, options.includeNotes);
  if (selection.documents.length === 0) yield '_Nothing to export in this scope._\n';
  const bibliography = selection.bibliography;
  for (const doc of selection.documents) {
    const cited = bibliography?.byDocument.get(doc.id);
    yield documentHeading(doc, cited);
    const citation = cited ? `> — ${escapeText(cited.inText)}` : quoteCitation(doc);
    const quotes = quotesByDocument.get(doc.id) ?? [];
    if (quotes.length === 0) yield '_No highlights in this document yet._\n\n';
    if (options.markdownOrder === 'text') {
      for (const quote of quotes) {
        yield quoteSection(quote, withPage(citation, quote, doc, cited), tagsById, labels);
        tick();
      }
      continue;
    }
    // By tag: each quote under every tag it carries (a code-by-code report), untagged last.
    const written = new Set<string>();
    for (const [tag, tagged] of byTag(quotes, selection.tags)) {
      yield `### ${tag ? escapeText(tag.name) : 'Untagged'}\n\n`;
      if (tag?.description) yield `${plainParagraphs(tag.description)}\n\n`;
      for (const quote of tagged) {
        yield quoteSection(quote, withPage(citation, quote, doc, cited), tagsById, labels);
        if (!written.has(quote.id)) {
          written.add(quote.id);
          tick();
        }
      }
    }
  }
  if (options.includeNotes && selection.notes.length > 0) {
    yield '## Notes\n\n';
    for (const note of selection.notes) {
      yield noteSection(note, selection, tagsById);
      tick();
    }
  }
  if (bibliography && bibliography.order.length > 0) yield referencesSection(bibliography);
  progress?.(total, total);
};

function head(selection: ExportSelection, includeNotes: boolean): string {
  const counts = [
    plural(selection.documents.length, 'document'),
    plural(selection.annotations.length, 'quote'),
    ...(includeNotes ? [plural(selection.notes.length, 'note')] : []),
  ].join(' · ');
  return [
    '---',
    `title: ${yamlString(`Marginalia — ${selection.label}`)}`,
    `exported: ${selection.generatedAt}`,
    `scope: ${yamlString(selection.label)}`,
    'generator: Marginalia',
    '---',
    '',
    `# ${escapeText(selection.label)}`,
    '',
    `Exported from Marginalia on ${selection.generatedAt.slice(0, 10)} · ${counts}`,
    '',
    '',
  ].join('\n');
}

function documentHeading(doc: NotebookDocument, cited: DocumentCitation | undefined): string {
  const lines = [`## ${escapeText(doc.title || 'Untitled document')}`, ''];
  // The reference in the export's style when the core formatted one, else the citation line.
  const cite = cited?.reference || citationLine(doc, EXPORT_LOCALE);
  if (cite) lines.push(cited?.reference ? escapeText(cite) : `*${escapeText(cite)}*`);
  if (/^https?:\/\//i.test(doc.url) && !cited?.reference.includes(doc.url))
    lines.push(`<${doc.url.replace(/[<>\s]/g, encodeURIComponent)}>`);
  if (cited?.key) lines.push('', `Citation key: \`${cited.key.replace(/`/g, "'")}\``);
  if (lines.length > 2) lines.push('');
  return `${lines.join('\n')}\n`;
}

/**
 * A PDF quote's citation ends with its page as printed: "…, p. 12", or in the style's in-text
 * form, "(Smith, 2021, p. 12)".
 */
function withPage(
  citation: string,
  quote: Annotation,
  doc: NotebookDocument,
  cited: DocumentCitation | undefined,
): string {
  const page = quotePage(quote, doc);
  if (!page) return citation;
  if (cited) {
    const [before, after] = cited.inTextPage;
    return `> — ${escapeText(before)}${escapeText(page.label)}${escapeText(after)}`;
  }
  return `${citation}, p. ${escapeText(page.label)}`;
}

/** The reference list, in the style's order. */
function referencesSection(bibliography: ExportBibliography): string {
  const entries = bibliography.order
    .map((id) => bibliography.byDocument.get(id)?.reference)
    .filter((r): r is string => Boolean(r))
    .map((r) => `${escapeText(r)}\n`);
  const style = CITATION_STYLE_LABELS[bibliography.style];
  return `## References\n\n*${escapeText(style)}*\n\n${entries.join('\n')}\n`;
}

/** The line under each quote of a document: its title and citation (made once per document). */
function quoteCitation(doc: NotebookDocument): string {
  const cite = [doc.title || 'Untitled document', citationLine(doc, EXPORT_LOCALE)]
    .filter(Boolean)
    .join(' · ');
  return `> — ${escapeText(cite)}`;
}

function quoteSection(
  quote: Annotation,
  citation: string,
  tagsById: Map<string, Tag>,
  labels: Readonly<Record<HighlightColor, string>>,
): string {
  const text = quoteText(quote)
    .split('\n')
    .map((line) => (line.trim() ? `> ${escapeText(line)}` : '>'))
    .join('\n');
  const lines = [text, '>', citation, ''];
  if (quote.orphan)
    lines.push('*Unplaced: this passage is no longer found in the current text.*', '');
  if (quote.comment.trim()) lines.push(plainParagraphs(quote.comment), '');
  const tags = quote.tagIds
    .map((id) => tagsById.get(id))
    .filter((t): t is Tag => t !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(obsidianTag);
  const details = [
    tags.length ? `Tags: ${tags.join(' ')}` : '',
    labels[quote.color],
    `highlighted ${quote.createdAt.slice(0, 10)}`,
  ].filter(Boolean);
  lines.push(details.join(' · '), '');
  return `${lines.join('\n')}\n`;
}

function noteSection(note: Note, selection: ExportSelection, tagsById: Map<string, Tag>): string {
  const tags = note.tagIds
    .map((id) => tagsById.get(id))
    .filter((t): t is Tag => t !== undefined)
    .map(obsidianTag);
  const doc = note.documentId
    ? (selection.documents.find((d) => d.id === note.documentId) ??
      selection.citedQuote(note.annotationIds[0] ?? '')?.document)
    : undefined;
  const details = [
    doc ? `On: ${escapeText(doc.title)}` : '',
    tags.length ? `Tags: ${tags.join(' ')}` : '',
    `updated ${note.updatedAt.slice(0, 10)}`,
  ].filter(Boolean);
  const body = demoteHeadings(resolveQuoteLinks(note.body, selection), 3).trim();
  return `### ${escapeText(note.title || 'Untitled note')}\n\n${details.join(' · ')}\n\n${body ? `${body}\n\n` : ''}`;
}

const QUOTE_LINK = /\[((?:\\.|[^\]\\])*)\]\(marginalia:\/\/quote\/([A-Za-z0-9_-]{1,64})\)/g;

/**
 * Notes cite quotes with app links (`marginalia://quote/<id>`), which mean nothing outside the
 * app: keep the citation's words and say when the quote has since been deleted.
 */
export function resolveQuoteLinks(body: string, selection: Pick<ExportSelection, 'citedQuote'>) {
  return body.replace(QUOTE_LINK, (_, label: string, id: string) =>
    selection.citedQuote(id) ? label : `${label} *(quote deleted)*`,
  );
}

/**
 * A comment is plain text: its characters stay characters, and its line breaks stay line breaks
 * (two trailing spaces, the hard break every Markdown reader knows).
 */
function plainParagraphs(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split('\n').map(escapeText).join('  \n'))
    .join('\n\n');
}

/** Headings inside a note sit below the note's own heading. */
function demoteHeadings(body: string, by: number): string {
  let fenced = false;
  return body
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) return line;
      return line.replace(/^(#{1,6})(?=\s)/, (hashes) =>
        '#'.repeat(Math.min(6, hashes.length + by)),
      );
    })
    .join('\n');
}

/** Obsidian reads `#a/b` as a nested tag when it has no spaces or punctuation; else show it plainly. */
function obsidianTag(tag: Tag): string {
  return /^[\p{L}\p{N}_/-]+$/u.test(tag.name) && /[^\d/]/.test(tag.name)
    ? `#${tag.name}`
    : `\`${tag.name.replace(/`/g, "'")}\``;
}

/** Tags with their quotes, in name order (a tree read top-down); untagged quotes last. */
function byTag(quotes: Annotation[], tags: readonly Tag[]): [Tag | null, Annotation[]][] {
  const groups: [Tag | null, Annotation[]][] = [];
  for (const tag of tags) {
    const tagged = quotes.filter((q) => q.tagIds.includes(tag.id));
    if (tagged.length) groups.push([tag, tagged]);
  }
  const known = new Set(tags.map((t) => t.id));
  const untagged = quotes.filter((q) => !q.tagIds.some((id) => known.has(id)));
  if (untagged.length) groups.push([null, untagged]);
  return groups;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const yamlString = (value: string) => JSON.stringify(value);
