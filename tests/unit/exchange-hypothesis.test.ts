import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../electron/cli/args.ts';
import { describeRange } from '../../shared/anchoring/describe.ts';
import { codebookProblems } from '../../shared/codebook.ts';
import { addressKey } from '../../shared/exchange/hypothesis/address.ts';
import { tagIdFor } from '../../shared/exchange/hypothesis/ids.ts';
import { hypothesisSources, readHypothesis } from '../../shared/exchange/hypothesis/read.ts';
import { planRestore } from '../../shared/export/restore-plan.ts';
import type {
  Annotation,
  NotebookDocument,
  StoreData,
  Tag,
  TextQuoteSelector,
} from '../../shared/model.ts';
import {
  annotationSchema,
  documentSchema,
  emptyStore,
  noteSchema,
  tagSchema,
} from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { paragraphsFromPlainText } from '../../shared/text/plain-text.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'exchange', 'hypothesis');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as unknown;

const NOW = '2026-12-01T10:00:00.000Z';
const PAGE = 'https://news.example.org/2025/09/21/afghan-officials-reject-bagram-demands';

function document(fields: Partial<NotebookDocument> & { id: string; text: string }) {
  const { text, blocks } = paragraphsFromPlainText(fields.text);
  return documentSchema.parse({
    title: '',
    importedAt: '2026-11-01T08:00:00.000Z',
    contentHash: `sha256-${fields.id}`,
    marks: [],
    ...fields,
    text,
    blocks,
  });
}

const seed = readFileSync(resolve('resources/seed-article.txt'), 'utf8');
const bagram = document({
  id: 'doc-bagram',
  title: "Afghan officials reject Trump's demands to return Bagram Air Base",
  url: PAGE,
  text: seed,
});

const tag = (id: string, name: string): Tag => ({
  id,
  name,
  color: 'blue',
  description: '',
  createdAt: '2026-11-01T08:00:00.000Z',
});
const notebookTags = [
  tag('tag-actors', 'actors'),
  tag('tag-afghan', 'actors/afghan'),
  tag('tag-defiance', 'defiance'),
];
const notebook = { documents: [bagram], tags: notebookTags };

const at = (doc: NotebookDocument, exact: string) => {
  const start = doc.text.indexOf(exact);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(doc.text.indexOf(exact, start + 1)).toBe(-1);
  return { start, end: start + exact.length };
};

function expectSound(read: ReturnType<typeof readHypothesis>, tags: readonly Tag[]) {
  for (const a of read.contents.annotations) annotationSchema.parse(a);
  for (const n of read.contents.notes) noteSchema.parse(n);
  for (const t of read.contents.tags) tagSchema.parse(t);
  for (const d of read.contents.documents) documentSchema.parse(d);
  const book = {
    tags: [...tags, ...read.contents.tags],
    annotations: read.contents.annotations,
    notes: read.contents.notes,
  };
  expect(codebookProblems(book)).toEqual([]);
}

