import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/notebook/migrations.ts';
import { openStore } from '../../electron/notebook/store.ts';
import { describeRange } from '../../shared/anchoring/describe.ts';
import { codebookProblems, findTagNamed } from '../../shared/codebook.ts';
import { HIGHLIGHT_COLORS } from '../../shared/colors.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupExport,
  parseBackup,
  restoredTagIds,
} from '../../shared/export/backup.ts';
import {
  planRestore,
  RESTORE_KINDS,
  type RestorePreview,
} from '../../shared/export/restore-plan.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import { DEFAULT_EXPORT_OPTIONS } from '../../shared/export/types.ts';
import {
  type Annotation,
  emptyStore,
  type Note,
  type NotebookDocument,
  SCHEMA_VERSION,
  type StoreData,
  storeDataSchema,
  type Tag,
} from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { exportFixture, GENERATED_AT } from '../fixtures/export/notebook.ts';
import { expectGolden } from './golden.ts';
import { tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();
const NOW = '2030-01-01T00:00:00.000Z';
/** Ids of re-created parent tags: FNV-1a (64 bits) of the lower-cased name, fixed forever. */
const ACTORS_ID = 'tag-restored-77c7c90b0e0e5b2b';
const STANCE_ID = 'tag-restored-1bbef16d9e109365';

function backupPieces(data: StoreData, progress?: (done: number, total: number) => void) {
  const selection = selectForExport(data, { kind: 'notebook' }, GENERATED_AT);
  return [...backupExport(selection, DEFAULT_EXPORT_OPTIONS, progress)];
}
const backupOf = (data: StoreData) => backupPieces(data).join('');

/** What a backup of the whole notebook should be, built in one go. */
function expectedBackup(data: StoreData) {
  const s = selectForExport(data, { kind: 'notebook' }, GENERATED_AT);
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: s.schemaVersion,
    exportedAt: s.generatedAt,
    scope: s.label,
    counts: {
      documents: s.documents.length,
      annotations: s.annotations.length,
      tags: s.tags.length,
      notes: s.notes.length,
      collections: s.collections.length,
      rounds: s.rounds?.length ?? 0,
    },
    notebook: {
      schemaVersion: s.schemaVersion,
      documents: s.documents,
      annotations: s.annotations,
      tags: s.tags,
      notes: s.notes,
      collections: s.collections,
      rounds: s.rounds ?? [],
      meta: s.meta,
    },
  };
}

/** Collections in id order: a backup keeps every record, not the store's array order. */
function byId(data: StoreData): StoreData {
  const sort = <T extends { id: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ...data,
    documents: sort(data.documents),
    annotations: sort(data.annotations),
    tags: sort(data.tags),
    notes: sort(data.notes),
  };
}

function parseError(text: string): NotebookError {
  try {
    parseBackup(text, { migrate });
  } catch (error) {
    expect(error).toBeInstanceOf(NotebookError);
    return error as NotebookError;
  }
  throw new Error('parseBackup accepted it');
}

describe('JSON backup export', () => {
  it('matches the golden file', () => {
    expectGolden('notebook-backup.json', backupOf(exportFixture()));
  });

  it('streams one piece per record that join to the pretty-printed whole', () => {
    const data = exportFixture();
    const calls: [number, number][] = [];
    const pieces = backupPieces(data, (done, total) => calls.push([done, total]));
    const records = 2 + 5 + 7 + 2;
    expect(pieces).toHaveLength(records + 1);
    expect(pieces.join('')).toBe(JSON.stringify(expectedBackup(data), null, 2));
    expect(calls[0]).toEqual([0, records]);
    expect(calls.at(-1)).toEqual([records, records]);
    expect(calls).toHaveLength(records + 1);
  });

  it('keeps every document of the notebook, also those without quotes', () => {
    const data = exportFixture();
    data.annotations = data.annotations.filter((a) => a.documentId !== 'doc-field');
    const { notebook } = JSON.parse(backupOf(data));
    expect(notebook.documents.map((d: NotebookDocument) => d.id)).toEqual([
      'doc-bagram',
      'doc-field',
    ]);
  });

  it('writes an empty notebook as empty lists', () => {
    const text = backupOf(emptyStore());
    expect(text).toBe(JSON.stringify(expectedBackup(emptyStore()), null, 2));
    expect(parseBackup(text).data).toEqual(emptyStore());
  });

  it('reads its own backup back', () => {
    const data = exportFixture();
    const parsed = parseBackup(backupOf(data), { migrate });
    expect(parsed.exportedAt).toBe(GENERATED_AT);
    expect(parsed.scope).toBe('Whole notebook');
    expect(parsed.problems).toEqual([]);
    expect(byId(parsed.data)).toEqual(byId(data));
  });
});

