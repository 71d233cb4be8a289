import { quoteText } from '../annotations.ts';
import { CITATION_STYLE_LABELS } from '../citations/citations.ts';
import { leafName, type TagTreeNode, tagTree, tagUsage } from '../codebook.ts';
import { COLOR_LABELS, type HighlightColor } from '../colors.ts';
import { citationLine, formatPublishedDate, plural } from '../format.ts';
import type { Annotation, Block, Note, NotebookDocument, Tag } from '../model.ts';
import { quotePage } from '../pdf/page-ranges.ts';
import { escapeHtml } from './html-escape.ts';
import { REPORT_CSS } from './html-report-css.ts';
import { noteBodyHtml } from './html-report-notes.ts';
import {
  type DocumentCitation,
  EXPORT_LOCALE,
  type ExportBibliography,
  type Exporter,
  type ExportSelection,
} from './types.ts';

/**
 * A printable report as one self-contained HTML page: the scope and its numbers, a chart of the
 * tags on its quotes, each document with every quote shown in its paragraph, and the notes.
 *
 * Nothing in it runs or loads: no script, no event handler, no remote address in any attribute
 * or style (a document's own URL is shown as text, not linked), system fonts only, and a CSP
 * that forbids everything but the inline stylesheet. Every piece of notebook text is escaped.
 * Progress counts quotes, then notes.
 */
export const htmlReport: Exporter = function* (selection, options, progress) {
  const notes = options.includeNotes ? selection.notes : [];
  const total = selection.annotations.length + notes.length;
  let done = 0;
  const tick = () => progress?.(++done, total);
  const tagsById = new Map(selection.tags.map((t) => [t.id, t]));
  const quotesByDocument = new Map<string, Annotation[]>();
  for (const a of selection.annotations) {
    const list = quotesByDocument.get(a.documentId);
    if (list) list.push(a);
    else quotesByDocument.set(a.documentId, [a]);
  }

  yield head(selection);
  yield summaryHtml(selection, options.includeNotes);
  yield tagChartHtml(selection);
  yield contentsHtml(selection.documents, quotesByDocument);
  if (selection.documents.length === 0)
    yield '<p class="empty">Nothing to report in this scope.</p>\n';
  for (const [index, doc] of selection.documents.entries()) {
    const quotes = quotesByDocument.get(doc.id) ?? [];
    const cited = selection.bibliography?.byDocument.get(doc.id);
    yield documentHeaderHtml(doc, index, selection.documents.length, quotes.length, cited);
    if (quotes.length === 0) yield '<p class="empty">No quotes in this document yet.</p>\n';
    for (const quote of quotes) {
      yield quoteHtml(
        quote,
        doc,
        tagsById,
        selection.colorLabels ?? COLOR_LABELS,
        selection.images,
        cited,
      );
      tick();
    }
    yield '</article>\n';
  }
  if (notes.length > 0) {
    yield notesHeaderHtml(notes.length);
    for (const note of notes) {
      yield noteHtml(note, selection, tagsById);
      tick();
    }
    yield '</section>\n';
  }
  if (selection.bibliography && selection.bibliography.order.length > 0)
    yield referencesHtml(selection.bibliography);
  yield footerHtml(selection);
  progress?.(total, total);
};

/** Content-Security-Policy of the report: only its own inline styles and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * "November 24, 2026, 09:00 UTC": the date in the export locale, like the citation line's, and
 * the time spelled out here (locale time formats differ between ICU versions).
 */
function formatGenerated(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  const day = formatPublishedDate(date.toISOString(), EXPORT_LOCALE);
  return `${day}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

function head(selection: ExportSelection): string {
  const title = escapeHtml(selection.label);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Marginalia">
<title>${title} · Marginalia report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header class="masthead">
<p class="eyebrow">Marginalia · Research report</p>
<h1 dir="auto">${title}</h1>
<p class="generated">Generated <time datetime="${escapeHtml(selection.generatedAt)}">${escapeHtml(formatGenerated(selection.generatedAt))}</time></p>
</header>
`;
}