describe('reading the Hypothesis client export', () => {
  const read = readHypothesis(fixture('client-export.json'), notebook, { now: NOW });
  const byId = new Map(read.contents.annotations.map((a) => [a.id, a]));
  const tagByName = new Map(
    [...notebookTags, ...read.contents.tags].map((t) => [t.name.toLowerCase(), t]),
  );

  it('names the client that wrote it and keeps every record sound', () => {
    expect(read.report.format).toBe('hypothesis');
    expect(read.report.producer).toBe('Hypothesis client 1.1530.0');
    expectSound(read, notebookTags);
    expect(read.contents.collections).toEqual([]);
    // The document was found by its address: nothing to fill in.
    expect(read.contents.documents).toEqual([]);
  });

  it('places highlights by their quotes, white space of the page aside', () => {
    const mujahid = byId.get('ann-hyp-Fq3kZ0mBEe-aT7sXUwQh8g')!;
    const exact = `"Our response is, if you don't leave and want the airport, we are ready to fight you for the next 20 years,"`;
    expect(mujahid.orphan).toBeUndefined();
    expect(mujahid.target.position).toEqual({
      type: 'TextPositionSelector',
      ...at(bagram, exact),
    });
    // Marginalia's own selectors, context from its text.
    const { start, end } = at(bagram, exact);
    expect(mujahid.target.quote).toEqual(describeRange(bagram.text, start, end).quote);
    expect(mujahid.comment).toBe(
      'The sharpest threat — **20 years**.\n\nCompare with Fitrat below.',
    );
    expect(mujahid.color).toBe('yellow');
    expect(mujahid.createdAt).toBe('2025-09-22T08:14:03.512Z');
    expect(mujahid.updatedAt).toBe('2025-09-22T08:20:41.004Z');

    const fitrat = byId.get('ann-hyp-Gb71pJmBEe-4g9P1oXk2Qw')!;
    expect(fitrat.target.position).toMatchObject(
      at(
        bagram,
        "A deal over even an inch of Afghanistan's soil is not possible. We don't need it,",
      ),
    );
    expect(fitrat.comment).toBe('');
  });

  it('finds the page under http, without the slash and with a #fragment', () => {
    const truth = byId.get('ann-hyp-HcC0ZJmBEe-pX0l2d3TtMA')!;
    expect(truth.documentId).toBe('doc-bagram');
    expect(truth.target.position).toMatchObject(at(bagram, 'Truth Social'));
    expect(addressKey(`${PAGE}/`)).toBe(
      addressKey(
        'http://news.example.org/2025/09/21/afghan-officials-reject-bagram-demands#comments',
      ),
    );
  });

  it('takes tags by name, ignoring case, and creates new paths with their parents', () => {
    const mujahid = byId.get('ann-hyp-Fq3kZ0mBEe-aT7sXUwQh8g')!;
    expect(mujahid.tagIds).toEqual(['tag-afghan', 'tag-defiance']);
    const fitrat = byId.get('ann-hyp-Gb71pJmBEe-4g9P1oXk2Qw')!;
    const officials = tagByName.get('actors/afghan/officials')!;
    expect(officials.id).toBe(tagIdFor('actors/afghan/officials'));
    expect(fitrat.tagIds).toEqual(['tag-defiance', officials.id]);
    // A tag that is not a valid path stays one tag; a blank one is dropped.
    const truth = byId.get('ann-hyp-HcC0ZJmBEe-pX0l2d3TtMA')!;
    expect(
      truth.tagIds.map((id) => [...tagByName.values()].find((t) => t.id === id)?.name),
    ).toEqual(['http:∕∕example.org∕tags∕platforms', 'actors/us']);
    expect(read.contents.tags.map((t) => t.name).sort()).toEqual([
      'actors/afghan/officials',
      'actors/us',
      'http:∕∕example.org∕tags∕platforms',
      'to-read',
    ]);
    for (const t of read.contents.tags) expect(t.createdAt).toBe(NOW);
  });

  it('keeps a quote the page no longer has as an orphan of the document, and lists it', () => {
    const gone = byId.get('ann-hyp-JdN2hJmBEe-1xq9W0cJw1g')!;
    expect(gone.orphan).toBe(true);
    expect(gone.documentId).toBe('doc-bagram');
    expect(gone.target.quote?.exact).toBe('The Pentagon declined to comment on the talks.');
    expect(gone.comment).toBe('The Pentagon line was cut from the current version.');
    const listed = read.report.unplaced.find((u) => u.what.includes('The Pentagon declined'));
    expect(listed?.what).toMatch(
      /^Highlight “The Pentagon declined to comment on the talks\.” in Afghan officials/,
    );
    expect(listed?.reason).toMatch(/re-attach/);
  });

  it('lists highlights on a page the notebook does not hold, once per address', () => {
    expect(read.contents.annotations.map((a) => a.id).sort()).toEqual([
      'ann-hyp-Fq3kZ0mBEe-aT7sXUwQh8g',
      'ann-hyp-Gb71pJmBEe-4g9P1oXk2Qw',
      'ann-hyp-HcC0ZJmBEe-pX0l2d3TtMA',
      'ann-hyp-JdN2hJmBEe-1xq9W0cJw1g',
    ]);
    const wsj = read.report.unplaced.filter((u) => u.what.includes('wsj.com'));
    expect(wsj).toEqual([
      {
        what: '2 highlights on “U.S. Holds Early Talks on Return of Bagram Air Base” (https://www.wsj.com/world/bagram-talks-boehler-2025)',
        reason:
          'No document in the notebook has this address: choose one for the page, or import the page first.',
      },
    ]);
    expect(read.report.unplaced).toHaveLength(2);
  });

  it('makes a page note a note on its document', () => {
    const note = read.contents.notes.find((n) => n.id === 'note-hyp-KeO3iJmBEe-8Yt2uMbVv7A')!;
    expect(note).toEqual({
      id: 'note-hyp-KeO3iJmBEe-8Yt2uMbVv7A',
      title: bagram.title,
      body: "Read alongside the WSJ piece on Boehler's talks.",
      tagIds: [tagByName.get('to-read')!.id],
      annotationIds: [],
      documentId: 'doc-bagram',
      createdAt: '2025-09-22T08:30:00.000Z',
      updatedAt: '2025-09-22T08:31:15.000Z',
    });
  });

  it('makes a reply a note citing the highlight it answers', () => {
    const reply = read.contents.notes.find((n) => n.id === 'note-hyp-LfP4jJmBEe-2Zu3vNcWw8B')!;
    expect(reply.title).toBe('Reply: "Our response is, if you don\'t leave and want the…');
    expect(reply.annotationIds).toEqual(['ann-hyp-Fq3kZ0mBEe-aT7sXUwQh8g']);
    expect(reply.body).toContain('(marginalia://quote/ann-hyp-Fq3kZ0mBEe-aT7sXUwQh8g)');
    expect(reply.body.endsWith('And Jalali adds the "never accepted foreign troops" line.')).toBe(
      true,
    );
    expect(reply.documentId).toBe('doc-bagram');
    expect(read.report.notes).toContain(
      '1 reply came in as a note (Marginalia keeps no threads); a reply to a highlight that came in cites it.',
    );
    expect(read.report.notCarried).toEqual(['authors, groups and sharing settings']);
  });

  it('lists the pages for a "choose a document" step, one row per page', () => {
    expect(hypothesisSources(fixture('client-export.json'), notebook)).toEqual([
      {
        uri: `${PAGE}/`,
        title: bagram.title,
        // The http address with a #fragment is the same page: one row.
        highlights: 4,
        notes: 2,
        documentId: 'doc-bagram',
      },
      {
        uri: 'https://www.wsj.com/world/bagram-talks-boehler-2025',
        title: 'U.S. Holds Early Talks on Return of Bagram Air Base',
        highlights: 2,
        notes: 0,
        documentId: null,
      },
    ]);
  });

  it('reads the same file to the same records, and a second merge changes nothing', () => {
    const again = readHypothesis(fixture('client-export.json'), notebook, { now: NOW });
    expect(again).toEqual(read);

    const current: StoreData = { ...emptyStore(), documents: [bagram], tags: notebookTags };
    const incoming = (r: typeof read): StoreData => ({ ...emptyStore(), ...r.contents });
    const first = planRestore(current, incoming(read), 'merge', { now: NOW });
    expect(first.preview.problems).toEqual([]);
    expect(first.preview.annotations.added).toBe(4);
    expect(first.preview.notes.added).toBe(2);
    expect(first.preview.tags.added).toBe(4);
    // Read again into the merged notebook (its tags now there), merge again: nothing new.
    const later = readHypothesis(fixture('client-export.json'), first.data, {
      now: '2027-01-01T00:00:00.000Z',
    });
    expect(later.contents.tags).toEqual([]);
    const second = planRestore(first.data, incoming(later), 'merge', { now: NOW });
    for (const kind of ['documents', 'annotations', 'tags', 'notes'] as const) {
      expect(second.preview[kind].added, kind).toBe(0);
      expect(second.preview[kind].updated, kind).toBe(0);
    }
    expect(second.data.annotations).toEqual(first.data.annotations);
  });
});

