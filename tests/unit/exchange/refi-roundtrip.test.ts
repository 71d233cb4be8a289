import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readArchive } from '../../../electron/notebook/exchange/refi/read-archive.ts';
import { readProject } from '../../../electron/notebook/exchange/refi/read-project.ts';
import { describeRange } from '../../../shared/anchoring/describe.ts';
import { isTextAnnotation } from '../../../shared/annotations.ts';
import { EXPORTERS } from '../../../shared/export/formats.ts';
import { planRestore } from '../../../shared/export/restore-plan.ts';
import { selectForExport } from '../../../shared/export/selection.ts';
import { DEFAULT_EXPORT_OPTIONS } from '../../../shared/export/types.ts';
import { emptyStore, type StoreData } from '../../../shared/model.ts';
import { paragraphsFromPlainText } from '../../../shared/text/plain-text.ts';
import { exportFixture, GENERATED_AT } from '../../fixtures/export/notebook.ts';

const NOW = '2026-12-05T10:00:00.000Z';

function toQdpx(data: StoreData): Uint8Array {
  const selection = {
    ...selectForExport(data, { kind: 'notebook' }, GENERATED_AT),
    author: { id: 'c', name: 'Coder' },
    appVersion: '0.1.0',
  };
  return [...EXPORTERS.qdpx(selection, DEFAULT_EXPORT_OPTIONS)][0] as Uint8Array;
}

function fromQdpx(bytes: Uint8Array, into: StoreData = emptyStore()) {
  const archive = readArchive(bytes, 'x.qdpx');
  return readProject(archive.qde, archive.files, into, { now: NOW });
}