describe('reading a backup', () => {
  it('says when the file is not JSON, and where', () => {
    const error = parseError('{\n  "format": "marginalia-backup",\n  oops\n}');
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/not valid JSON.*line 3, column 3/);
    expect(parseError('hello').message).toMatch(/not valid JSON/);
    expect(parseError('').message).toMatch(/empty/);
  });

  it('says when the file was cut short', () => {
    const text = backupOf(exportFixture());
    for (const cut of [1, 100, Math.floor(text.length / 2), text.length - 1])
      expect(parseError(text.slice(0, cut)).message).toMatch(/truncated/);
  });

  it('refuses JSON that is not a Marginalia backup', () => {
    expect(parseError('{"format":"w3c-annotations","items":[]}').message).toMatch(
      /not a Marginalia backup.*"w3c-annotations"/,
    );
    expect(parseError('{"hello":"world"}').message).toMatch(/not a Marginalia backup/);
    expect(parseError('[1,2,3]').message).toMatch(/not a Marginalia backup/);
    expect(parseError('"text"').message).toMatch(/not a Marginalia backup/);
    const noNotebook = JSON.stringify({ format: BACKUP_FORMAT, formatVersion: 1 });
    expect(parseError(noNotebook).message).toMatch(/no "notebook"/);
  });

  it('asks for an update when a newer Marginalia made the backup', () => {
    const backup = JSON.parse(backupOf(exportFixture()));
    const newer = (change: (b: typeof backup) => void) => {
      const copy = structuredClone(backup);
      change(copy);
      return parseError(JSON.stringify(copy));
    };
    for (const error of [
      newer((b) => {
        b.formatVersion = BACKUP_FORMAT_VERSION + 1;
      }),
      newer((b) => {
        b.schemaVersion = SCHEMA_VERSION + 1;
      }),
      newer((b) => {
        b.notebook.schemaVersion = SCHEMA_VERSION + 1;
      }),
    ]) {
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(/newer Marginalia.*Update the app/);
    }
    const store = { ...exportFixture(), schemaVersion: SCHEMA_VERSION + 3 };
    expect(parseError(JSON.stringify(store)).message).toMatch(/newer Marginalia/);
  });

  it('names the list, the record and the field that do not fit the schema', () => {
    const backup = JSON.parse(backupOf(exportFixture()));
    backup.notebook.annotations[1].target.position!.start = 'twelve';
    const { message } = parseError(JSON.stringify(backup));
    expect(message).toContain('annotations[1]');
    expect(message).toContain('"q-fitrat"');
    expect(message).toContain('"target.position.start"');

    const badDate = JSON.parse(backupOf(exportFixture()));
    badDate.notebook.tags[2].createdAt = 'yesterday';
    expect(parseError(JSON.stringify(badDate)).message).toMatch(/tags\[2\].*"createdAt"/);

    const noList = JSON.parse(backupOf(exportFixture()));
    delete noList.notebook.notes;
    expect(parseError(JSON.stringify(noList)).message).toMatch(/"notes" list/);
  });

  it('accepts a bare store file (notebook.json)', () => {
    const data = exportFixture();
    const parsed = parseBackup(JSON.stringify(data), { migrate });
    expect(parsed).toEqual({ data, exportedAt: null, scope: null, problems: [], files: new Map() });
    // With a byte order mark and no meta, as a hand-edited file might be.
    const { meta: _meta, ...bare } = data;
    expect(parseBackup(`\uFEFF${JSON.stringify(bare)}`).data.meta).toEqual({ seeded: false });
  });

  it('repairs references that point nowhere, and lists each repair', () => {
    const backup = JSON.parse(backupOf(exportFixture()));
    const nb = backup.notebook as StoreData;
    nb.documents = nb.documents.filter((d) => d.id !== 'doc-field');
    nb.tags = nb.tags.filter((t) => t.id !== 'tag-us');
    nb.notes[1]!.documentId = 'doc-gone';
    nb.notes.push({ ...nb.notes[0]!, title: 'Second copy' });
    nb.annotations[0]!.tagIds.push('tag-nowhere');
    const { data, problems } = parseBackup(JSON.stringify(backup), { migrate });

    expect(data.annotations.map((a) => a.id)).toEqual(['q-mujahid', 'q-fitrat', 'q-trump-talks']);
    expect(data.annotations.find((a) => a.id === 'q-trump-talks')!.tagIds).toEqual([]);
    expect(data.annotations[0]!.tagIds).toEqual(['tag-afghan', 'tag-defiance']);
    expect(data.notes.map((n) => [n.id, n.title, n.documentId])).toEqual([
      ['note-questions', 'Open questions, 🙂 & “others”', null],
      ['note-defiance', 'Second copy', 'doc-bagram'],
    ]);
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/"q-dari".*left out/);
    expect(problems.join('\n')).toMatch(/"q-emoji".*left out/);
    expect(problems.join('\n')).toMatch(/"q-trump-talks".*"tag-us"/);
    expect(problems.join('\n')).toMatch(/"q-mujahid".*"tag-nowhere"/);
    expect(problems.join('\n')).toMatch(/"note-questions".*"doc-gone"/);
    expect(problems.join('\n')).toMatch(/2 notes share the id "note-defiance"/);
    expect(codebookProblems(data)).toEqual([]);
    expect(storeDataSchema.parse(data)).toEqual(data);
  });

  it('repairs a codebook with repeated names or missing parents', () => {
    const data = exportFixture();
    data.tags = data.tags.filter((t) => t.id !== 'tag-stance');
    data.tags.push({ ...data.tags[0]!, id: 'tag-actors-2', name: 'ACTORS' });
    data.annotations[4]!.tagIds = ['tag-actors-2'];
    const { data: repaired, problems } = parseBackup(JSON.stringify(data));
    expect(codebookProblems(repaired)).toEqual([]);
    expect(repaired.annotations[4]!.tagIds).toEqual(['tag-actors']);
    expect(findTagNamed(repaired.tags, 'stance')).toMatchObject({ id: STANCE_ID });
    expect(problems).toHaveLength(2);
  });

  it('gives a re-created parent an id that stands for its name', () => {
    expect(restoredTagIds([])('actors')).toBe(ACTORS_ID);
    expect(restoredTagIds([])('ACTORS')).toBe(ACTORS_ID);
    expect(restoredTagIds([])('stance')).toBe(STANCE_ID);
    expect(restoredTagIds([])('a')).toBe('tag-restored-af63dc4c8601ec8c');
    // Held by a tag of another name (renamed since): the next free suffix.
    const held = restoredTagIds([
      { id: ACTORS_ID, name: 'people' },
      { id: `${ACTORS_ID}-2`, name: 'method' },
    ]);
    expect(held('actors')).toBe(`${ACTORS_ID}-3`);
    expect(held('Actors')).toBe(`${ACTORS_ID}-3`);
    // Held by a tag of the same name: the same tag.
    expect(restoredTagIds([{ id: ACTORS_ID, name: 'Actors' }])('actors')).toBe(ACTORS_ID);
    // Names that differ get ids that differ, the same one in any backup.
    const ids = ['actors', 'actors/us', 'دری', 'Дари', '🙂 mood', 'a b'].map((n) =>
      restoredTagIds([])(n),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sums up a long list of problems', () => {
    const data = exportFixture();
    data.annotations = Array.from({ length: 150 }, (_, i) => ({
      ...data.annotations[0]!,
      id: `q-${i}`,
      documentId: 'doc-gone',
    }));
    const { problems } = parseBackup(JSON.stringify(data));
    expect(problems).toHaveLength(101);
    expect(problems.at(-1)).toBe('…and 50 more like these.');
  });
});