describe('reading API search results', () => {
  const PDF = 'https://example.org/files/district-survey-2024.pdf';
  const survey = document({
    id: 'doc-survey',
    text: 'Summary of findings\nMost households reported travelling to the bazaar at least twice a week, usually on market days.\nThe sample is described in the appendix.',
  });
  const surveyBook = { documents: [bagram, survey], tags: notebookTags };

  it('places on the document the user chose and fills in its address and title', () => {
    const read = readHypothesis(fixture('api-search.json'), surveyBook, {
      now: NOW,
      documentFor: { [PDF]: 'doc-survey' },
    });
    expectSound(read, notebookTags);
    expect(read.report.producer).toBeNull();
    expect(read.report.unplaced).toEqual([]);
    const [highlight] = read.contents.annotations;
    expect(highlight!.documentId).toBe('doc-survey');
    expect(highlight!.target.position).toMatchObject(
      at(survey, 'Most households reported travelling to the bazaar'),
    );
    expect(read.contents.documents).toEqual([
      { ...survey, url: PDF, title: 'District survey 2024', updatedAt: NOW },
    ]);
    expect(read.contents.notes.map((n) => [n.id, n.documentId, n.annotationIds])).toEqual([
      ['note-hyp-QkU9oJmBEe-7Ez8aShBb3G', 'doc-survey', []],
      ['note-hyp-RlV0pJmBEe-8Fa9bTiCc4H', 'doc-survey', ['ann-hyp-PjT8nJmBEe-6Dy7zRgAa2F']],
    ]);
  });

  it('without a choice, lists the highlights and keeps the notes with their address', () => {
    const read = readHypothesis(fixture('api-search.json'), surveyBook, { now: NOW });
    expect(read.contents.annotations).toEqual([]);
    expect(read.contents.documents).toEqual([]);
    expect(read.report.unplaced).toEqual([
      {
        what: `1 highlight on “District survey 2024” (${PDF})`,
        reason: expect.stringContaining('No document in the notebook has this address'),
      },
    ]);
    for (const note of read.contents.notes) {
      expect(note.documentId).toBeNull();
      expect(note.body.endsWith(`\n\n<${PDF}>`)).toBe(true);
    }
    expect(read.contents.notes.map((n) => n.title)).toEqual([
      'District survey 2024',
      'Reply on District survey 2024',
    ]);
  });

  it('does not overwrite a chosen document’s own address or title', () => {
    const named = { ...survey, title: 'Survey (scan)', url: 'https://mirror.example.net/s.pdf' };
    const read = readHypothesis(
      fixture('api-search.json'),
      { documents: [named], tags: [] },
      { now: NOW, documentFor: { [PDF]: 'doc-survey' } },
    );
    expect(read.contents.documents).toEqual([]);
    expect(read.contents.annotations).toHaveLength(1);
  });
});

