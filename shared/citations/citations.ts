import type { NotebookDocument } from '../model.ts';
import type { CslDate, CslName, CslRecord } from './csl-schema.ts';

/**
 * What the page and the exporters need of a bibliographic record, without zod or citation-js:
 * names to show, a short "Smith & Lee (2021)" label, the citation key, and the record built from
 * a document's own fields when it has none. Formatting in a citation style happens in the core
 * (`electron/notebook/citations/`), which is the only code that loads citation-js.
 */
export type { CslDate, CslName, CslRecord };

export const CITATION_STYLES = ['apa', 'chicago'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

export const CITATION_STYLE_LABELS: Record<CitationStyle, string> = {
  apa: 'APA (7th edition)',
  chicago: 'Chicago author-date',
};

/** The CSL item types the details dialog offers (a record may hold any other CSL type). */
export const CSL_TYPES: readonly { value: string; label: string }[] = [
  { value: 'article-journal', label: 'Journal article' },
  { value: 'article-newspaper', label: 'Newspaper article' },
  { value: 'article-magazine', label: 'Magazine article' },
  { value: 'webpage', label: 'Web page' },
  { value: 'post-weblog', label: 'Blog post' },
  { value: 'book', label: 'Book' },
  { value: 'chapter', label: 'Book chapter' },
  { value: 'report', label: 'Report' },
  { value: 'thesis', label: 'Thesis' },
  { value: 'paper-conference', label: 'Conference paper' },
  { value: 'document', label: 'Document' },
];

/** A name as written: "Jane Smith", "Piet van der Berg", "World Health Organization". */
export function nameText(name: CslName): string {
  if (name.literal) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const given = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  return [given, family, name.suffix].filter(Boolean).join(' ');
}

/** The family part a short citation uses: "van der Berg", "WHO". */
function familyText(name: CslName): string {
  if (name.literal) return name.literal;
  return [name['non-dropping-particle'], name.family].filter(Boolean).join(' ') || name.given || '';
}

/** "Jane Smith, Piet van der Berg" (editors when there is no author). */
export function authorsText(csl: CslRecord): string {
  const names = csl.author?.length ? csl.author : (csl.editor ?? []);
  return names.map(nameText).filter(Boolean).join(', ');
}

/** The year of publication, or null. */
export function issuedYear(csl: CslRecord): string | null {
  const first = csl.issued?.['date-parts']?.[0]?.[0];
  if (first !== undefined && String(first).trim()) return String(first);
  const raw = csl.issued?.raw ?? csl.issued?.literal;
  return raw?.match(/\d{4}/)?.[0] ?? null;
}

/** "Smith (2021)", "Smith & van der Berg (2021)", "Smith et al. (n.d.)", or the title. */
export function shortCitationLabel(csl: CslRecord): string {
  const names = (csl.author?.length ? csl.author : (csl.editor ?? []))
    .map(familyText)
    .filter(Boolean);
  const who =
    names.length === 0
      ? csl.title || 'Untitled'
      : names.length === 1
        ? names[0]
        : names.length === 2
          ? `${names[0]} & ${names[1]}`
          : `${names[0]} et al.`;
  return `${who} (${issuedYear(csl) ?? 'n.d.'})`;
}

/** The user's citation key (Better BibTeX's, or the CSL id when it is text), or null. */
export function citationKeyOf(doc: { csl?: CslRecord }): string | null {
  const csl = doc.csl;
  if (!csl) return null;
  const key = csl['citation-key'] ?? (typeof csl.id === 'string' ? csl.id : undefined);
  return key?.trim() ? key.trim() : null;
}

/**
 * Names from a document's author line: "Jane Smith and Piet van der Berg", "Smith, Jane",
 * "Jane Smith; Bob Lee". One word (an agency, "Reuters") stays whole as a literal name.
 */
export function namesFromAuthorLine(line: string): CslName[] {
  const text = line.trim().replace(/^by\s+/i, '');
  if (!text) return [];
  // "Smith, Jane" (one comma, no list words) is one inverted name.
  const inverted = text.match(/^([^,;&]+),\s*([^,;&]+)$/);
  if (inverted && !/\s(and|&)\s/i.test(text) && !/\s/.test(inverted[1]!.trim()))
    return [{ family: inverted[1]!.trim(), given: inverted[2]!.trim() }];
  return text
    .split(/\s*(?:;|,|\band\b|&)\s*/i)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(splitName);
}

function splitName(name: string): CslName {
  const words = name.split(/\s+/);
  if (words.length === 1) return { literal: name };
  // Lower-case words before the family name are its particle: "van der Berg".
  let i = words.length - 1;
  while (i > 1 && /^\p{Ll}/u.test(words[i - 1]!)) i--;
  const particle = words.slice(i, words.length - 1).join(' ');
  return {
    family: words.at(-1)!,
    given: words.slice(0, i).join(' '),
    ...(particle ? { 'non-dropping-particle': particle } : {}),
  };
}

/** A CSL date from "2021", "2021-03" or "2021-03-04" (ISO times too); else kept as raw text. */
export function cslDateFrom(value: string): CslDate | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const m = text.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/);
  if (!m) return { raw: text };
  const parts = [Number(m[1]), ...(m[2] ? [Number(m[2])] : []), ...(m[3] ? [Number(m[3])] : [])];
  return { 'date-parts': [parts] };
}