function summaryHtml(selection: ExportSelection, includeNotes: boolean): string {
  const unplaced = selection.annotations.filter((a) => a.orphan).length;
  const used = new Set(selection.annotations.flatMap((a) => a.tagIds));
  const stats: [string, number][] = [
    ['Documents', selection.documents.length],
    ['Quotes', selection.annotations.length],
    ...(includeNotes ? [['Notes', selection.notes.length] as [string, number]] : []),
    ['Tags used', selection.tags.filter((t) => used.has(t.id)).length],
    ...(unplaced > 0 ? [['Unplaced quotes', unplaced] as [string, number]] : []),
  ];
  const items = stats.map(([label, n]) => `<div><dt>${label}</dt><dd>${n}</dd></div>`).join('');
  return `<section class="summary" aria-label="Summary">\n<dl class="stats">${items}</dl>\n</section>\n`;
}

/** A chart row per tag on the selected quotes, counted with everything below it, tree order. */
function tagChartHtml(selection: ExportSelection): string {
  const usage = tagUsage({ tags: selection.tags, annotations: selection.annotations, notes: [] });
  const rows: string[] = [];
  const scale = Math.max(1, selection.annotations.length);
  const visit = (node: TagTreeNode) => {
    const count = usage.get(node.tag.id)?.quotesWithin ?? 0;
    if (count === 0) return;
    rows.push(chartRowHtml(node, count, scale));
    for (const child of node.children) visit(child);
  };
  for (const root of tagTree(selection.tags)) visit(root);
  const body =
    rows.length > 0
      ? `<ol class="chart" aria-label="Quotes per tag">\n${rows.join('\n')}\n</ol>`
      : '<p class="empty">No tags on these quotes.</p>';
  return `<section class="tag-summary">
<div class="section-head"><h2>Tags</h2><p class="section-note">Quotes carrying each tag or a tag within it</p></div>
${body}
</section>
`;
}

function chartRowHtml(node: TagTreeNode, count: number, scale: number): string {
  const { tag, depth } = node;
  const width = ((count / scale) * 100).toFixed(1);
  // Indented under its parent, a tag shows its own name; the full path is the tooltip.
  return [
    `<li class="c-${tag.color} depth-${Math.min(depth, 9)}" style="--depth:${depth}">`,
    `<span class="label" dir="auto" title="${escapeHtml(tag.name)}">${escapeHtml(leafName(tag.name))}</span>`,
    `<span class="track" aria-hidden="true"><span class="bar" style="width:${width}%"></span></span>`,
    `<span class="count">${count}</span></li>`,
  ].join('');
}

/** A list of the documents, when there is more than one. */
function contentsHtml(
  documents: readonly NotebookDocument[],
  quotesByDocument: ReadonlyMap<string, Annotation[]>,
): string {
  if (documents.length < 2) return '';
  const items = documents.map((doc, index) => {
    const n = quotesByDocument.get(doc.id)?.length ?? 0;
    return `<li><a href="#document-${index + 1}" dir="auto">${escapeHtml(doc.title || 'Untitled document')}</a><span class="count-text">${plural(n, 'quote')}</span></li>`;
  });
  return `<nav class="contents" aria-label="Documents">
<div class="section-head"><h2>Documents</h2></div>
<ol>
${items.join('\n')}
</ol>
</nav>
`;
}

function documentHeaderHtml(
  doc: NotebookDocument,
  index: number,
  count: number,
  quotes: number,
  cited: DocumentCitation | undefined,
): string {
  const citation = citationLine(doc, EXPORT_LOCALE);
  const lines = [
    `<article class="document" id="document-${index + 1}">`,
    '<header>',
    `<p class="section-label">Document ${index + 1} of ${count} · ${plural(quotes, 'quote')}</p>`,
    `<h2 dir="auto">${escapeHtml(doc.title || 'Untitled document')}</h2>`,
  ];
  // The reference as the core formatted it (citeproc's inline markup only), else the line.
  if (cited?.reference)
    lines.push(`<p class="citation reference" dir="auto">${cited.reference}</p>`);
  else if (citation) lines.push(`<p class="citation" dir="auto">${escapeHtml(citation)}</p>`);
  // The address as text: the report links to nothing outside itself.
  if (doc.url) lines.push(`<p class="url">${escapeHtml(doc.url)}</p>`);
  lines.push('</header>');
  return `${lines.join('\n')}\n`;
}