describe('odd and invalid files', () => {
  const refuse = (json: unknown, message: RegExp) => {
    let error: unknown;
    try {
      readHypothesis(json, notebook, { now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotebookError);
    expect((error as NotebookError).code).toBe('invalid-input');
    expect((error as NotebookError).message).toMatch(message);
  };

  it('refuses JSON that is neither shape, saying what it expected', () => {
    refuse(null, /not a Hypothesis file: expected a JSON object with "annotations"/);
    refuse('annotations', /not a Hypothesis file/);
    refuse([{ uri: PAGE }], /bare list/);
    refuse({ items: [] }, /neither "annotations" \(the Hypothesis export\) nor "rows"/);
    refuse({ annotations: 'all of them' }, /"annotations" is not a list/);
    refuse({ total: 2, rows: {} }, /"rows" is not a list/);
  });

  it('reads what it can of entries missing fields, and counts what is not an annotation', () => {
    const read = readHypothesis(
      {
        annotations: [
          42,
          null,
          {},
          {
            uri: PAGE,
            target: { selector: [{ type: 'TextQuoteSelector', exact: 'Adam Boehler' }, 'junk'] },
            tags: ['ok', 7],
            text: null,
            created: 'yesterday',
          },
          { uri: PAGE, target: [{ source: PAGE, selector: [{ type: 'TextQuoteSelector' }] }] },
        ],
      },
      notebook,
      { now: NOW },
    );
    expectSound(read, notebookTags);
    expect(read.report.producer).toBeNull();
    const [boehler] = read.contents.annotations;
    expect(boehler!.target.position).toMatchObject(at(bagram, 'Adam Boehler'));
    expect(boehler!.id).toMatch(/^ann-hyp-x[0-9a-f]{16}$/);
    expect(boehler!.createdAt).toBe(NOW);
    expect(boehler!.comment).toBe('');
    expect(read.report.notCarried).toEqual([
      '2 empty page notes',
      '2 entries that are not annotations',
      'authors, groups and sharing settings',
    ]);
  });

  it('places a quote whose context the article lost when its words occur once', () => {
    const json = {
      annotations: [
        {
          id: 'caption1',
          uri: PAGE,
          target: [
            {
              source: PAGE,
              selector: [
                {
                  type: 'TextQuoteSelector',
                  exact: 'escalated  his\nrhetoric',
                  prefix: 'Photo: Reuters / File\n  Share  ',
                  suffix: '\n  Advertisement\n  Related:  ',
                },
              ],
            },
          ],
        },
        {
          id: 'twice',
          uri: PAGE,
          target: [
            {
              source: PAGE,
              selector: [
                {
                  type: 'TextQuoteSelector',
                  exact: 'Bagram',
                  prefix: 'Photo: Reuters / File\n  Share  ',
                  suffix: '\n  Advertisement\n  Related:  ',
                },
              ],
            },
          ],
        },
      ],
    };
    const read = readHypothesis(json, notebook, { now: NOW });
    const [caption, twice] = read.contents.annotations;
    expect(caption!.orphan).toBeUndefined();
    expect(caption!.target.position).toMatchObject(at(bagram, 'escalated his rhetoric'));
    // Words that occur many times are not guessed at.
    expect(twice!.orphan).toBe(true);
  });

  it('keeps the ids of a file Marginalia wrote, and finds documents by their urn', () => {
    const noUrl = { ...bagram, url: '' };
    const json = {
      export_date: NOW,
      export_userid: '',
      client_version: 'Marginalia',
      annotations: [
        {
          id: 'ann_0b5c8a8e-5d0e-4a43-9a3c-1f0e2f9d7c11',
          uri: 'urn:x-marginalia:doc-bagram',
          target: [
            {
              source: 'urn:x-marginalia:doc-bagram',
              selector: [{ type: 'TextQuoteSelector', exact: 'Adam Boehler' }],
            },
          ],
        },
      ],
    };
    const read = readHypothesis(json, { documents: [noUrl], tags: [] }, { now: NOW });
    expect(read.report.producer).toBe('Marginalia');
    expect(read.contents.annotations.map((a) => [a.id, a.documentId])).toEqual([
      ['ann_0b5c8a8e-5d0e-4a43-9a3c-1f0e2f9d7c11', 'doc-bagram'],
    ]);
  });
});

describe('the command line', () => {
  it('exports with --format hypothesis', () => {
    const { command } = parseInvocation(['export', '--format', 'hypothesis', '--out', 'h.json']);
    expect(command).toMatchObject({ name: 'export', format: 'hypothesis', out: 'h.json' });
  });
});

// --- Round trip: export, then read into a notebook holding the same documents ------------

const WORDS = [
  'the',
  'same',
  'phrase',
  'again',
  'Kabul',
  'bazaar',
  '🙂',
  '🇦🇫',
  'کابل',
  'زیبا',
  'است',
  'بازار',
  'مدينة',
  'السوق',
  '«quoted»',
  '"straight"',
  'naïve',
  '—',
  'x',
];
const REPEATED = 'the same phrase again';

const paragraphArb = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constant(REPEATED)), {
    minLength: 1,
    maxLength: 25,
  })
  .map((words) => words.join(' '));

