import {
  type CitationStyle,
  type CslRecord,
  citationKeyOf,
  makeCitationKey,
  recordForDocument,
} from '../../../shared/citations/citations.ts';
import { escapeHtml } from '../../../shared/export/html-escape.ts';
import type { DocumentCitation, ExportBibliography } from '../../../shared/export/types.ts';
import type { NotebookDocument } from '../../../shared/model.ts';
import { bibtexOf, citeprocEngine, registerStyles } from './citation-js.ts';

/** Stands for the page in an in-text citation while citeproc formats it (a number it keeps). */
const PAGE_SLOT = '987654321';

export interface BibliographyRequest {
  style: CitationStyle;
  /** Plain text (Markdown) or HTML (the report); null: only the records and BibTeX. */
  markup: 'text' | 'html' | null;
  resourcesDir: string;
}

/**
 * Every document's citation for an export: its record (its own, or built from its fields) under
 * a key unique in the export, its BibTeX entry and, when asked, its reference and in-text
 * citation in a style. Formatted in one citeproc-js pass over all the records, so two works by
 * one author in one year become 2021a and 2021b.
 */
export function buildBibliography(
  documents: readonly NotebookDocument[],
  request: BibliographyRequest,
): ExportBibliography {
  const used = new Set<string>();
  const records = documents.map((doc): CslRecord => {
    const record = recordForDocument(doc);
    const key = uniqueKey(citationKeyOf(doc) ?? makeCitationKey(record), used);
    // The key first, as Better CSL JSON writes it; the record's own fields after.
    const out: CslRecord = { id: key, 'citation-key': key, ...record };
    out.id = key;
    out['citation-key'] = key;
    return out;
  });
  const bibtex = bibtexEntries(records);
  const formatted = request.markup
    ? formatAll(records, request.style, request.markup, request)
    : null;
  const byDocument = new Map<string, DocumentCitation>();
  for (const [i, doc] of documents.entries()) {
    const csl = records[i]!;
    const key = String(csl.id);
    const f = formatted?.get(key);
    byDocument.set(doc.id, {
      key,
      csl,
      bibtex: bibtex[i] ?? '',
      reference: f?.reference ?? '',
      inText: f?.inText ?? '',
      inTextPage: f?.inTextPage ?? ['', ''],
    });
  }
  const order = formatted
    ? [...formatted.keys()].map((key) => documents[records.findIndex((r) => r.id === key)]!.id)
    : documents.map((d) => d.id);
  return { style: request.style, markup: request.markup ?? 'text', byDocument, order };
}

/** A key not used yet in this export: `smith2021`, then `smith2021a`, `smith2021b`… */
function uniqueKey(key: string, used: Set<string>): string {
  let candidate = key;
  for (let n = 0; used.has(candidate); n++) candidate = `${key}${suffix(n)}`;
  used.add(candidate);
  return candidate;
}

const suffix = (n: number): string =>
  n < 26 ? String.fromCharCode(97 + n) : `${suffix(Math.floor(n / 26) - 1)}${suffix(n % 26)}`;

/** One BibTeX entry per record, in order (citation-js writes them a blank line apart). */
function bibtexEntries(records: readonly CslRecord[]): string[] {
  if (records.length === 0) return [];
  const text = bibtexOf(records);
  const entries = text
    .split(/\n(?=@)/)
    .map((e) => e.trim())
    .filter(Boolean);
  // The split relies on entries starting lines with @; fall back to one call each otherwise.
  return entries.length === records.length ? entries : records.map((r) => bibtexOf([r]).trim());
}

interface Formatted {
  reference: string;
  inText: string;
  inTextPage: readonly [string, string];
}

/** References (in the style's order) and in-text citations for all records, keyed by id. */
function formatAll(
  records: readonly CslRecord[],
  style: CitationStyle,
  markup: 'text' | 'html',
  request: BibliographyRequest,
): Map<string, Formatted> {
  registerStyles(request.resourcesDir);
  const result = new Map<string, Formatted>();
  if (records.length === 0) return result;
  const engine = citeprocEngine(records, style, markup);
  const bibliography = engine.makeBibliography();
  const clean = (s: string) => (markup === 'html' ? safeHtml(s) : plainText(s));
  const [meta, bodies] = bibliography || [{ entry_ids: [] }, []];
  const references = new Map<string, string>();
  for (const [i, ids] of meta.entry_ids.entries()) {
    const id = String(ids[0]);
    references.set(id, clean(bodies[i] ?? ''));
  }
  // Reference-list order first; any record the style left out after, in document order.
  const ordered = [
    ...references.keys(),
    ...records.map((r) => String(r.id)).filter((id) => !references.has(id)),
  ];
  for (const id of ordered) {
    const inText = clean(engine.makeCitationCluster([{ id }]));
    const withPage = clean(engine.makeCitationCluster([{ id, locator: PAGE_SLOT, label: 'page' }]));
    const at = withPage.indexOf(PAGE_SLOT);
    result.set(id, {
      reference: references.get(id) ?? '',
      inText,
      inTextPage:
        at >= 0
          ? [withPage.slice(0, at), withPage.slice(at + PAGE_SLOT.length)]
          : [`${inText.replace(/\)$/, '')}, p. `, inText.endsWith(')') ? ')' : ''],
    });
  }
  return result;
}

/** citeproc's text output, trimmed (it ends entries with a line break). */
const plainText = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The inline markup citeproc-js writes for CSL's formatting, the only tags kept. */
const KEPT_TAG =
  /^<\/?(i|b|sup|sub)>$|^<span style="font-variant:\s*small-caps;?">$|^<span class="nocase">$|^<\/span>$/;

/**
 * citeproc's HTML for one entry, made safe for the report whatever a record holds: the entry's
 * wrapping `div` dropped, inline formatting kept, any other tag shown as text.
 */
export function safeHtml(html: string): string {
  const inner = html
    .trim()
    .replace(/^<div[^>]*>/, '')
    .replace(/<\/div>$/, '')
    .trim();
  return inner
    .split(/(<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 && !KEPT_TAG.test(part) ? escapeHtml(part) : part))
    .join('')
    .replace(/\s+/g, ' ');
}