function quoteHtml(
  quote: Annotation,
  doc: NotebookDocument,
  tagsById: ReadonlyMap<string, Tag>,
  labels: Readonly<Record<HighlightColor, string>>,
  images?: ReadonlyMap<string, string>,
  cited?: DocumentCitation,
): string {
  const tags = tagsOf(quote.tagIds, tagsById);
  const page = quotePage(quote, doc);
  const meta = [
    cited?.inText
      ? `<span class="cite">${page ? `${cited.inTextPage[0]}${escapeHtml(page.label)}${cited.inTextPage[1]}` : cited.inText}</span>`
      : page
        ? `<span class="page">p. ${escapeHtml(page.label)}</span>`
        : '',
    tags.length > 0 ? tagChipsHtml(tags) : '',
    `<span class="swatch"><span class="dot" aria-hidden="true"></span>${escapeHtml(labels[quote.color])}</span>`,
    `<span>Highlighted ${escapeHtml(formatPublishedDate(quote.createdAt, EXPORT_LOCALE))}</span>`,
  ];
  const orphan = quote.orphan
    ? '<p class="orphan-note"><span class="flag">Unplaced</span>Not found in the current text of the document; shown as saved.</p>\n'
    : '';
  const comment = quote.comment.trim()
    ? `<div class="comment"><span class="comment-label">Comment</span><div dir="auto">${escapeHtml(quote.comment)}</div></div>`
    : '';
  return `<section class="quote c-${quote.color}${quote.orphan ? ' orphan' : ''}" id="quote-${escapeHtml(quote.id)}">
${orphan}<blockquote class="context">${contextHtml(quote, doc, images)}</blockquote>
<div class="meta">${meta.join('')}</div>${comment}
</section>
`;
}