const textArb = fc
  .array(paragraphArb, { minLength: 1, maxLength: 6 })
  .map((paragraphs) => paragraphs.join('\n'));

const tagNames = ['actors', 'actors/afghan', 'actors/us', 'دری', 'Stance/Defiance', 'Stance'];
const roundTripTags = tagNames.map((name, i) => tag(`tag-${i}`, name));

interface Case {
  documents: NotebookDocument[];
  highlights: Annotation[];
}

const caseArb: fc.Arbitrary<Case> = fc
  .array(fc.record({ text: textArb, url: fc.boolean(), title: fc.string({ maxLength: 30 }) }), {
    minLength: 1,
    maxLength: 3,
  })
  .chain((docs) => {
    const documents = docs.map((d, i) =>
      document({
        id: `doc_${i}`,
        title: d.title,
        url: d.url ? `https://example.org/articles/${i}/` : '',
        text: d.text,
      }),
    );
    const highlight = fc
      .record({
        doc: fc.nat({ max: documents.length - 1 }),
        a: fc.nat(),
        b: fc.nat(),
        tags: fc.subarray(roundTripTags.map((t) => t.id)),
        comment: fc.string({ unit: 'grapheme', maxLength: 40 }),
        minute: fc.nat({ max: 59 }),
      })
      .map((h): Annotation => {
        const doc = documents[h.doc]!;
        const a = h.a % (doc.text.length + 1);
        const b = h.b % (doc.text.length + 1);
        const { position, quote } = describeRange(doc.text, Math.min(a, b), Math.max(a, b));
        const stamp = `2026-10-01T08:${String(h.minute).padStart(2, '0')}:00.000Z`;
        return {
          id: 'ann_',
          documentId: doc.id,
          target: { documentId: doc.id, position, quote },
          color: 'yellow' as const,
          tagIds: h.tags,
          comment: h.comment,
          createdAt: stamp,
          updatedAt: stamp,
        };
      });
    return fc.array(highlight, { minLength: 1, maxLength: 8 }).map((highlights) => ({
      documents,
      // A highlight is words: nothing selects white space alone.
      highlights: highlights
        .filter((h) => (h.target.quote as TextQuoteSelector).exact.trim() !== '')
        .map((h, i) => ({ ...h, id: `ann_${i}` })),
    }));
  });

