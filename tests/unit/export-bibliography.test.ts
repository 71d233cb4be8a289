import { describe, expect, it } from 'vitest';
import { parseCitationText } from '../../electron/notebook/citations/parse-citation.ts';
import { bibtexExport, cslJsonExport } from '../../shared/export/bibliography.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import { DEFAULT_EXPORT_OPTIONS } from '../../shared/export/types.ts';
import { exportFixture, GENERATED_AT } from '../fixtures/export/notebook.ts';
import { citedFixture, citedSelection } from './citation-fixture.ts';
import { expectGolden } from './golden.ts';

const run = (exporter: typeof bibtexExport, selection: ReturnType<typeof citedSelection>) =>
  [...exporter(selection, DEFAULT_EXPORT_OPTIONS)].join('');

describe('bibliography exports', () => {
  const selection = () =>
    citedSelection(citedFixture(exportFixture()), { kind: 'notebook' }, 'apa', null);

  it('matches the golden files: BibTeX and CSL-JSON, every document in scope', () => {
    expectGolden('notebook.bib', run(bibtexExport, selection()));
    expectGolden('notebook-csl.json', run(cslJsonExport, selection()));
  });

  it('reads back: the BibTeX and the CSL-JSON parse to the same keys and titles', () => {
    const fromBib = parseCitationText(run(bibtexExport, selection()));
    const fromJson = parseCitationText(run(cslJsonExport, selection()));
    const sum = (r: { id?: unknown; title?: string }[]) => r.map((x) => [x.id, x.title]);
    expect(sum(fromBib)).toEqual(sum(fromJson));
    expect(fromJson.map((r) => r['citation-key'])).toEqual([
      'gallAfghanOfficials2025',
      'researcher2025field',
    ]);
    // Fields the app does not edit travel as they came.
    expect(fromJson[0]).toMatchObject({ ISBN: 'kept-as-it-came' });
  });

  it('writes an empty list for an empty scope, and needs the core to prepare it', () => {
    const data = exportFixture();
    const empty = citedSelection(data, { kind: 'documents', documentIds: [] }, 'apa', null);
    expect(run(cslJsonExport, empty)).toBe('[]\n');
    const bare = selectForExport(data, { kind: 'notebook' }, GENERATED_AT);
    expect(() => run(bibtexExport, bare)).toThrow(/bibliography was not prepared/);
  });
});
