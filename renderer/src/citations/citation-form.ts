import {
  type CslName,
  type CslRecord,
  cslDateFrom,
  cslDateText,
} from '../../../shared/citations/citations.ts';

/** One author row of the form; what the row does not show (a suffix, say) rides along. */
export interface AuthorRow {
  family: string;
  given: string;
  /** The name as it came, so fields the form does not show are kept. */
  from: CslName | null;
}

/** The citation fields the details dialog edits, as text. */
export interface CitationForm {
  type: string;
  authors: AuthorRow[];
  containerTitle: string;
  volume: string;
  issue: string;
  page: string;
  DOI: string;
  URL: string;
  issued: string;
  key: string;
}

export const EMPTY_FORM: CitationForm = {
  type: '',
  authors: [],
  containerTitle: '',
  volume: '',
  issue: '',
  page: '',
  DOI: '',
  URL: '',
  issued: '',
  key: '',
};

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function formFromRecord(csl: CslRecord | undefined): CitationForm {
  if (!csl) return EMPTY_FORM;
  return {
    type: csl.type ?? '',
    authors: (csl.author ?? []).map((name) => ({
      family:
        name.literal ?? [name['non-dropping-particle'], name.family].filter(Boolean).join(' '),
      given: name.literal ? '' : (name.given ?? ''),
      from: name,
    })),
    containerTitle: csl['container-title'] ?? '',
    volume: text(csl.volume),
    issue: text(csl.issue),
    page: csl.page ?? '',
    DOI: csl.DOI ?? '',
    URL: csl.URL ?? '',
    issued: cslDateText(csl.issued),
    key: csl['citation-key'] ?? (typeof csl.id === 'string' ? csl.id : ''),
  };
}

/** A row back into a CSL name: "van der Berg" keeps its particle apart, a lone name a literal. */
function nameFromRow(row: AuthorRow): CslName | null {
  const family = row.family.trim();
  const given = row.given.trim();
  if (!family && !given) return null;
  const {
    literal: _l,
    family: _f,
    given: _g,
    'non-dropping-particle': _p,
    ...rest
  } = row.from ?? {};
  if (row.from?.literal && !given) return { ...rest, literal: family };
  const m = family.match(/^((?:\p{Ll}[\p{L}'’]*\s+)+)(\S.*)$/u);
  return {
    ...rest,
    ...(m ? { family: m[2]!, 'non-dropping-particle': m[1]!.trim() } : family ? { family } : {}),
    ...(given ? { given } : {}),
  };
}

/**
 * The record to save: the fields of the form over the record it started from (or was pasted),
 * so CSL fields the form does not show are kept; an emptied field is removed. Null when
 * nothing is left to cite by.
 */
export function recordFromForm(form: CitationForm, base: CslRecord | undefined): CslRecord | null {
  const record: Record<string, unknown> = { ...base };
  const set = (field: string, value: string | undefined) => {
    if (value?.trim()) record[field] = value.trim();
    else delete record[field];
  };
  set('type', form.type);
  const authors = form.authors.map(nameFromRow).filter((n): n is CslName => n !== null);
  if (authors.length) record.author = authors;
  else delete record.author;
  set('container-title', form.containerTitle);
  set('volume', form.volume);
  set('issue', form.issue);
  set('page', form.page);
  set('DOI', form.DOI.replace(/^https?:\/\/(dx\.)?doi\.org\//i, ''));
  set('URL', form.URL);
  const issued = cslDateFrom(form.issued);
  if (issued) record.issued = issued;
  else delete record.issued;
  const key = form.key.trim();
  if (key) {
    record['citation-key'] = key;
    record.id = key;
  } else {
    delete record['citation-key'];
    if (typeof record.id === 'string') delete record.id;
  }
  const meaningful = Object.keys(record).filter((k) => k !== 'type' && k !== 'id');
  return meaningful.length ? (record as CslRecord) : null;
}

/** Whether two records say the same (the dialog saves a record only when it changed). */
export function sameRecord(a: CslRecord | null | undefined, b: CslRecord | null | undefined) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