/** The tags with these ids, by name. */
function tagsOf(ids: readonly string[], tagsById: ReadonlyMap<string, Tag>): Tag[] {
  return ids
    .map((id) => tagsById.get(id))
    .filter((t): t is Tag => t !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

function tagChipsHtml(tags: readonly Tag[]): string {
  const chips = tags.map(
    (t) =>
      `<li class="tag c-${t.color}"><span class="dot" aria-hidden="true"></span><span dir="auto">${escapeHtml(t.name)}</span></li>`,
  );
  return `<ul class="tags" aria-label="Tags">${chips.join('')}</ul>`;
}

/** Characters of context kept on each side of a quote inside a long paragraph. */
const CONTEXT_CHARS = 320;
/** Characters each side when the document has no blocks around the quote. */
const FALLBACK_CHARS = 200;

interface ContextPiece {
  type: Block['type'];
  before: string;
  quote: string;
  after: string;
}

/**
 * The quote in its paragraph (or the paragraphs it spans), marked; an unplaced quote, or one
 * whose stored offsets no longer hold its text, as it was saved, without context.
 */
function contextHtml(
  quote: Annotation,
  doc: NotebookDocument,
  images?: ReadonlyMap<string, string>,
): string {
  if ('area' in quote.target) {
    const { area } = quote.target;
    const png = area.image ? images?.get(area.image) : undefined;
    const label = escapeHtml(quoteText(quote, doc));
    return png
      ? `<figure class="area c-${quote.color}"><img src="data:image/png;base64,${png}" alt="${label}"><figcaption>${label}</figcaption></figure>`
      : `<p class="area-text">${label}</p>`;
  }
  const { exact } = quote.target.quote;
  const { start, end } = quote.target.position;
  const mark = (text: string) =>
    text
      ? `<mark class="c-${quote.color}" data-quote="${escapeHtml(quote.id)}" dir="auto">${escapeHtml(text)}</mark>`
      : '';
  if (quote.orphan || doc.text.slice(start, end) !== exact) {
    return `<p class="orphan-text" dir="auto">${mark(exact)}</p>`;
  }
  return contextPieces(doc, start, end)
    .map(
      (p) =>
        `<p class="ctx-${p.type}" dir="auto">${escapeHtml(p.before)}${mark(p.quote)}${escapeHtml(p.after)}</p>`,
    )
    .join('');
}

function contextPieces(doc: NotebookDocument, start: number, end: number): ContextPiece[] {
  const blocks = doc.blocks.filter((b) => b.start < end && b.end > start);
  if (blocks.length === 0) {
    const from = Math.max(0, start - FALLBACK_CHARS);
    const to = Math.min(doc.text.length, end + FALLBACK_CHARS);
    return [
      {
        type: 'paragraph',
        before: trimStart(doc.text.slice(from, start), from > 0),
        quote: doc.text.slice(start, end),
        after: trimEnd(doc.text.slice(end, to), to < doc.text.length),
      },
    ];
  }
  return blocks.map((b, i) => {
    const qs = Math.max(b.start, start);
    const qe = Math.min(b.end, end);
    const before = doc.text.slice(b.start, qs);
    const after = doc.text.slice(qe, b.end);
    return {
      type: b.type,
      before:
        i === 0 && before.length > CONTEXT_CHARS
          ? trimStart(before.slice(-CONTEXT_CHARS), true)
          : before,
      quote: doc.text.slice(qs, qe),
      after:
        i === blocks.length - 1 && after.length > CONTEXT_CHARS
          ? trimEnd(after.slice(0, CONTEXT_CHARS), true)
          : after,
    };
  });
}

/** Context cut at its start: from the first whole word, after an ellipsis. */
function trimStart(text: string, cut: boolean): string {
  if (!cut) return text;
  const space = text.search(/\s/);
  return `…${space >= 0 && space < text.length - 1 ? text.slice(space + 1) : text}`;
}

/** Context cut at its end: up to the last whole word, then an ellipsis. */
function trimEnd(text: string, cut: boolean): string {
  if (!cut) return text;
  const space = text.search(/\s\S*$/);
  return `${space > 0 ? text.slice(0, space) : text}…`;
}

function notesHeaderHtml(count: number): string {
  return `<section class="notes">
<div class="section-head"><h2>Notes</h2><p class="section-note">${plural(count, 'note')}</p></div>
`;
}

function noteHtml(
  note: Note,
  selection: ExportSelection,
  tagsById: ReadonlyMap<string, Tag>,
): string {
  const tags = tagsOf(note.tagIds, tagsById);
  return `<article class="note">
<h3 dir="auto">${escapeHtml(note.title || 'Untitled note')}</h3>
${tags.length > 0 ? tagChipsHtml(tags) : ''}<div class="note-body">
${noteBodyHtml(note.body, (id) => selection.citedQuote(id))}
</div>
</article>
`;
}

/** The reference list, in the style's order, with hanging indents. */
function referencesHtml(bibliography: ExportBibliography): string {
  const items = bibliography.order
    .map((id) => bibliography.byDocument.get(id)?.reference)
    .filter((r): r is string => Boolean(r))
    .map((r) => `<li dir="auto">${r}</li>`);
  return `<section class="references">
<div class="section-head"><h2>References</h2><p class="section-note">${escapeHtml(CITATION_STYLE_LABELS[bibliography.style])}</p></div>
<ul>
${items.join('\n')}
</ul>
</section>
`;
}

function footerHtml(selection: ExportSelection): string {
  return `<footer dir="auto">Made with Marginalia · ${escapeHtml(selection.label)} · ${escapeHtml(formatGenerated(selection.generatedAt))}</footer>
</main>
</body>
</html>
`;
}
