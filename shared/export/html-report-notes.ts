import { quoteText } from '../annotations.ts';
import { citationLine } from '../format.ts';
import { citedQuoteIds, quoteIdFromLink } from '../note-links.ts';
import { escapeHtml } from './html-escape.ts';
import { type CitedQuote, EXPORT_LOCALE } from './types.ts';

/**
 * A note body for the HTML report. Not a Markdown renderer: paragraphs (blank-line separated)
 * with their line breaks, a heading line, `**strong**`, `*emphasis*`, `` `code` `` and
 * backslash escapes, so a note reads as its author wrote it. A quote the note cites
 * (`marginalia://quote/ID`) is written out from the notebook as a block quote with its source,
 * or marked "(deleted quote)" when it is gone. Any other link is shown as its text and its
 * address as plain text: the report fetches and links nothing. Every piece of text is escaped.
 */
export function noteBodyHtml(body: string, cited: (id: string) => CitedQuote | null): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '')
    .map((block) => blockHtml(block, cited))
    .join('\n');
}

function blockHtml(block: string, cited: (id: string) => CitedQuote | null): string {
  const lines = block.split('\n');
  if (lines.every((line) => /^\s*>/.test(line))) return blockQuoteHtml(lines, cited);
  const heading = /^#{1,6}\s+(.*)$/.exec(block);
  if (heading && lines.length === 1) return `<h4 dir="auto">${inlineHtml(heading[1]!, cited)}</h4>`;
  const paragraph = `<p dir="auto">${lines.map((line) => inlineHtml(line, cited)).join('<br>')}</p>`;
  // A quote cited inline in a paragraph follows it, written out.
  const quotes = citedQuoteIds(block)
    .map((id) => cited(id))
    .filter((quote): quote is CitedQuote => quote !== null);
  return [paragraph, ...quotes.map((q) => citedQuoteHtml(q))].join('\n');
}

/**
 * A Markdown block quote. The app writes a cited quote as `> text` lines and a `> — [source]
 * (marginalia://quote/ID)` line: that becomes the quote as the notebook holds it now.
 */
function blockQuoteHtml(lines: string[], cited: (id: string) => CitedQuote | null): string {
  const text = lines.map((line) => line.replace(/^\s*> ?/, ''));
  const ids = citedQuoteIds(text.join('\n'));
  if (ids.length === 0) {
    const quoted = text.map((line) => inlineHtml(line, cited)).join('<br>');
    return `<blockquote class="cited"><p dir="auto">${quoted}</p></blockquote>`;
  }
  return ids
    .map((id) => {
      const quote = cited(id);
      if (quote) return citedQuoteHtml(quote);
      // Gone from the notebook: what the note itself says, without its citation line.
      const written = text
        .filter((line) => !line.includes(`marginalia://quote/${id}`))
        .join('\n')
        .trim();
      return [
        '<figure class="cited">',
        written
          ? `<blockquote dir="auto">${escapeHtml(unescapeMarkdown(written))}</blockquote>`
          : '',
        '<figcaption class="deleted">(deleted quote)</figcaption>',
        '</figure>',
      ].join('');
    })
    .join('\n');
}

/** A cited quote with where it comes from. */
export function citedQuoteHtml({ annotation, document }: CitedQuote): string {
  const source = [document.title || 'Untitled document', citationLine(document, EXPORT_LOCALE)]
    .filter(Boolean)
    .join(' · ');
  return [
    `<figure class="cited c-${annotation.color}">`,
    `<blockquote dir="auto">${escapeHtml(quoteText(annotation))}</blockquote>`,
    `<figcaption dir="auto">— ${escapeHtml(source)}</figcaption>`,
    '</figure>',
  ].join('');
}

/** Backslash escapes, code, strong, emphasis and links; one linear scan. */
const INLINE =
  /\\([!-/:-@[-`{-~])|`([^`\n]+)`|\*\*([^*\n]+)\*\*|\*([^*\s](?:[^*\n]*[^*\s])?)\*|\[([^[\]\n]*)\]\(([^()\s]*)\)/g;

function inlineHtml(line: string, cited: (id: string) => CitedQuote | null): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    out += escapeHtml(line.slice(last, m.index));
    last = m.index + m[0].length;
    const [, escaped, code, strong, em, linkText, href] = m;
    if (escaped !== undefined) out += escapeHtml(escaped);
    else if (code !== undefined) out += `<code>${escapeHtml(code)}</code>`;
    else if (strong !== undefined)
      out += `<strong>${escapeHtml(unescapeMarkdown(strong))}</strong>`;
    else if (em !== undefined) out += `<em>${escapeHtml(unescapeMarkdown(em))}</em>`;
    else out += linkHtml(unescapeMarkdown(linkText!), href!, cited);
  }
  return out + escapeHtml(line.slice(last));
}

function linkHtml(text: string, href: string, cited: (id: string) => CitedQuote | null): string {
  const quoteId = quoteIdFromLink(href);
  if (quoteId !== null) {
    // The quote itself follows the paragraph; a deleted one is said to be gone.
    const gone = cited(quoteId) ? '' : ' <span class="deleted">(deleted quote)</span>';
    return escapeHtml(text) + gone;
  }
  if (!href || href === text) return escapeHtml(text || href);
  return `${escapeHtml(text)} <span class="link-url">(${escapeHtml(href)})</span>`;
}

const unescapeMarkdown = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
