import { describe, expect, it } from 'vitest';
import { buildBibliography, safeHtml } from '../../electron/notebook/citations/bibliography.ts';
import { parseCitationText } from '../../electron/notebook/citations/parse-citation.ts';
import {
  authorsText,
  citationKeyOf,
  cslDateFrom,
  cslDateText,
  makeCitationKey,
  namesFromAuthorLine,
  recordForDocument,
  shortCitationLabel,
} from '../../shared/citations/citations.ts';
import { NotebookError } from '../../shared/result.ts';
import { RESOURCES_DIR } from './temp-dir.ts';

/** A Better BibTeX export (its key shape, BibLaTeX fields). */
const BETTER_BIBTEX = `@article{smithWarAfghanistan2021,
  title = {The War in {Afghanistan}},
  author = {Smith, Jane and van der Berg, Piet},
  date = {2021-03-04},
  journaltitle = {Journal of Conflict},
  volume = {12},
  number = {3},
  pages = {45--67},
  doi = {10.1234/jc.2021.3},
  url = {https://example.org/a}
}
`;

function problem(text: string): string {
  try {
    parseCitationText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(NotebookError);
    expect((error as NotebookError).code).toBe('invalid-input');
    return (error as Error).message;
  }
  throw new Error('parsed');
}

describe('reading pasted citations', () => {
  it('reads a Better BibTeX entry, keeping its key as id and citation-key', () => {
    const [record, ...rest] = parseCitationText(BETTER_BIBTEX);
    expect(rest).toEqual([]);
    expect(record).toMatchObject({
      id: 'smithWarAfghanistan2021',
      'citation-key': 'smithWarAfghanistan2021',
      type: 'article-journal',
      title: 'The War in Afghanistan',
      author: [
        { family: 'Smith', given: 'Jane' },
        { family: 'Berg', given: 'Piet', 'non-dropping-particle': 'van der' },
      ],
      'container-title': 'Journal of Conflict',
      volume: '12',
      issue: '3',
      page: '45-67',
      DOI: '10.1234/jc.2021.3',
      URL: 'https://example.org/a',
      issued: { 'date-parts': [[2021, 3, 4]] },
    });
    expect(record).not.toHaveProperty('_graph');
    expect(citationKeyOf({ csl: record })).toBe('smithWarAfghanistan2021');
  });

  it('reads a CSL-JSON array, keeping fields it does not edit', () => {
    const records = parseCitationText(
      JSON.stringify([
        {
          id: 'a',
          type: 'book',
          title: 'Ghost Wars',
          ISBN: '978-1',
          'original-date': { raw: '1999' },
        },
        { 'citation-key': 'b2020', type: 'webpage', title: 'A page', URL: 'https://example.org' },
      ]),
    );
    expect(records).toEqual([
      {
        id: 'a',
        type: 'book',
        title: 'Ghost Wars',
        ISBN: '978-1',
        'original-date': { raw: '1999' },
      },
      {
        id: 'b2020',
        'citation-key': 'b2020',
        type: 'webpage',
        title: 'A page',
        URL: 'https://example.org',
      },
    ]);
    // One record on its own is a list of one.
    expect(parseCitationText('{"type":"book","title":"T"}')).toEqual([
      { type: 'book', title: 'T' },
    ]);
  });

  it('says what is wrong with malformed input, with the BibTeX line', () => {
    expect(problem('@article{x,\n  title = {ok},\n  author = Smith and,\n}')).toMatch(
      /^Line 3 of the BibTeX, column \d+: expected rbrace/,
    );
    expect(problem('@article{x,\n title = {never closed')).toMatch(/^Line 2 of the BibTeX/);
    expect(problem('just some words')).toMatch(/^No entries found/);
    expect(problem('% only a comment @')).toMatch(/No entries found|BibTeX/);
    expect(problem('   ')).toMatch(/Paste a BibTeX entry or CSL-JSON/);
    expect(problem('[{"type": "book",]')).toMatch(/^The CSL-JSON is not valid JSON/);
    expect(problem('[]')).toMatch(/^No entries found/);
    expect(problem('[{"author": "Jane Smith"}]')).toMatch(/not a valid CSL record: author/);
    expect(problem('[1, 2]')).toMatch(/^Entry 1 is not a CSL-JSON record/);
  });
});