describe('round trip through the Hypothesis shape', () => {
  it('gives back the same quotes at the same offsets, with the same tags and comments', async () => {
    const { hypothesisExport } = await import('../../shared/export/hypothesis.ts');
    const { selectForExport } = await import('../../shared/export/selection.ts');
    const { DEFAULT_EXPORT_OPTIONS } = await import('../../shared/export/types.ts');
    fc.assert(
      fc.property(caseArb, ({ documents, highlights }) => {
        const data: StoreData = {
          ...emptyStore(),
          documents,
          annotations: highlights,
          tags: roundTripTags,
        };
        const selection = selectForExport(data, { kind: 'notebook' }, NOW);
        const text = [...hypothesisExport(selection, DEFAULT_EXPORT_OPTIONS)].join('');
        const read = readHypothesis(
          JSON.parse(text),
          { documents, tags: roundTripTags },
          { now: NOW },
        );
        expect(read.report.unplaced).toEqual([]);
        expect(read.contents.tags).toEqual([]);
        expect(read.contents.documents).toEqual([]);
        const back = new Map(read.contents.annotations.map((a) => [a.id, a]));
        expect(back.size).toBe(highlights.length);
        for (const h of highlights) {
          const got = back.get(h.id)!;
          expect(got.documentId).toBe(h.documentId);
          expect(got.target).toEqual(h.target);
          expect(got.orphan).toBeUndefined();
          expect([...got.tagIds].sort()).toEqual([...h.tagIds].sort());
          expect(got.comment).toBe(h.comment);
          expect([got.createdAt, got.updatedAt]).toEqual([h.createdAt, h.updatedAt]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