/** What must survive: per document its text, and per highlight its words, offsets, tags, comment. */
function essence(data: Pick<StoreData, 'documents' | 'annotations' | 'tags'>) {
  const tagName = new Map(data.tags.map((t) => [t.id, t.name]));
  return data.documents
    .map((d) => ({
      title: d.title,
      text: d.text,
      quotes: data.annotations
        .filter((a) => a.documentId === d.id && isTextAnnotation(a) && !a.orphan)
        .map((a) => {
          const t = a.target as {
            position: { start: number; end: number };
            quote: { exact: string };
          };
          return {
            start: t.position.start,
            end: t.position.end,
            exact: t.quote.exact,
            tags: a.tagIds.map((id) => tagName.get(id)).sort(),
            comment: a.comment,
          };
        })
        .sort((x, y) => x.start - y.start || x.end - y.end || x.comment.localeCompare(y.comment)),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

const words = [
  'Kabul',
  'کابل',
  'زیبا',
  'است',
  'base',
  '🙂',
  '🇦🇫',
  'naïve',
  'e\u0301',
  'said',
  '«quote»',
  '&',
  '<b>',
  '"',
  'شهر',
  '𝔘𝔫𝔦',
];
const textArb = fc
  .array(
    fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
    { minLength: 1, maxLength: 6 },
  )
  .map((paras) => paragraphsFromPlainText(paras.join('\n')));

const notebookArb = fc
  .record({
    docs: fc.array(
      fc.record({ body: textArb, title: fc.string({ minLength: 1, maxLength: 20 }) }),
      { minLength: 1, maxLength: 3 },
    ),
    tagNames: fc.uniqueArray(
      fc.constantFrom('themes', 'themes/place', 'themes/place/city', 'people', 'Dari دری', 'a & b'),
      { minLength: 0, maxLength: 6 },
    ),
    highlights: fc.array(
      fc.record({
        doc: fc.nat(),
        a: fc.nat(),
        b: fc.nat(),
        tags: fc.array(fc.nat(), { maxLength: 3 }),
        comment: fc.constantFrom('', 'Note 🙂', 'کابل <zibā> & "more"', 'line one\nline two'),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ docs, tagNames, highlights }) => {
    const data = emptyStore();
    // Parents first, so the codebook is sound.
    const names = [
      ...new Set(
        tagNames.flatMap((n) => n.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))),
      ),
    ];
    data.tags = names.map((name, i) => ({
      id: `tag-${i}`,
      name,
      color: 'blue',
      description: i % 2 ? 'desc «x»' : '',
      createdAt: NOW,
      updatedAt: NOW,
    }));
    data.documents = docs.map((d, i) => ({
      id: `doc-${i}`,
      title: `${i} ${d.title}`.trim(),
      author: '',
      source: '',
      url: '',
      publishedDate: '',
      importedAt: NOW,
      updatedAt: NOW,
      contentHash: `h${i}-${d.body.text.length}`,
      text: d.body.text,
      blocks: d.body.blocks,
      marks: [],
    }));
    highlights.forEach((h, i) => {
      const doc = data.documents[h.doc % data.documents.length]!;
      const s = h.a % doc.text.length;
      const e = s + 1 + (h.b % Math.max(1, doc.text.length - s));
      const target = describeRange(doc.text, s, Math.min(e, doc.text.length));
      if (target.position.end <= target.position.start) return;
      data.annotations.push({
        id: `ann-${i}`,
        documentId: doc.id,
        target: { documentId: doc.id, ...target },
        color: 'yellow',
        tagIds: data.tags.length
          ? [...new Set(h.tags.map((t) => data.tags[t % data.tags.length]!.id))]
          : [],
        comment: h.comment,
        createdAt: NOW,
        updatedAt: NOW,
      });
    });
    return data;
  });

describe('REFI-QDA round trip', () => {
  it('the fixture notebook comes back whole into an empty notebook (emoji and Dari offsets exact)', () => {
    const data = exportFixture();
    const read = fromQdpx(toQdpx(data));
    expect(read.report.unplaced).toEqual([]);
    const withoutAreas = {
      ...data,
      annotations: data.annotations.filter((a) => isTextAnnotation(a)),
    };
    expect(essence(read.contents)).toEqual(essence(withoutAreas));
    expect(read.contents.tags.map((t) => [t.name, t.color, t.description]).sort()).toEqual(
      data.tags.map((t) => [t.name, t.color, t.description]).sort(),
    );
    expect(read.contents.notes.map((n) => [n.title, n.body]).sort()).toEqual(
      data.notes.map((n) => [n.title, n.body]).sort(),
    );
    // A note's cited quotes come back cited (those still in the notebook).
    const cited = data.notes
      .flatMap((n) => n.annotationIds)
      .filter((id) => data.annotations.some((a) => a.id === id)).length;
    expect(read.contents.notes.flatMap((n) => n.annotationIds)).toHaveLength(cited);
    expect(read.contents.documents.map((d) => d.source).sort()).toEqual(
      data.documents.map((d) => d.source).sort(),
    );
  });

  it('any notebook survives .qdpx: texts, offsets, tags and comments (property)', () => {
    fc.assert(
      fc.property(notebookArb, (data) => {
        const read = fromQdpx(toQdpx(data));
        expect(read.report.unplaced).toEqual([]);
        expect(essence(read.contents)).toEqual(essence(data));
      }),
      { numRuns: 60 },
    );
  });

  it('importing a project this notebook wrote changes nothing (its records come back under their own ids)', () => {
    const data = exportFixture();
    const read = fromQdpx(toQdpx(data), data);
    expect(read.contents.documents.map((d) => d.id).sort()).toEqual(
      data.documents.map((d) => d.id).sort(),
    );
    expect(read.contents.tags.map((t) => t.id).sort()).toEqual(data.tags.map((t) => t.id).sort());
    const incoming = { ...emptyStore(), ...read.contents };
    const plan = planRestore(data, incoming, 'merge', { now: NOW });
    expect(plan.preview.annotations.added).toBe(0);
    expect(plan.preview.documents.added).toBe(0);
    expect(plan.preview.tags.added).toBe(0);
    expect(plan.preview.notes.added).toBe(0);
  });
});
