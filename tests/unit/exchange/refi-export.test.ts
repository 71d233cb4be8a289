import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { guidFor } from '../../../shared/exchange/refi/guid.ts';
import { EXPORTERS } from '../../../shared/export/formats.ts';
import { selectForExport } from '../../../shared/export/selection.ts';
import { DEFAULT_EXPORT_OPTIONS, type ExportSelection } from '../../../shared/export/types.ts';
import type { StoreData } from '../../../shared/model.ts';
import { exportFixture, GENERATED_AT } from '../../fixtures/export/notebook.ts';
import { expectGolden } from '../golden.ts';
import { schemaErrors } from './refi-schema.ts';

const AUTHOR = { id: 'coder-1', name: 'Farida Noor' };

function selection(data: StoreData = exportFixture(), generatedAt = GENERATED_AT): ExportSelection {
  return {
    ...selectForExport(data, { kind: 'notebook' }, generatedAt),
    author: AUTHOR,
    appVersion: '0.1.0',
  };
}

function qdpx(sel: ExportSelection = selection()): Record<string, string> {
  const pieces = [...EXPORTERS.qdpx(sel, DEFAULT_EXPORT_OPTIONS)];
  expect(pieces).toHaveLength(1);
  const files = unzipSync(pieces[0] as Uint8Array);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('REFI-QDA export (.qdpx, .qdc)', () => {
  it('writes project.qde and a flat, lower-case sources/ folder of <GUID>.txt files', () => {
    const data = exportFixture();
    const files = qdpx(selection(data));
    const names = Object.keys(files).sort();
    expect(names[0]).toBe('project.qde');
    const sources = names.slice(1);
    expect(sources).toHaveLength(data.documents.length);
    for (const name of sources) expect(name).toMatch(/^sources\/[0-9A-F-]{36}\.txt$/);
    for (const doc of data.documents) {
      const text = files[`sources/${guidFor('document', doc.id)}.txt`];
      // UTF-8 without a byte-order mark, LF only: exactly the document's text.
      expect(text).toBe(doc.text);
      expect(text?.charCodeAt(0)).not.toBe(0xfeff);
      expect(text).not.toContain('\r');
    }
    expectGolden('refi/project.qde', files['project.qde']!);
  });

  it('is valid against the official Project.xsd', async () => {
    expect(await schemaErrors(qdpx()['project.qde']!, 'project')).toEqual([]);
  });

  it('writes a valid project with no codebook, notes or collections, and never an empty <Sets/>', async () => {
    const data = { ...exportFixture(), tags: [], notes: [], collections: [] };
    data.annotations = data.annotations.map((a) => ({ ...a, tagIds: [], comment: '' }));
    const xml = qdpx(selection(data))['project.qde']!;
    expect(xml).not.toMatch(/<Sets\s*\/>|<CodeBook|<Notes/);
    expect(await schemaErrors(xml, 'project')).toEqual([]);
  });

  it('writes collections as sets of sources, valid too', async () => {
    const data = exportFixture();
    data.collections = [
      {
        id: 'col-1',
        name: 'Thesis & chapter <2>',
        documentIds: data.documents.map((d) => d.id),
        createdAt: GENERATED_AT,
        updatedAt: GENERATED_AT,
      },
    ];
    const xml = qdpx(selection(data))['project.qde']!;
    expect(xml).toContain('<Set guid=');
    expect(xml).toContain('name="Thesis &amp; chapter &lt;2&gt;"');
    expect(await schemaErrors(xml, 'project')).toEqual([]);
  });

  it('gives the same project when exported twice (stable GUIDs, nothing from the clock)', () => {
    const first = qdpx(selection(exportFixture(), '2026-01-01T00:00:00.000Z'));
    const second = qdpx(selection(exportFixture(), '2026-06-01T12:00:00.000Z'));
    expect(second).toEqual(first);
  });

  it('writes positions in code points (an emoji before a quote counts one)', () => {
    const data = exportFixture();
    const xml = qdpx(selection(data))['project.qde']!;
    // A quote with a character outside the Basic Multilingual Plane (an emoji, a flag) before it.
    const withEmoji = data.annotations.find((a) => {
      if (!('position' in a.target) || !a.target.position) return false;
      const before = data.documents
        .find((d) => d.id === a.documentId)!
        .text.slice(0, a.target.position.start);
      return [...before].length < before.length;
    });
    expect(withEmoji).toBeDefined();
    const target = withEmoji!.target as { position: { start: number; end: number } };
    const text = data.documents.find((d) => d.id === withEmoji!.documentId)!.text;
    const codePointStart = [...text.slice(0, target.position.start)].length;
    expect(codePointStart).toBeLessThan(target.position.start);
    expect(xml).toContain(`guid="${guidFor('quote', withEmoji!.id)}" name=`);
    expect(xml).toMatch(
      new RegExp(`guid="${guidFor('quote', withEmoji!.id)}"[^>]*startPosition="${codePointStart}"`),
    );
  });

  it('writes the codebook (.qdc) nested, with colours and descriptions, valid against Codebook.xsd', async () => {
    const xml = [...EXPORTERS.qdc(selection(), DEFAULT_EXPORT_OPTIONS)].join('');
    expectGolden('refi/codebook.qdc', xml);
    expect(xml).toMatch(
      /<Code guid="[0-9A-F-]+" name="[^"]+" isCodable="true" color="#[0-9A-F]{6}">/,
    );
    expect(xml).not.toContain('<Sets');
    expect(await schemaErrors(xml, 'codebook')).toEqual([]);
  });

  it('the schema check itself fails an invalid file (empty <Sets/>, as Taguette writes)', async () => {
    const xml = [...EXPORTERS.qdc(selection(), DEFAULT_EXPORT_OPTIONS)]
      .join('')
      .replace('</CodeBook>', '<Sets/></CodeBook>');
    expect((await schemaErrors(xml, 'codebook')).join('\n')).toMatch(/Sets/);
  });
});
