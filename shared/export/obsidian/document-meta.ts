import type { CslDate, CslName } from '../../citations/csl-schema.ts';
import type { NotebookDocument } from '../../model.ts';

/** A document's bibliographic details for front matter: its CSL record first, its own fields else. */
export interface DocumentMeta {
  title: string;
  authors: string[];
  citationKey?: string;
  url?: string;
  doi?: string;
  source?: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` when known that precisely, else the text as stored. */
  published?: string;
  shortTitle?: string;
}

export function documentMeta(doc: NotebookDocument): DocumentMeta {
  const csl = doc.csl;
  const names = (csl?.author ?? []).map(personName).filter(Boolean);
  const key = csl?.['citation-key'] ?? (typeof csl?.id === 'string' ? csl.id : undefined);
  const shortTitle = csl?.['title-short'];
  return {
    title: doc.title || csl?.title || 'Untitled document',
    authors: names.length > 0 ? names : doc.author.trim() ? [doc.author.trim()] : [],
    citationKey: key?.trim() || undefined,
    url: doc.url || csl?.URL || undefined,
    doi: csl?.DOI || undefined,
    source: doc.source || csl?.['container-title'] || csl?.publisher || undefined,
    published: doc.publishedDate || cslDate(csl?.issued) || undefined,
    shortTitle: typeof shortTitle === 'string' && shortTitle.trim() ? shortTitle.trim() : undefined,
  };
}

/** "Given von Family, Jr." as a person writes it; an organisation's name as it is. */
export function personName(name: CslName): string {
  if (name.literal?.trim()) return name.literal.trim();
  const main = [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return name.suffix?.trim() && main ? `${main}, ${name.suffix.trim()}` : main;
}

/** A CSL date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the first of a range), or its raw text. */
function cslDate(date: CslDate | undefined): string {
  const parts = date?.['date-parts']?.[0];
  if (parts && parts.length > 0) {
    const [year, month, day] = parts.map((p) => Number(p));
    if (Number.isInteger(year)) {
      const two = (n: number) => String(n).padStart(2, '0');
      if (!Number.isInteger(month) || !month) return String(year);
      if (!Number.isInteger(day) || !day) return `${year}-${two(month)}`;
      return `${year}-${two(month)}-${two(day)}`;
    }
  }
  return date?.raw?.trim() || date?.literal?.trim() || '';
}
