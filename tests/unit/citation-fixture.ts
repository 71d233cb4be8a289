import { buildBibliography } from '../../electron/notebook/citations/bibliography.ts';
import type { CitationStyle } from '../../shared/citations/citations.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import type { ExportSelection, ResolvedScope } from '../../shared/export/types.ts';
import type { NotebookDocument, StoreData } from '../../shared/model.ts';
import { GENERATED_AT } from '../fixtures/export/notebook.ts';
import { RESOURCES_DIR } from './temp-dir.ts';

/** What the export service hands an exporter: the selection and its formatted bibliography. */
export function citedSelection(
  data: StoreData,
  scope: ResolvedScope,
  style: CitationStyle = 'apa',
  markup: 'text' | 'html' | null = 'text',
): ExportSelection {
  const selection = selectForExport(data, scope, GENERATED_AT);
  return {
    ...selection,
    bibliography: buildBibliography(selection.documents, {
      style,
      markup,
      resourcesDir: RESOURCES_DIR,
    }),
  };
}

/**
 * The export fixture with bibliographic records: the sample article as a Better BibTeX journal
 * article (its key kept), the field note as a PDF report whose printed pages start at "iv".
 */
export function citedFixture(data: StoreData): StoreData {
  const bagram = data.documents.find((d) => d.id === 'doc-bagram')!;
  bagram.csl = {
    id: 'gallAfghanOfficials2025',
    'citation-key': 'gallAfghanOfficials2025',
    type: 'article-newspaper',
    title: "Afghan officials reject Trump's demands to return Bagram Air Base",
    author: [
      { family: 'Gall', given: 'Carlotta' },
      { family: 'Berg', given: 'Piet', 'non-dropping-particle': 'van der' },
    ],
    'container-title': 'The Kabul Ledger',
    issued: { 'date-parts': [[2025, 9, 21]] },
    URL: 'https://example.org/bagram',
    ISBN: 'kept-as-it-came',
  };
  const field = data.documents.find((d) => d.id === 'doc-field')!;
  const half = Math.floor(field.text.length / 2);
  field.pdf = {
    file: 'f'.repeat(64),
    pageLabels: ['iv', 'v'],
    pageStarts: [0, half],
  } as unknown as NotebookDocument['pdf'];
  return data;
}
