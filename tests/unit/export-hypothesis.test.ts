import { describe, expect, it } from 'vitest';
import { describeRange } from '../../shared/anchoring/describe.ts';
import { HYPOTHESIS_USER } from '../../shared/exchange/hypothesis/write.ts';
import { FORMAT_INFO } from '../../shared/export/format-info.ts';
import { EXPORTERS } from '../../shared/export/formats.ts';
import { hypothesisExport } from '../../shared/export/hypothesis.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import type { ResolvedScope } from '../../shared/export/types.ts';
import { DEFAULT_EXPORT_OPTIONS } from '../../shared/export/types.ts';
import type { Annotation, NotebookDocument, StoreData } from '../../shared/model.ts';
import { emptyStore } from '../../shared/model.ts';
import { paragraphsFromPlainText } from '../../shared/text/plain-text.ts';
import { exportFixture, GENERATED_AT } from '../fixtures/export/notebook.ts';
import { expectGolden } from './golden.ts';

interface Out {
  export_date: string;
  export_userid: string;
  client_version: string;
  annotations: {
    id: string;
    uri: string;
    text: string;
    tags: string[];
    user: string;
    group: string;
    target: { source: string; selector?: { type: string; [key: string]: unknown }[] }[];
    document: { title: string[] };
    [key: string]: unknown;
  }[];
}

function exportOf(data: StoreData, scope: ResolvedScope = { kind: 'notebook' }) {
  const selection = selectForExport(data, scope, GENERATED_AT);
  const progress: [number, number][] = [];
  const pieces = [
    ...hypothesisExport(selection, DEFAULT_EXPORT_OPTIONS, (d, t) => progress.push([d, t])),
  ];
  const text = pieces.join('');
  return { text, json: JSON.parse(text) as Out, progress, pieces };
}

describe('Hypothesis export', () => {
  it('is registered as a format', () => {
    expect(EXPORTERS.hypothesis).toBe(hypothesisExport);
    expect(FORMAT_INFO.hypothesis).toMatchObject({ label: 'Hypothesis', extension: 'json' });
  });

  it('matches its golden file', () => {
    expectGolden('notebook.hypothesis.json', exportOf(exportFixture()).text);
  });

  it('writes the client export’s shape, one annotation per highlight', () => {
    const data = exportFixture();
    const { json, progress } = exportOf(data);
    expect(Object.keys(json)).toEqual([
      'export_date',
      'export_userid',
      'client_version',
      'annotations',
    ]);
    expect(json.export_date).toBe(GENERATED_AT);
    expect(json.export_userid).toBe('');
    expect(json.annotations).toHaveLength(data.annotations.length);
    expect(progress.at(-1)).toEqual([data.annotations.length, data.annotations.length]);
    for (const a of json.annotations) {
      expect(a.user).toBe(HYPOTHESIS_USER);
      expect(a.group).toBe('__world__');
      expect(a.target).toHaveLength(1);
      expect(a.target[0]!.source).toBe(a.uri);
      expect(a.document.title).toHaveLength(1);
      expect(a.permissions).toEqual({
        read: [HYPOTHESIS_USER],
        update: [HYPOTHESIS_USER],
        delete: [HYPOTHESIS_USER],
      });
    }
    const mujahid = json.annotations.find((a) => a.id === 'q-mujahid')!;
    // No web address: the document's urn. A web page: its address.
    expect(mujahid.uri).toBe('urn:x-marginalia:doc-bagram');
    expect(mujahid.tags).toEqual(['actors/afghan', 'stance/defiance']);
    expect(mujahid.target[0]!.selector!.map((s) => s.type)).toEqual([
      'TextPositionSelector',
      'TextQuoteSelector',
    ]);
    const dari = json.annotations.find((a) => a.id === 'q-dari')!;
    expect(dari.uri).toBe('https://example.org/notes/kabul?a=1&b=2');
  });

  it('writes an empty list when nothing is selected', () => {
    const data = { ...exportFixture(), annotations: [] };
    const { json, text } = exportOf(data);
    expect(json.annotations).toEqual([]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes an orphan by its quote only, an area as a page note, and a PDF’s page', () => {
    const { text, blocks } = paragraphsFromPlainText(
      'Page one words here.\nPage two has the table.',
    );
    const pdfDoc: NotebookDocument = {
      id: 'doc-pdf',
      title: 'Report',
      author: '',
      source: '',
      url: '',
      publishedDate: '',
      importedAt: GENERATED_AT,
      contentHash: 'sha256-pdf',
      text,
      blocks,
      marks: [],
      pdf: {
        file: 'a'.repeat(64),
        byteLength: 1000,
        pageCount: 2,
        pageLabels: ['i', 'ii'],
        pageSizes: [
          [600, 800],
          [600, 800],
        ],
        pageStarts: [0, text.indexOf('Page two')],
        outline: [],
        unreadablePages: [],
        textBuilder: 1,
        pdfjs: '6.5.438',
      },
    };
    const start = text.indexOf('the table');
    const base = {
      documentId: 'doc-pdf',
      color: 'yellow' as const,
      tagIds: [],
      createdAt: GENERATED_AT,
      updatedAt: GENERATED_AT,
    };
    const annotations: Annotation[] = [
      {
        ...base,
        id: 'q-table',
        comment: 'See table.',
        target: { documentId: 'doc-pdf', ...describeRange(text, start, start + 9) },
      },
      {
        ...base,
        id: 'q-orphan',
        comment: '',
        orphan: true,
        target: {
          documentId: 'doc-pdf',
          position: { type: 'TextPositionSelector', start: 0, end: 4 },
          quote: { type: 'TextQuoteSelector', exact: 'Gone words', prefix: '', suffix: '' },
        },
      },
      {
        ...base,
        id: 'q-area',
        comment: 'The figure.',
        target: {
          documentId: 'doc-pdf',
          area: { type: 'PdfAreaSelector', page: 1, rect: [10, 10, 100, 100] },
        },
      },
    ];
    const { json } = exportOf({ ...emptyStore(), documents: [pdfDoc], annotations });
    const byId = new Map(json.annotations.map((a) => [a.id, a]));
    expect(byId.get('q-table')!.target[0]!.selector).toEqual([
      { type: 'TextPositionSelector', start, end: start + 9 },
      {
        type: 'TextQuoteSelector',
        exact: 'the table',
        prefix: describeRange(text, start, start + 9).quote.prefix,
        suffix: '.',
      },
      { type: 'PageSelector', index: 1, label: 'ii' },
    ]);
    expect(byId.get('q-orphan')!.target[0]!.selector!.map((s) => s.type)).toEqual([
      'TextQuoteSelector',
      'PageSelector',
    ]);
    const area = byId.get('q-area')!;
    expect(area.target).toEqual([{ source: 'urn:x-marginalia:doc-pdf' }]);
    expect(area.text).toBe('Area on p. ii\n\nThe figure.');
  });
});