/** "2021-03-04" from a CSL date (as far as it goes), or its raw text; '' when there is none. */
export function cslDateText(date: CslDate | undefined): string {
  const parts = date?.['date-parts']?.[0];
  if (parts?.length) {
    const [y, m, d] = parts.map((p) => String(p));
    return [y, m?.padStart(2, '0'), d?.padStart(2, '0')].filter(Boolean).join('-');
  }
  return date?.raw ?? date?.literal ?? '';
}

type DocumentFields = Pick<
  NotebookDocument,
  'title' | 'author' | 'source' | 'url' | 'publishedDate' | 'csl'
> & { pdf?: unknown };

/**
 * The record a document is cited by: its own, or one built from its title, author, source, URL
 * and date (a newspaper article when it names a source, a web page when it only has an address,
 * else a document), so every document in an export has an entry.
 */
export function recordForDocument(doc: DocumentFields): CslRecord {
  if (doc.csl) return doc.csl.title ? doc.csl : { ...doc.csl, title: doc.title || undefined };
  const url = /^https?:\/\//i.test(doc.url) ? doc.url : '';
  const type = doc.pdf
    ? 'document'
    : doc.source
      ? 'article-newspaper'
      : url
        ? 'webpage'
        : 'document';
  const author = namesFromAuthorLine(doc.author);
  const issued = cslDateFrom(doc.publishedDate);
  return {
    type,
    ...(doc.title ? { title: doc.title } : {}),
    ...(author.length ? { author } : {}),
    ...(doc.source
      ? type === 'document'
        ? { publisher: doc.source }
        : { 'container-title': doc.source }
      : {}),
    ...(url ? { URL: url } : {}),
    ...(issued ? { issued } : {}),
  };
}

/**
 * A citation key in Better BibTeX's default shape, `smith2021war`: the first author's family
 * name, the year, the title's first word that is not an article, in ASCII letters.
 */
export function makeCitationKey(csl: CslRecord): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const first = csl.author?.[0] ?? csl.editor?.[0];
  const year = issuedYear(csl) ?? '';
  const skip = ['a', 'an', 'the', 'on', 'of', 'in', 'le', 'la', 'les', 'der', 'die', 'das'];
  const words = (csl.title ?? '')
    .split(/\s+/)
    .map(ascii)
    .filter((w) => w && !skip.includes(w));
  // Without a name, the title's first word stands for it: `afghan2025officials`.
  const who =
    ascii(first ? (first.family ?? first.literal ?? first.given ?? '') : '') || words.shift() || '';
  return `${who.slice(0, 20)}${year}${(words[0] ?? '').slice(0, 20)}` || 'untitled';
}