describe('planning a restore (fixture)', () => {
  it('replaces the notebook with the backup, never re-seeding the sample', () => {
    const current = exportFixture();
    const incoming = exportFixture();
    incoming.meta.seeded = false;
    incoming.documents = incoming.documents.slice(1);
    incoming.annotations = incoming.annotations.filter((a) => a.documentId === 'doc-field');
    incoming.annotations[0] = { ...incoming.annotations[0]!, comment: 'changed' };
    const plan = planRestore(current, incoming, 'replace');
    expect(plan.data).toEqual({ ...incoming, meta: { seeded: true } });
    expect(plan.preview.documents).toMatchObject({ added: 0, removed: 1, unchanged: 1 });
    expect(plan.preview.annotations).toMatchObject({ removed: 3, updated: 1, unchanged: 1 });
  });

  it('merges by id: the newer version wins, a tie keeps yours', () => {
    const current = exportFixture();
    const incoming = exportFixture();
    const [a0, a1, a2] = incoming.annotations as [Annotation, Annotation, Annotation];
    a0.comment = 'newer';
    a0.updatedAt = '2027-01-01T00:00:00.000Z';
    a1.comment = 'older';
    a1.updatedAt = '2020-01-01T00:00:00.000Z';
    a2.comment = 'same time';
    incoming.notes[0]!.title = 'Renamed later';
    incoming.notes[0]!.updatedAt = '2027-01-01T00:00:00.000Z';
    const plan = planRestore(current, incoming, 'merge', { now: NOW });
    expect(plan.data.annotations.map((a) => a.comment)).toEqual([
      'newer',
      current.annotations[1]!.comment,
      current.annotations[2]!.comment,
      current.annotations[3]!.comment,
      current.annotations[4]!.comment,
    ]);
    expect(plan.data.notes[0]!.title).toBe('Renamed later');
    expect(plan.preview.annotations).toEqual({
      added: 0,
      updated: 1,
      unchanged: 2,
      kept: 2,
      matched: 0,
      removed: 0,
    });
  });

  it('matches tags by name and documents by text, pointing the backup at yours', () => {
    const current = exportFixture();
    const incoming = exportFixture();
    // Another notebook: the same document and tag names under other ids.
    const rename = new Map<string, string>();
    for (const t of incoming.tags) rename.set(t.id, `other-${t.id}`);
    incoming.tags = incoming.tags.map((t) => ({
      ...t,
      id: rename.get(t.id)!,
      name: t.name.toUpperCase(),
    }));
    incoming.tags.push({ ...incoming.tags[0]!, id: 'other-new', name: 'ACTORS/UN' });
    incoming.documents = incoming.documents.map((d) => ({ ...d, id: `other-${d.id}` }));
    incoming.annotations = incoming.annotations.map((a) => ({
      ...a,
      id: `other-${a.id}`,
      documentId: `other-${a.documentId}`,
      target: { ...a.target, documentId: `other-${a.documentId}` },
      tagIds: [...a.tagIds.map((t) => rename.get(t)!), 'other-new'],
    }));
    incoming.notes = incoming.notes.map((n) => ({
      ...n,
      id: `other-${n.id}`,
      documentId: n.documentId && `other-${n.documentId}`,
      tagIds: n.tagIds.map((t) => rename.get(t)!),
    }));
    const plan = planRestore(current, incoming, 'merge', { now: NOW });
    expect(plan.preview.documents).toMatchObject({ matched: 2, added: 0, kept: 2 });
    expect(plan.preview.tags).toMatchObject({ matched: 7, added: 1, kept: 7 });
    expect(plan.preview.annotations).toMatchObject({ added: 5, kept: 5 });
    const added = plan.data.annotations.find((a) => a.id === 'other-q-dari')!;
    expect(added.documentId).toBe('doc-field');
    expect(added.target.documentId).toBe('doc-field');
    expect(added.tagIds).toEqual(['tag-dari', 'tag-afghan', 'other-new']);
    expect(plan.data.notes.find((n) => n.id === 'other-note-defiance')!.documentId).toBe(
      'doc-bagram',
    );
    expect(findTagNamed(plan.data.tags, 'actors/un')!.name).toBe('ACTORS/UN');
    expect(codebookProblems(plan.data)).toEqual([]);
  });

  it('re-creates parents and keeps names unique when a newer tag renames', () => {
    const current = exportFixture();
    const incoming = exportFixture();
    const later = '2027-01-01T00:00:00.000Z';
    // `actors` becomes `people`: its children lose their parent, which is re-created.
    incoming.tags[0] = { ...incoming.tags[0]!, name: 'people', createdAt: later };
    // `stance` would take `language`, which another tag holds: refused.
    incoming.tags[3] = { ...incoming.tags[3]!, name: 'language', createdAt: later };
    const plan = planRestore(current, incoming, 'merge', { now: NOW });
    expect(codebookProblems(plan.data)).toEqual([]);
    expect(plan.data.tags.find((t) => t.id === 'tag-actors')!.name).toBe('people');
    expect(plan.data.tags.find((t) => t.id === 'tag-stance')!.name).toBe('stance');
    expect(findTagNamed(plan.data.tags, 'actors')).toMatchObject({
      id: ACTORS_ID,
      createdAt: NOW,
    });
    expect(plan.preview.tags).toMatchObject({ updated: 1, added: 1, kept: 1, unchanged: 5 });
    expect(plan.preview.problems).toHaveLength(2);
    const again = planRestore(plan.data, incoming, 'merge', { now: NOW });
    expect(again.data).toEqual(plan.data);
  });

  it('never renames your tag to a re-created parent that shares its id', () => {
    // Yours: `tag-restored-1` is "method" (re-created by an older version), with a child and
    // quotes carrying both. No "actors" at all.
    const current = exportFixture();
    const actorIds = new Set(['tag-actors', 'tag-afghan', 'tag-us']);
    current.tags = [
      ...current.tags.filter((t) => !actorIds.has(t.id)),
      // Older than the backup's tags, so a match by id would take the backup's name.
      {
        ...current.tags[0]!,
        id: 'tag-restored-1',
        name: 'method',
        createdAt: '2020-01-01T00:00:00.000Z',
      },
      { ...current.tags[0]!, id: 'tag-method-interview', name: 'method/interview' },
    ];
    current.annotations = current.annotations.map((a, i) => ({
      ...a,
      tagIds: [
        ...a.tagIds.filter((t) => !actorIds.has(t)),
        i % 2 ? 'tag-method-interview' : 'tag-restored-1',
      ],
    }));
    current.notes = current.notes.map((n) => ({
      ...n,
      tagIds: n.tagIds.filter((t) => !actorIds.has(t)),
    }));
    expect(codebookProblems(current)).toEqual([]);
    const methodQuotes = current.annotations
      .filter((a) => a.tagIds.includes('tag-restored-1'))
      .map((a) => a.id);
    expect(methodQuotes.length).toBeGreaterThan(0);

    // The backup: `actors/afghan` and `actors/us` without `actors`, and a quote of its own.
    const source = exportFixture();
    source.tags = source.tags.filter((t) => t.id !== 'tag-actors');
    source.annotations.push({ ...source.annotations[0]!, id: 'q-actor', tagIds: ['tag-afghan'] });
    const parsed = parseBackup(backupOf(source), { migrate });
    expect(findTagNamed(parsed.data.tags, 'actors')).toMatchObject({ id: ACTORS_ID });
    // The same backup as an older version repaired it: the parent numbered `tag-restored-1`.
    const numbered = structuredClone(parsed.data);
    for (const t of numbered.tags) if (t.id === ACTORS_ID) t.id = 'tag-restored-1';
    numbered.annotations.find((a) => a.id === 'q-actor')!.tagIds.push('tag-restored-1');

    for (const incoming of [parsed.data, numbered]) {
      const plan = planRestore(current, incoming, 'merge', { now: NOW });
      const { data } = plan;
      expectSound(data);
      expect(data.tags.find((t) => t.id === 'tag-restored-1')).toMatchObject({ name: 'method' });
      expect(findTagNamed(data.tags, 'method/interview')).toMatchObject({
        id: 'tag-method-interview',
      });
      for (const id of methodQuotes)
        expect(data.annotations.find((a) => a.id === id)!.tagIds).toContain('tag-restored-1');
      const actors = findTagNamed(data.tags, 'actors')!;
      expect(actors.id).toBe(ACTORS_ID);
      expect(findTagNamed(data.tags, 'actors/afghan')).toMatchObject({ id: 'tag-afghan' });
      const quote = data.annotations.find((a) => a.id === 'q-actor')!;
      expect(quote.tagIds).toContain('tag-afghan');
      expect(quote.tagIds).not.toContain('tag-restored-1');
      if (incoming === numbered) expect(quote.tagIds).toContain(ACTORS_ID);
      expect(codebookProblems(data)).toEqual([]);
      const twice = planRestore(data, incoming, 'merge', { now: NOW });
      expect(twice.data).toEqual(data);
      expect(nothingNew(twice.preview)).toBe(true);
    }
  });

  it('re-creates a parent under a fresh id when its own is held by a renamed tag', () => {
    // You renamed the re-created "actors" to "people"; the backup still lacks "actors".
    const current = exportFixture();
    current.tags[0] = { ...current.tags[0]!, id: ACTORS_ID, name: 'people' };
    current.tags = current.tags.filter((t) => !t.name.startsWith('actors/'));
    current.annotations = current.annotations.map((a) => ({
      ...a,
      tagIds: a.tagIds.filter((t) => t !== 'tag-afghan' && t !== 'tag-us'),
    }));
    const incoming = exportFixture();
    incoming.tags[0] = { ...incoming.tags[0]!, id: ACTORS_ID };
    for (const data of [current, incoming]) expect(codebookProblems(data)).toEqual([]);
    const plan = planRestore(current, incoming, 'merge', { now: NOW });
    expectSound(plan.data);
    expect(plan.data.tags.find((t) => t.id === ACTORS_ID)!.name).toBe('people');
    expect(findTagNamed(plan.data.tags, 'actors')!.id).toBe(`${ACTORS_ID}-2`);
    const twice = planRestore(plan.data, incoming, 'merge', { now: NOW });
    expect(twice.data).toEqual(plan.data);
    expect(nothingNew(twice.preview)).toBe(true);
  });

  it('does not change its inputs', () => {
    const current = exportFixture();
    const incoming = exportFixture();
    incoming.tags[0] = { ...incoming.tags[0]!, name: 'people', createdAt: NOW };
    incoming.annotations[0]!.updatedAt = NOW;
    incoming.annotations[0]!.comment = 'x';
    for (const mode of ['merge', 'replace'] as const) {
      const before = structuredClone([current, incoming]);
      planRestore(current, incoming, mode, { now: NOW });
      expect([current, incoming]).toEqual(before);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Random valid notebooks.

/** Characters for texts: ASCII, accents, emoji (surrogate pairs), Arabic and Hebrew, quotes. */
const TEXT_CHARS = [
  ...'abcdefghij  ..,',
  'é',
  'ß',
  '"',
  '\\',
  '\n',
  '\t',
  '«',
  '»',
  '—',
  '🙂',
  '👍🏽',
  '🇦🇫',
  'ک',
  'ا',
  'ب',
  'ل',
  'ש',
  'ל',
  'ם',
  '\u200f',
  '中',
];
const textArb = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...TEXT_CHARS), { minLength: 1, maxLength })
    .map((chars) => chars.join(''));
const freeText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  textArb(20),
);

/** ISO dates, sometimes with an explicit offset. */
const dateArb = fc
  .tuple(fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') }), fc.boolean())
  .map(([ms, offset]) => {
    const iso = new Date(ms).toISOString();
    return offset ? iso.replace('Z', '+00:00') : iso;
  });
const datePair = fc
  .tuple(dateArb, dateArb)
  .map(([a, b]): [string, string] => (Date.parse(a) <= Date.parse(b) ? [a, b] : [b, a]));

/** Small pools so two notebooks share ids, names and texts often. */
const idArb = (prefix: string) => fc.integer({ min: 0, max: 7 }).map((n) => `${prefix}${n}`);
const LEAVES = ['actors', 'Actors', 'us', 'US', 'stance', 'دری', 'Дари', '🙂 mood', 'a b', 'x.y'];
const colorArb = fc.constantFrom(...HIGHLIGHT_COLORS);

const SHARED_TEXTS = [
  'Kabul is beautiful 🙂',
  '«کابل زیبا است»\nNotes in Dari and English.',
  'שלום — a "quoted" line\n\tindented',
];

const documentArb: fc.Arbitrary<NotebookDocument> = fc
  .record({
    id: idArb('d'),
    title: freeText,
    author: freeText,
    source: freeText,
    url: fc.constantFrom('', 'https://example.org/a?b=1&c=2'),
    publishedDate: fc.constantFrom('', '2025-09-21'),
    importedAt: dateArb,
    // Often one of a few texts, so that two notebooks hold the same document under two ids.
    text: fc.oneof(fc.constantFrom(...SHARED_TEXTS), textArb(80)),
    seed: fc.option(fc.constant(true), { nil: undefined }),
  })
  .map(({ seed, ...d }) => ({
    ...d,
    // Texts repeat, so hashes do: the same text is the same document.
    contentHash: `h-${[...d.text].reduce((h, c) => (h * 31 + c.codePointAt(0)!) % 1_000_003, 7)}`,
    blocks: [{ type: 'paragraph' as const, start: 0, end: d.text.length }],
    marks: [],
    ...(seed ? { seed } : {}),
  }));

const tagsArb: fc.Arbitrary<Tag[]> = fc
  .array(
    fc.record({
      // Sometimes a re-created parent's id, which a merge matches by name only.
      id: fc.oneof(idArb('t'), idArb('tag-restored-')),
      leaf: fc.constantFrom(...LEAVES),
      parent: fc.option(fc.nat(), { nil: null }),
      color: colorArb,
      description: freeText,
      createdAt: dateArb,
    }),
    { maxLength: 8 },
  )
  .map((specs) => {
    const tags: Tag[] = [];
    for (const { id, leaf, parent, ...rest } of specs) {
      const under = parent === null || tags.length === 0 ? null : tags[parent % tags.length]!;
      const name = under ? `${under.name}/${leaf}` : leaf;
      if (tags.some((t) => t.id === id) || findTagNamed(tags, name)) continue;
      tags.push({ id, name, ...rest });
    }
    return tags;
  });

/** A notebook valid by construction: quotes match their text, references exist. */
const notebookArb: fc.Arbitrary<StoreData> = fc
  .record({
    documents: fc.uniqueArray(documentArb, { selector: (d) => d.id, maxLength: 4 }),
    tags: tagsArb,
    seeded: fc.boolean(),
  })
  .chain(({ documents, tags, seeded }) => {
    const quote =
      documents.length === 0
        ? fc.constant(null)
        : fc
            .record({
              id: idArb('q'),
              doc: fc.constantFrom(...documents),
              a: fc.nat(),
              b: fc.nat(),
              color: colorArb,
              tagIds: fc.subarray(tags.map((t) => t.id)),
              comment: freeText,
              dates: datePair,
              orphan: fc.option(fc.constant(true), { nil: undefined }),
            })
            .map(({ id, doc, a, b, color, tagIds, comment, dates, orphan }): Annotation => {
              const length = doc.text.length;
              const start = a % length;
              const end = start + 1 + (b % (length - start));
              const { position, quote } = describeRange(doc.text, start, end);
              return {
                id,
                documentId: doc.id,
                target: { documentId: doc.id, position, quote },
                color,
                tagIds,
                comment,
                createdAt: dates[0],
                updatedAt: dates[1],
                ...(orphan ? { orphan } : {}),
              };
            });
    return fc
      .uniqueArray(quote, { selector: (q) => q?.id, maxLength: documents.length === 0 ? 0 : 6 })
      .chain((quotes) => {
        const annotations = quotes.filter((q): q is Annotation => q !== null);
        const note: fc.Arbitrary<Note> = fc
          .record({
            id: idArb('n'),
            title: freeText,
            body: freeText,
            tagIds: fc.subarray(tags.map((t) => t.id)),
            annotationIds: fc.subarray([...annotations.map((a) => a.id), 'q-deleted']),
            documentId: fc.constantFrom(null, ...documents.map((d) => d.id)),
            dates: datePair,
          })
          .map(({ dates, ...n }) => ({ ...n, createdAt: dates[0], updatedAt: dates[1] }));
        return fc.uniqueArray(note, { selector: (n) => n.id, maxLength: 4 }).map(
          (notes): StoreData => ({
            schemaVersion: SCHEMA_VERSION,
            documents,
            annotations,
            tags,
            notes,
            collections: [],
            rounds: [],
            quarantine: [],
            meta: { seeded },
          }),
        );
      });
  });

/** A later edit of some of a notebook's records: what a backup from another device holds. */
const editedArb = (data: StoreData): fc.Arbitrary<StoreData> =>
  fc
    .record({
      keep: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
      edit: fc.array(fc.constantFrom('none', 'newer', 'older', 'tie'), {
        minLength: 32,
        maxLength: 32,
      }),
      comment: freeText,
      leaf: fc.constantFrom(...LEAVES),
    })
    .map(({ keep, edit, comment, leaf }) => {
      const stamp = (at: string, kind: string) =>
        kind === 'newer'
          ? new Date(Date.parse(at) + 60_000).toISOString()
          : kind === 'older'
            ? new Date(Date.parse(at) - 60_000).toISOString()
            : at;
      const documents = data.documents.filter((_, i) => keep[i % 32]);
      const ids = new Set(documents.map((d) => d.id));
      const annotations = data.annotations
        .filter((a, i) => ids.has(a.documentId) && keep[(i + 7) % 32])
        .map((a, i) => {
          const kind = edit[i % 32]!;
          return kind === 'none' ? a : { ...a, comment, updatedAt: stamp(a.updatedAt, kind) };
        });
      const tags: Tag[] = [];
      data.tags.forEach((t, i) => {
        const kind = edit[(i + 13) % 32]!;
        if (kind === 'none') {
          tags.push(t);
          return;
        }
        // A rename (of a leaf without children, to a free name) or else a new colour.
        const cut = t.name.lastIndexOf('/');
        const renamed = `${t.name.slice(0, cut + 1)}${leaf}`;
        const others = [...tags, ...data.tags.slice(i + 1)];
        const free = !findTagNamed(others, renamed);
        const parent = data.tags.some((o) => o.name.startsWith(`${t.name}/`));
        tags.push({
          ...t,
          ...(free && !parent ? { name: renamed } : { color: 'orange' as const }),
          createdAt: stamp(t.createdAt, kind),
        });
      });
      const notes = data.notes.map((n, i) => {
        const kind = edit[(i + 21) % 32]!;
        const documentId = n.documentId !== null && ids.has(n.documentId) ? n.documentId : null;
        return kind === 'none' && documentId === n.documentId
          ? n
          : { ...n, documentId, title: comment, updatedAt: stamp(n.updatedAt, kind) };
      });
      return { ...data, documents, annotations, tags, notes };
    });

/** Two notebooks to merge: unrelated (sharing ids, names and texts by chance) or one edited. */
const pairArb: fc.Arbitrary<[StoreData, StoreData]> = fc.oneof(
  fc.tuple(notebookArb, notebookArb),
  notebookArb.chain((data) =>
    editedArb(data).map((edited): [StoreData, StoreData] => [data, edited]),
  ),
  notebookArb.chain((data) =>
    fc
      .tuple(editedArb(data), notebookArb)
      .map(([edited, other]): [StoreData, StoreData] => [data, combine(edited, other)]),
  ),
);

/** Two valid notebooks in one, the first winning on ids and names. */
function combine(a: StoreData, b: StoreData): StoreData {
  const has = (list: { id: string }[], id: string) => list.some((r) => r.id === id);
  const documents = [...a.documents, ...b.documents.filter((d) => !has(a.documents, d.id))];
  const fromB = new Set(b.documents.filter((d) => !has(a.documents, d.id)).map((d) => d.id));
  const tags = [...a.tags];
  for (const t of b.tags)
    if (!has(tags, t.id) && !findTagNamed(tags, t.name) && !t.name.includes('/')) tags.push(t);
  const tagIds = new Set(tags.map((t) => t.id));
  const ownTags = <H extends { tagIds: string[] }>(h: H) => ({
    ...h,
    tagIds: h.tagIds.filter((t) => tagIds.has(t) && has(b.tags, t) && !has(a.tags, t)),
  });
  return {
    ...a,
    documents,
    tags,
    annotations: [
      ...a.annotations,
      ...b.annotations
        .filter((x) => fromB.has(x.documentId) && !has(a.annotations, x.id))
        .map(ownTags),
    ],
    notes: [
      ...a.notes,
      ...b.notes
        .filter((n) => !has(a.notes, n.id))
        .map((n) => ({ ...ownTags(n), documentId: null })),
    ],
  };
}

const nothingNew = (preview: RestorePreview) =>
  RESTORE_KINDS.every((k) => preview[k].added === 0 && preview[k].updated === 0);

function expectSound(data: StoreData) {
  expect(storeDataSchema.parse(data)).toEqual(data);
  expect(codebookProblems(data)).toEqual([]);
  const documents = new Set(data.documents.map((d) => d.id));
  for (const a of data.annotations) expect(documents.has(a.documentId)).toBe(true);
  for (const n of data.notes)
    if (n.documentId !== null) expect(documents.has(n.documentId)).toBe(true);
  for (const kind of RESTORE_KINDS) {
    const ids = data[kind].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  }
}

describe('backup and restore properties', () => {
  it('generates valid notebooks', () => {
    fc.assert(
      fc.property(notebookArb, (data) => {
        expectSound(data);
        for (const a of data.annotations) {
          const text = data.documents.find((d) => d.id === a.documentId)!.text;
          const { start, end } = a.target.position!;
          expect(text.slice(start, end)).toBe(a.target.quote!.exact);
        }
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(pairArb, ([current, incoming]) => {
        expectSound(current);
        expectSound(incoming);
      }),
      { numRuns: 100 },
    );
  });

  it('streams pieces that join to the pretty-printed whole', () => {
    fc.assert(
      fc.property(notebookArb, (data) => {
        expect(backupOf(data)).toBe(JSON.stringify(expectedBackup(data), null, 2));
      }),
      { numRuns: 100 },
    );
  });

  it('backup → parse → replace into an empty notebook gives the notebook back', () => {
    fc.assert(
      fc.property(notebookArb, (data) => {
        const parsed = parseBackup(backupOf(data), { migrate });
        expect(parsed.problems).toEqual([]);
        const plan = planRestore(emptyStore(), parsed.data, 'replace');
        expect(byId(plan.data)).toEqual(byId(data));
      }),
      { numRuns: 100 },
    );
  });

  it('backup → parse → replace → a real store on disk gives the notebook back', async () => {
    await fc.assert(
      fc.asyncProperty(notebookArb, async (data) => {
        const plan = planRestore(
          emptyStore(),
          parseBackup(backupOf(data), { migrate }).data,
          'replace',
        );
        const dir = await tempDir();
        const store = await openStore(dir, { writeDelayMs: 0 });
        store.change((d) => Object.assign(d, plan.data));
        await store.close();
        const reopened = await openStore(dir, { writeDelayMs: 0 });
        try {
          expect(byId(reopened.data)).toEqual(byId(data));
        } finally {
          await reopened.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('merging into an empty notebook gives the backup', () => {
    fc.assert(
      fc.property(notebookArb, (data) => {
        const plan = planRestore(emptyStore(), data, 'merge', { now: NOW });
        expect(plan.data).toEqual(data);
        expect(plan.preview.problems).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('merging is idempotent', () => {
    fc.assert(
      fc.property(pairArb, ([current, incoming]) => {
        const once = planRestore(current, incoming, 'merge', { now: NOW });
        const twice = planRestore(once.data, incoming, 'merge', { now: NOW });
        expect(twice.data).toEqual(once.data);
        expect(nothingNew(twice.preview)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('planning a merge or a replace leaves both notebooks as they were', () => {
    fc.assert(
      fc.property(pairArb, ([current, incoming]) => {
        const before = structuredClone([current, incoming]);
        for (const mode of ['merge', 'replace'] as const)
          planRestore(current, incoming, mode, { now: NOW });
        expect([current, incoming]).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('a merge keeps the notebook sound and counts every record', () => {
    fc.assert(
      fc.property(pairArb, ([current, incoming]) => {
        const { data, preview } = planRestore(current, incoming, 'merge', { now: NOW });
        expectSound(data);
        for (const kind of RESTORE_KINDS) {
          const c = preview[kind];
          const ids = new Set(current[kind].map((r) => r.id));
          const shared = incoming[kind].filter((r) => ids.has(r.id)).length;
          // Every current record is kept, updated or unchanged; every new one added or matched.
          expect(c.kept + c.updated + c.unchanged).toBe(current[kind].length);
          expect(c.removed).toBe(0);
          if (kind === 'documents' || kind === 'tags')
            expect(c.added + c.matched).toBeGreaterThanOrEqual(incoming[kind].length - shared);
          else expect(c.added).toBe(incoming[kind].length - shared);
          expect(data[kind].length).toBe(current[kind].length + c.added);
        }
        // Nothing of the notebook is lost: every record is there, as it was or newer.
        for (const kind of RESTORE_KINDS) {
          const result = new Set(data[kind].map((r) => r.id));
          for (const r of current[kind]) expect(result.has(r.id)).toBe(true);
        }
        // A re-created parent of yours keeps its name: the backup's is matched by name only.
        for (const t of current.tags)
          if (t.id.startsWith('tag-restored-'))
            expect(data.tags.find((x) => x.id === t.id)!.name.toLowerCase()).toBe(
              t.name.toLowerCase(),
            );
      }),
      { numRuns: 100 },
    );
  });
});