describe('citation helpers (zod-free, for the page)', () => {
  it('shows names, a short label and the year', () => {
    const csl = parseCitationText(BETTER_BIBTEX)[0]!;
    expect(authorsText(csl)).toBe('Jane Smith, Piet van der Berg');
    expect(shortCitationLabel(csl)).toBe('Smith & van der Berg (2021)');
    expect(shortCitationLabel({ title: 'Untitled memo' })).toBe('Untitled memo (n.d.)');
    expect(
      shortCitationLabel({ author: [{ family: 'A' }, { family: 'B' }, { literal: 'C' }] }),
    ).toBe('A et al. (n.d.)');
  });

  it('reads author lines and dates from a document', () => {
    expect(namesFromAuthorLine('Jane Smith and Piet van der Berg')).toEqual([
      { family: 'Smith', given: 'Jane' },
      { family: 'Berg', given: 'Piet', 'non-dropping-particle': 'van der' },
    ]);
    expect(namesFromAuthorLine('Smith, Jane')).toEqual([{ family: 'Smith', given: 'Jane' }]);
    expect(namesFromAuthorLine('By Reuters')).toEqual([{ literal: 'Reuters' }]);
    expect(cslDateFrom('2025-09-21')).toEqual({ 'date-parts': [[2025, 9, 21]] });
    expect(cslDateFrom('2025-09-21T10:00:00Z')).toEqual({ 'date-parts': [[2025, 9, 21]] });
    expect(cslDateFrom('Spring 2020')).toEqual({ raw: 'Spring 2020' });
    expect(cslDateText({ 'date-parts': [[2025, 9]] })).toBe('2025-09');
  });

  it('builds a record for a document without one, and a key like Better BibTeX', () => {
    const record = recordForDocument({
      title: 'The Bagram question',
      author: 'Jane Smith',
      source: 'The Kabul Ledger',
      url: 'https://example.org/b',
      publishedDate: '2025-09-21',
    });
    expect(record).toEqual({
      type: 'article-newspaper',
      title: 'The Bagram question',
      author: [{ family: 'Smith', given: 'Jane' }],
      'container-title': 'The Kabul Ledger',
      URL: 'https://example.org/b',
      issued: { 'date-parts': [[2025, 9, 21]] },
    });
    expect(makeCitationKey(record)).toBe('smith2025bagram');
    expect(
      recordForDocument({ title: 'Memo', author: '', source: '', url: '', publishedDate: '' }),
    ).toEqual({ type: 'document', title: 'Memo' });
  });
});

describe('formatting a bibliography', () => {
  const doc = (id: string, fields: Partial<Parameters<typeof recordForDocument>[0]>) =>
    ({
      id,
      title: '',
      author: '',
      source: '',
      url: '',
      publishedDate: '',
      ...fields,
    }) as never;

  it('formats APA and Chicago, disambiguating one author in one year', () => {
    const docs = [
      doc('d1', { title: 'First report', author: 'Jane Smith', publishedDate: '2021-01-02' }),
      doc('d2', { title: 'Second report', author: 'Jane Smith', publishedDate: '2021-05-06' }),
      doc('d3', { csl: parseCitationText(BETTER_BIBTEX)[0] }),
    ];
    const apa = buildBibliography(docs, {
      style: 'apa',
      markup: 'text',
      resourcesDir: RESOURCES_DIR,
    });
    expect(apa.byDocument.get('d3')).toMatchObject({
      key: 'smithWarAfghanistan2021',
      inText: '(Smith & van der Berg, 2021)',
      inTextPage: ['(Smith & van der Berg, 2021, p. ', ')'],
      reference:
        'Smith, J., & van der Berg, P. (2021). The War in Afghanistan. Journal of Conflict, 12(3), 45–67. https://doi.org/10.1234/jc.2021.3',
    });
    expect(apa.byDocument.get('d1')!.inText).toBe('(Smith, 2021a)');
    expect(apa.byDocument.get('d2')!.inText).toBe('(Smith, 2021b)');
    // Two documents would share the key smith2021report: the second gets a letter.
    expect(apa.byDocument.get('d1')!.key).toBe('smith2021first');
    expect(apa.byDocument.get('d3')!.bibtex).toMatch(/^@article\{smithWarAfghanistan2021,/);

    const chicago = buildBibliography(docs, {
      style: 'chicago',
      markup: 'html',
      resourcesDir: RESOURCES_DIR,
    });
    expect(chicago.byDocument.get('d3')).toMatchObject({
      inText: '(Smith and van der Berg 2021)',
      inTextPage: ['(Smith and van der Berg 2021, ', ')'],
      reference:
        'Smith, Jane, and Piet van der Berg. 2021. “The War in Afghanistan.” <i>Journal of Conflict</i> 12 (3): 45–67. https://doi.org/10.1234/jc.2021.3.',
    });
  });

  it('makes unique keys when two documents carry the same one', () => {
    const csl = parseCitationText(BETTER_BIBTEX)[0]!;
    const b = buildBibliography([doc('a', { csl }), doc('b', { csl })], {
      style: 'apa',
      markup: null,
      resourcesDir: RESOURCES_DIR,
    });
    expect([...b.byDocument.values()].map((c) => c.key)).toEqual([
      'smithWarAfghanistan2021',
      'smithWarAfghanistan2021a',
    ]);
  });

  it('keeps only inline formatting in HTML, whatever a record holds', () => {
    const hostile = doc('x', {
      csl: {
        type: 'book',
        title: '<script>alert(1)</script><img src=x onerror=alert(1)> <i>ok</i>',
      },
    });
    const b = buildBibliography([hostile], {
      style: 'apa',
      markup: 'html',
      resourcesDir: RESOURCES_DIR,
    });
    const reference = b.byDocument.get('x')!.reference;
    expect(reference).not.toMatch(/<script|<img/);
    expect(safeHtml('<div class="csl-entry">A <b>b</b> <a href="x">c</a></div>')).toBe(
      'A <b>b</b> &lt;a href=&quot;x&quot;&gt;c&lt;/a&gt;',
    );
  });
});
