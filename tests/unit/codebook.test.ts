import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import {
  applyTagUndo,
  type Codebook,
  codebookProblems,
  deleteTag,
  ensureTagPath,
  findTagNamed,
  mergeTags,
  moveTag,
  parentPath,
  renameTag,
  restoreTagSnapshot,
  retagHolders,
  snapshotTags,
  subtreeOf,
  type TagFactory,
  type TagHolder,
  type TagSnapshot,
  tagTree,
  tagUsage,
  undoSince,
} from '../../shared/codebook.ts';
import type { HighlightColor } from '../../shared/colors.ts';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract.ts';
import type { Annotation, Note, Tag } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const NOW = '2024-03-01T12:00:00.000Z';

function factory(prefix = 'new'): TagFactory {
  let n = 0;
  return { newId: () => `${prefix}${++n}`, now: () => NOW };
}

const tag = (id: string, name: string, color: HighlightColor): Tag => ({
  id,
  name,
  color,
  description: '',
  createdAt: '2024-01-01T00:00:00.000Z',
});

/**
 * actors                              (actors)
 *   actors/afghan                     (afghan)
 *     actors/afghan/defence-ministry  (mod)
 *     actors/afghan/intelligence      (nds)
 *   actors/us                         (us)
 *     actors/us/president             (potus)
 * themes                              (themes)
 *   themes/sovereignty                (sov)
 *   themes/threat                     (threat)
 */
function sampleBook(): Codebook {
  return {
    tags: [
      tag('actors', 'actors', 'blue'),
      tag('afghan', 'actors/afghan', 'green'),
      tag('mod', 'actors/afghan/defence-ministry', 'green'),
      tag('nds', 'actors/afghan/intelligence', 'green'),
      tag('us', 'actors/us', 'pink'),
      tag('potus', 'actors/us/president', 'pink'),
      tag('themes', 'themes', 'yellow'),
      tag('sov', 'themes/sovereignty', 'yellow'),
      tag('threat', 'themes/threat', 'orange'),
    ],
    annotations: [
      { id: 'q1', tagIds: ['afghan', 'mod'] },
      { id: 'q2', tagIds: ['mod', 'nds'] },
      { id: 'q3', tagIds: ['nds', 'threat'] },
      { id: 'q4', tagIds: ['us', 'potus'] },
      { id: 'q5', tagIds: ['potus', 'sov'] },
      { id: 'q6', tagIds: ['actors'] },
      { id: 'q7', tagIds: [] },
    ],
    notes: [
      { id: 'n1', tagIds: ['afghan', 'sov'] },
      { id: 'n2', tagIds: ['threat'] },
      { id: 'n3', tagIds: [] },
    ],
  };
}

const names = (book: Codebook) => book.tags.map((t) => t.name).sort();
const nameOf = (book: Codebook, id: string) => book.tags.find((t) => t.id === id)?.name;
const tagsOf = (holders: TagHolder[]) => Object.fromEntries(holders.map((h) => [h.id, h.tagIds]));
const byId = (tags: readonly Tag[]) => [...tags].sort((a, b) => a.id.localeCompare(b.id));
const touching = (ids: Iterable<string>) => {
  const set = new Set(ids);
  return (holder: TagHolder) => holder.tagIds.some((t) => set.has(t));
};

function expectNotebookError(run: () => unknown, code: string, message?: RegExp) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(NotebookError);
  expect((caught as NotebookError).code).toBe(code);
  if (message) expect((caught as NotebookError).message).toMatch(message);
}

// ---------------------------------------------------------------------------------------------
// A. Pure operations
// ---------------------------------------------------------------------------------------------

describe('codebookProblems', () => {
  it('finds nothing wrong with the sample codebook', () => {
    expect(codebookProblems(sampleBook())).toEqual([]);
  });

  it('reports every kind of broken invariant (so the property tests can fail)', () => {
    const book = sampleBook();
    book.tags.push(tag('dup', 'Themes/Threat', 'blue'));
    book.tags.push(tag('orphan', 'places/kabul', 'blue'));
    book.tags.push(tag('actors', 'another', 'blue'));
    book.annotations[6]!.tagIds = ['ghost'];
    book.notes[2]!.tagIds = ['sov', 'sov'];
    expect(codebookProblems(book)).toEqual([
      'duplicate tag ids',
      'duplicate name "Themes/Threat"',
      '"places/kabul" has no parent tag',
      'quote q7 refers to missing tag ghost',
      'note n3 repeats a tag',
    ]);
  });
});

describe('ensureTagPath', () => {
  it('creates the missing ancestors, which inherit the colour of the nearest existing one', () => {
    const book = sampleBook();
    const made = ensureTagPath(book, 'actors/afghan/taliban/leadership', factory());
    expect(made).toMatchObject({
      id: 'new2',
      name: 'actors/afghan/taliban/leadership',
      color: 'green',
      description: '',
      createdAt: NOW,
    });
    expect(book.tags).toHaveLength(11);
    expect(book.tags.slice(9).map((t) => [t.id, t.name, t.color])).toEqual([
      ['new1', 'actors/afghan/taliban', 'green'],
      ['new2', 'actors/afghan/taliban/leadership', 'green'],
    ]);
    expect(codebookProblems(book)).toEqual([]);
  });

  it('takes the palette colour for a new top-level tag and passes it down', () => {
    const book = sampleBook();
    // Nine tags exist, so the new root gets palette colour 9 % 6 = 3 (pink).
    const kabul = ensureTagPath(book, 'places/kabul', factory());
    expect(nameOf(book, 'new1')).toBe('places');
    expect(book.tags.find((t) => t.id === 'new1')?.color).toBe('pink');
    expect(kabul.color).toBe('pink');
  });

  it('uses an explicit colour for every tag it creates', () => {
    const book = sampleBook();
    ensureTagPath(book, 'places/kabul', factory(), 'purple');
    expect(book.tags.slice(9).map((t) => t.color)).toEqual(['purple', 'purple']);
  });

  it('finds existing tags ignoring case and spacing, creating nothing', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    expect(ensureTagPath(book, 'Actors/AFGHAN', factory()).id).toBe('afghan');
    expect(ensureTagPath(book, '  themes /  threat ', factory()).id).toBe('threat');
    expect(ensureTagPath(book, 'THEMES', factory(), 'purple').color).toBe('yellow');
    expect(book).toEqual(before);
  });

  it('refuses an empty name instead of creating a tag called ""', () => {
    const book = sampleBook();
    expectNotebookError(() => ensureTagPath(book, '   ', factory()), 'invalid-input');
    expect(book.tags).toHaveLength(9);
  });

  it('spells a new child with its existing parent’s name', () => {
    const book = sampleBook();
    const made = ensureTagPath(book, 'Actors/New', factory());
    expect(made.name).toBe('actors/New');
  });
});

describe('renameTag', () => {
  it('renames a leaf, keeping its id and every reference', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    const renamed = renameTag(book, 'nds', 'actors/afghan/NDS', factory());
    expect(renamed.id).toBe('nds');
    expect(nameOf(book, 'nds')).toBe('actors/afghan/NDS');
    expect(book.tags.map((t) => t.id)).toEqual(before.tags.map((t) => t.id));
    expect(book.annotations).toEqual(before.annotations);
    expect(book.notes).toEqual(before.notes);
  });

  it('renames a parent and its descendants follow, ids and references unchanged', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    renameTag(book, 'afghan', 'actors/afghanistan', factory());
    expect(book.tags.map((t) => [t.id, t.name])).toEqual([
      ['actors', 'actors'],
      ['afghan', 'actors/afghanistan'],
      ['mod', 'actors/afghanistan/defence-ministry'],
      ['nds', 'actors/afghanistan/intelligence'],
      ['us', 'actors/us'],
      ['potus', 'actors/us/president'],
      ['themes', 'themes'],
      ['sov', 'themes/sovereignty'],
      ['threat', 'themes/threat'],
    ]);
    expect(book.annotations).toEqual(before.annotations);
    expect(book.notes).toEqual(before.notes);
    expect(codebookProblems(book)).toEqual([]);
  });

  it('renames when only the case changes, descendants included', () => {
    const book = sampleBook();
    renameTag(book, 'actors', 'Actors', factory());
    expect(names(book).filter((n) => n.toLowerCase().startsWith('actors'))).toEqual([
      'Actors',
      'Actors/afghan',
      'Actors/afghan/defence-ministry',
      'Actors/afghan/intelligence',
      'Actors/us',
      'Actors/us/president',
    ]);
    expect(book.tags).toHaveLength(9);
    expect(codebookProblems(book)).toEqual([]);
  });

  it('is a no-op for the same name after normalising', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    expect(renameTag(book, 'threat', ' themes / threat ', factory()).id).toBe('threat');
    expect(book).toEqual(before);
  });

  it.each([
    ['a leaf onto another tag', 'us', 'actors/afghan'],
    ['ignoring case', 'us', 'THEMES/Threat'],
    ['a parent onto a top-level tag', 'afghan', 'themes'],
  ])('refuses to rename %s (conflict) and changes nothing', (_label, id, name) => {
    const book = sampleBook();
    const before = structuredClone(book);
    expectNotebookError(() => renameTag(book, id, name, factory()), 'conflict', /Merge/);
    expect(book).toEqual(before);
  });

  it('refuses to rename a tag into its own subtree and changes nothing', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    expectNotebookError(
      () => renameTag(book, 'actors', 'Actors/afghan/actors', factory()),
      'invalid-input',
      /inside itself/,
    );
    expect(book).toEqual(before);
  });

  it('refuses an unknown id', () => {
    expectNotebookError(() => renameTag(sampleBook(), 'nope', 'x', factory()), 'not-found');
  });

  it('creates the missing ancestors of a new path in the moved tag’s colour', () => {
    const book = sampleBook();
    renameTag(book, 'threat', 'frames/security/threat', factory());
    expect(nameOf(book, 'threat')).toBe('frames/security/threat');
    expect(book.tags.slice(9).map((t) => [t.id, t.name, t.color])).toEqual([
      ['new1', 'frames', 'orange'],
      ['new2', 'frames/security', 'orange'],
    ]);
    expect(codebookProblems(book)).toEqual([]);
  });
});

describe('moveTag', () => {
  it('moves a tag and its subtree under another parent', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    const moved = moveTag(book, 'us', 'themes', factory());
    expect(moved.name).toBe('themes/us');
    expect(nameOf(book, 'potus')).toBe('themes/us/president');
    expect(book.tags).toHaveLength(9);
    expect(book.annotations).toEqual(before.annotations);
    expect(codebookProblems(book)).toEqual([]);
  });

  it('moves a tag to the top level', () => {
    const book = sampleBook();
    moveTag(book, 'nds', null, factory());
    expect(nameOf(book, 'nds')).toBe('intelligence');
    expect(nameOf(book, 'afghan')).toBe('actors/afghan');
    expect(book.tags).toHaveLength(9);
  });

  it('is a no-op when the tag already sits there', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    moveTag(book, 'afghan', 'actors', factory());
    moveTag(book, 'themes', null, factory());
    expect(book).toEqual(before);
  });

  it.each([
    ['under its own child', 'actors', 'afghan'],
    ['under its own grandchild', 'actors', 'mod'],
    ['under itself', 'afghan', 'afghan'],
  ])('refuses to move a tag %s and changes nothing', (_label, id, parentId) => {
    const book = sampleBook();
    const before = structuredClone(book);
    expectNotebookError(() => moveTag(book, id, parentId, factory()), 'invalid-input');
    expect(book).toEqual(before);
  });

  it('refuses a move whose leaf name is taken at the destination', () => {
    const book = sampleBook();
    ensureTagPath(book, 'themes/us', factory());
    const before = structuredClone(book);
    expectNotebookError(() => moveTag(book, 'us', 'themes', factory()), 'conflict');
    expect(book).toEqual(before);
  });

  it('refuses an unknown parent', () => {
    expectNotebookError(() => moveTag(sampleBook(), 'us', 'nope', factory()), 'not-found');
  });
});

describe('mergeTags', () => {
  it('merges a leaf into a leaf: holders carry the survivor once', () => {
    const book = sampleBook();
    const survivor = mergeTags(book, 'nds', 'mod', factory());
    expect(survivor.id).toBe('mod');
    expect(book.tags.map((t) => t.id)).not.toContain('nds');
    expect(book.tags).toHaveLength(8);
    expect(tagsOf(book.annotations)).toEqual({
      q1: ['afghan', 'mod'],
      q2: ['mod'], // had both: no duplicate
      q3: ['mod', 'threat'],
      q4: ['us', 'potus'],
      q5: ['potus', 'sov'],
      q6: ['actors'],
      q7: [],
    });
    expect(codebookProblems(book)).toEqual([]);
  });

  it('merges a parent recursively: colliding children merge, the rest move', () => {
    const book = sampleBook();
    const f = factory();
    const cia = ensureTagPath(book, 'actors/us/intelligence', f);
    const station = ensureTagPath(book, 'actors/us/intelligence/kabul-station', f);
    const nds = ensureTagPath(book, 'actors/afghan/intelligence/kabul-station', f);
    book.annotations.push({ id: 'q8', tagIds: [cia.id, 'nds'] });
    book.annotations.push({ id: 'q9', tagIds: [station.id] });
    book.notes.push({ id: 'n4', tagIds: ['us', cia.id] });

    mergeTags(book, 'us', 'afghan', f);

    expect(book.tags.map((t) => [t.id, t.name])).toEqual([
      ['actors', 'actors'],
      ['afghan', 'actors/afghan'],
      ['mod', 'actors/afghan/defence-ministry'],
      ['nds', 'actors/afghan/intelligence'],
      ['potus', 'actors/afghan/president'],
      ['themes', 'themes'],
      ['sov', 'themes/sovereignty'],
      ['threat', 'themes/threat'],
      [nds.id, 'actors/afghan/intelligence/kabul-station'],
    ]);
    expect(tagsOf(book.annotations)).toMatchObject({
      q4: ['afghan', 'potus'],
      q5: ['potus', 'sov'],
      q8: ['nds'],
      q9: [nds.id],
    });
    expect(tagsOf(book.notes)).toMatchObject({ n4: ['afghan', 'nds'] });
    expect(codebookProblems(book)).toEqual([]);
  });

  it('merges a child into its parent: grandchildren move up', () => {
    const book = sampleBook();
    mergeTags(book, 'afghan', 'actors', factory());
    expect(nameOf(book, 'mod')).toBe('actors/defence-ministry');
    expect(nameOf(book, 'nds')).toBe('actors/intelligence');
    expect(nameOf(book, 'afghan')).toBeUndefined();
    expect(tagsOf(book.annotations)).toMatchObject({ q1: ['actors', 'mod'], q6: ['actors'] });
    expect(tagsOf(book.notes)).toMatchObject({ n1: ['actors', 'sov'] });
    expect(codebookProblems(book)).toEqual([]);
  });

  it.each([
    ['its own child', 'actors', 'afghan'],
    ['its own grandchild', 'actors', 'potus'],
    ['itself', 'threat', 'threat'],
  ])('refuses to merge a tag into %s and changes nothing', (_label, sourceId, targetId) => {
    const book = sampleBook();
    const before = structuredClone(book);
    expectNotebookError(() => mergeTags(book, sourceId, targetId, factory()), 'invalid-input');
    expect(book).toEqual(before);
  });

  it('refuses unknown ids and changes nothing', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    expectNotebookError(() => mergeTags(book, 'nope', 'us', factory()), 'not-found');
    expectNotebookError(() => mergeTags(book, 'us', 'nope', factory()), 'not-found');
    expect(book).toEqual(before);
  });

  it('merges a child into its parent when a grandchild shares the child’s name', () => {
    const f = factory();
    const book: Codebook = { tags: [], annotations: [], notes: [] };
    const top = ensureTagPath(book, 'a', f);
    const mid = ensureTagPath(book, 'a/a', f);
    const low = ensureTagPath(book, 'a/a/a', f);
    const leaf = ensureTagPath(book, 'a/a/a/z', f);
    book.annotations.push({ id: 'q', tagIds: [low.id, leaf.id] });
    mergeTags(book, mid.id, top.id, f);
    expect(codebookProblems(book)).toEqual([]);
    expect(book.tags.map((t) => [t.id, t.name])).toEqual([
      [top.id, 'a'],
      [low.id, 'a/a'],
      [leaf.id, 'a/a/z'],
    ]);
    expect(book.annotations[0]!.tagIds).toEqual([low.id, leaf.id]);
  });
});

describe('deleteTag', () => {
  it('deletes a parent with its subtree and removes them from every quote and note', () => {
    const book = sampleBook();
    const removed = deleteTag(book, 'afghan');
    expect(removed.map((t) => t.id)).toEqual(['afghan', 'mod', 'nds']);
    expect(names(book)).toEqual([
      'actors',
      'actors/us',
      'actors/us/president',
      'themes',
      'themes/sovereignty',
      'themes/threat',
    ]);
    expect(tagsOf(book.annotations)).toEqual({
      q1: [],
      q2: [],
      q3: ['threat'],
      q4: ['us', 'potus'],
      q5: ['potus', 'sov'],
      q6: ['actors'],
      q7: [],
    });
    expect(tagsOf(book.notes)).toEqual({ n1: ['sov'], n2: ['threat'], n3: [] });
    expect(codebookProblems(book)).toEqual([]);
  });

  it('deletes a leaf only', () => {
    const book = sampleBook();
    expect(deleteTag(book, 'threat').map((t) => t.name)).toEqual(['themes/threat']);
    expect(book.tags).toHaveLength(8);
    expect(tagsOf(book.notes).n2).toEqual([]);
  });

  it('refuses an unknown id and changes nothing', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    expectNotebookError(() => deleteTag(book, 'nope'), 'not-found');
    expect(book).toEqual(before);
  });
});

describe('retagHolders', () => {
  it('adds and removes tags on the chosen holders only, without duplicates', () => {
    const book = sampleBook();
    retagHolders(book.annotations, new Set(['q3', 'q6', 'q7']), ['threat', 'sov'], ['actors']);
    expect(tagsOf(book.annotations)).toEqual({
      q1: ['afghan', 'mod'],
      q2: ['mod', 'nds'],
      q3: ['nds', 'threat', 'sov'],
      q4: ['us', 'potus'],
      q5: ['potus', 'sov'],
      q6: ['threat', 'sov'],
      q7: ['threat', 'sov'],
    });
  });

  it('lets a removal win over an addition of the same tag', () => {
    const book = sampleBook();
    retagHolders(book.annotations, new Set(['q1']), ['threat'], ['threat', 'mod']);
    expect(tagsOf(book.annotations).q1).toEqual(['afghan']);
  });
});

type Operation = (book: Codebook) => unknown;

describe('snapshotTags and restoreTagSnapshot (undo)', () => {
  const f = factory('re');

  it('copies what it saves, so later changes do not leak into the snapshot', () => {
    const book = sampleBook();
    const snapshot = snapshotTags(book, touching(['nds']));
    expect(snapshot.annotations).toEqual([
      { id: 'q2', tagIds: ['mod', 'nds'] },
      { id: 'q3', tagIds: ['nds', 'threat'] },
    ]);
    expect(snapshot.notes).toEqual([]);
    book.tags[0]!.name = 'changed';
    book.annotations[1]!.tagIds.push('x');
    expect(snapshot.tags[0]!.name).toBe('actors');
    expect(snapshot.annotations[0]!.tagIds).toEqual(['mod', 'nds']);
  });

  type Touches = (book: Codebook) => (holder: TagHolder) => boolean;
  const subtrees: (...roots: string[]) => Touches =
    (...roots) =>
    (book) =>
      touching(
        roots.flatMap((id) =>
          subtreeOf(book.tags, book.tags.find((t) => t.id === id)!).map((t) => t.id),
        ),
      );
  /** [label, setup before the snapshot, what the undo saves (as the service does), operation] */
  const cases: [string, Operation, Touches, Operation][] = [
    ['delete of a parent', () => {}, subtrees('afghan'), (b) => deleteTag(b, 'afghan')],
    [
      'recursive merge',
      (book) => {
        const cia = ensureTagPath(book, 'actors/us/intelligence', factory('cia'));
        book.annotations[6]!.tagIds = [cia.id, 'nds'];
        book.notes[2]!.tagIds = [cia.id];
      },
      subtrees('us', 'afghan'),
      (b) => mergeTags(b, 'us', 'afghan', f),
    ],
    [
      'retag',
      () => {},
      () => (h) => ['q1', 'q5', 'q7'].includes(h.id),
      (b) =>
        retagHolders(b.annotations, new Set(['q1', 'q5', 'q7']), ['threat'], ['afghan', 'potus']),
    ],
    [
      'rename of a parent',
      () => {},
      () => () => false,
      (b) => renameTag(b, 'actors', 'Players', f),
    ],
    ['move to the top level', () => {}, () => () => false, (b) => moveTag(b, 'us', null, f)],
  ];

  it.each(cases)(
    'puts back exactly the tags and tag lists after a %s',
    (_l, setup, touches, op) => {
      const book = sampleBook();
      setup(book);
      const before = structuredClone(book);
      const snapshot = snapshotTags(book, touches(book));
      op(book);
      expect(book).not.toEqual(before);
      restoreTagSnapshot(book, snapshot, f);
      // Re-created tags go to the end of the list; compare by id.
      expect(byId(book.tags)).toEqual(byId(before.tags));
      expect(book.annotations).toEqual(before.annotations);
      expect(book.notes).toEqual(before.notes);
      expect(codebookProblems(book)).toEqual([]);
    },
  );

  it('puts back a merge exactly, holders included', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    const snapshot = snapshotTags(book, touching(['nds', 'mod']));
    mergeTags(book, 'nds', 'mod', f);
    restoreTagSnapshot(book, snapshot, f);
    expect(byId(book.tags)).toEqual(byId(before.tags));
    expect(book.annotations).toEqual(before.annotations);
    expect(book.notes).toEqual(before.notes);
  });

  it('puts back a rename in place (same order, same holders)', () => {
    const book = sampleBook();
    const before = structuredClone(book);
    const snapshot = snapshotTags(book, () => false);
    renameTag(book, 'afghan', 'actors/afghanistan', f);
    restoreTagSnapshot(book, snapshot, f);
    expect(book).toEqual(before);
  });

  it('keeps ancestors the operation created (tags made since are kept)', () => {
    const book = sampleBook();
    const snapshot = snapshotTags(book, () => false);
    const g = factory('anc');
    renameTag(book, 'threat', 'frames/threat', g);
    restoreTagSnapshot(book, snapshot, g);
    expect(nameOf(book, 'threat')).toBe('themes/threat');
    expect(nameOf(book, 'anc1')).toBe('frames');
    expect(book.tags).toHaveLength(10);
  });

  it('renames a tag that took a restored name meanwhile to "… (restored)"', () => {
    const book = sampleBook();
    const snapshot = snapshotTags(book, touching(['threat']));
    deleteTag(book, 'threat');
    const g = factory('since');
    const newer = ensureTagPath(book, 'Themes/Threat', g);
    retagHolders(book.annotations, new Set(['q7']), [newer.id], []);

    restoreTagSnapshot(book, snapshot, g);

    expect(nameOf(book, 'threat')).toBe('themes/threat');
    expect(nameOf(book, newer.id)).toBe('themes/Threat (restored)');
    expect(tagsOf(book.annotations)).toMatchObject({ q3: ['nds', 'threat'], q7: [newer.id] });
    expect(tagsOf(book.notes).n2).toEqual(['threat']);
    expect(book.tags).toHaveLength(10);
    expect(codebookProblems(book)).toEqual([]);
  });

  it('drops references to tags that no longer exist when restoring holders', () => {
    const book = sampleBook();
    const snapshot = snapshotTags(book, touching(['threat']));
    deleteTag(book, 'threat');
    // A snapshot handed back by the renderer may reference a tag deleted since.
    const doctored: TagSnapshot = {
      ...snapshot,
      annotations: [{ id: 'q3', tagIds: ['nds', 'threat', 'gone'] }],
    };
    restoreTagSnapshot(book, doctored, f);
    expect(tagsOf(book.annotations).q3).toEqual(['nds', 'threat']);
    expect(codebookProblems(book)).toEqual([]);
  });

  it('keeps names unique when "(restored)" is already taken', () => {
    const g = factory('t');
    const book: Codebook = { tags: [], annotations: [], notes: [] };
    const a = ensureTagPath(book, 'a', g);
    for (let round = 0; round < 2; round++) {
      const snapshot = snapshotTags(book, () => true);
      deleteTag(book, a.id);
      ensureTagPath(book, 'a', g);
      restoreTagSnapshot(book, snapshot, g);
    }
    expect(codebookProblems(book)).toEqual([]);
  });
});

describe('tagUsage', () => {
  it('counts own quotes, distinct quotes within (rolled up) and notes', () => {
    const usage = tagUsage(sampleBook());
    expect(usage.size).toBe(9);
    expect(Object.fromEntries(usage)).toEqual({
      // q6 itself; within: q1–q6 (q1 carries afghan and its child mod, counted once)
      actors: { quotes: 1, quotesWithin: 6, notes: 0, notesWithin: 1 },
      afghan: { quotes: 1, quotesWithin: 3, notes: 1, notesWithin: 1 },
      mod: { quotes: 2, quotesWithin: 2, notes: 0, notesWithin: 0 },
      nds: { quotes: 2, quotesWithin: 2, notes: 0, notesWithin: 0 },
      us: { quotes: 1, quotesWithin: 2, notes: 0, notesWithin: 0 },
      potus: { quotes: 2, quotesWithin: 2, notes: 0, notesWithin: 0 },
      // notes roll up too: n1 (sov) and n2 (threat) are both within themes
      themes: { quotes: 0, quotesWithin: 2, notes: 0, notesWithin: 2 },
      sov: { quotes: 1, quotesWithin: 1, notes: 1, notesWithin: 1 },
      threat: { quotes: 1, quotesWithin: 1, notes: 1, notesWithin: 1 },
    });
  });

  it('counts a quote tagged with parent and two children once for the parent', () => {
    const book = sampleBook();
    book.annotations = [{ id: 'q', tagIds: ['afghan', 'mod', 'nds'] }];
    book.notes = [];
    const usage = tagUsage(book);
    expect(usage.get('afghan')).toEqual({ quotes: 1, quotesWithin: 1, notes: 0, notesWithin: 0 });
    expect(usage.get('actors')).toEqual({ quotes: 0, quotesWithin: 1, notes: 0, notesWithin: 0 });
    expect(usage.get('us')).toEqual({ quotes: 0, quotesWithin: 0, notes: 0, notesWithin: 0 });
  });

  it('follows a parent whose name differs in case', () => {
    const book = sampleBook();
    book.tags[0]!.name = 'ACTORS';
    expect(tagUsage(book).get('actors')?.quotesWithin).toBe(6);
  });
});

describe('tagTree', () => {
  type Shape = [string, number, Shape[]];
  const shape = (nodes: ReturnType<typeof tagTree>): Shape[] =>
    nodes.map((n) => [n.tag.id, n.depth, shape(n.children)]);

  it('nests tags by path with siblings in name order, whatever the input order', () => {
    const tags = [...sampleBook().tags].reverse();
    expect(shape(tagTree(tags))).toEqual([
      [
        'actors',
        0,
        [
          [
            'afghan',
            1,
            [
              ['mod', 2, []],
              ['nds', 2, []],
            ],
          ],
          ['us', 1, [['potus', 2, []]]],
        ],
      ],
      [
        'themes',
        0,
        [
          ['sov', 1, []],
          ['threat', 1, []],
        ],
      ],
    ]);
  });

  it('shows a tag whose parent is missing at the top level', () => {
    const roots = tagTree([tag('k', 'places/kabul', 'blue'), tag('b', 'beta', 'blue')]);
    expect(shape(roots)).toEqual([
      ['b', 0, []],
      ['k', 1, []],
    ]);
  });

  it('returns nothing for no tags', () => {
    expect(tagTree([])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// B. Properties: random operation sequences never break the invariants
// ---------------------------------------------------------------------------------------------

const SEGMENTS = ['a', 'b', 'c', 'B'] as const;
const pathArb = fc
  .array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'));
/** An index into the current tags, or -1 for an id that does not exist. */
const tagRef = fc.integer({ min: -1, max: 40 });
const QUOTES = 10;
const NOTES = 3;

type Op =
  | { kind: 'create'; path: string }
  | { kind: 'rename'; tag: number; path: string }
  | { kind: 'move'; tag: number; parent: number | null }
  | { kind: 'merge'; source: number; target: number }
  | { kind: 'delete'; tag: number }
  | { kind: 'retag'; notes: boolean; holders: number[]; add: number[]; remove: number[] }
  | { kind: 'undo' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create'), path: pathArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename'), tag: tagRef, path: pathArb }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('move'), tag: tagRef, parent: fc.option(tagRef) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('merge'), source: tagRef, target: tagRef }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete'), tag: tagRef }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('retag'),
      notes: fc.boolean(),
      holders: fc.uniqueArray(fc.nat(QUOTES - 1), { maxLength: 4 }),
      add: fc.array(tagRef, { maxLength: 3 }),
      remove: fc.array(tagRef, { maxLength: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
);

function emptyBook(): Codebook {
  return {
    tags: [],
    annotations: Array.from({ length: QUOTES }, (_, i) => ({ id: `q${i}`, tagIds: [] })),
    notes: Array.from({ length: NOTES }, (_, i) => ({ id: `n${i}`, tagIds: [] })),
  };
}

const _key = (name: string) => name.toLowerCase();

interface RunState {
  lastSnapshot: TagSnapshot | null;
  skipped: number;
  failures: number;
  undos: number;
}

function runOp(book: Codebook, op: Op, f: TagFactory, state: RunState) {
  const idAt = (i: number) =>
    i < 0 || book.tags.length === 0 ? 'tag-missing' : book.tags[i % book.tags.length]!.id;
  const before = structuredClone(book);
  const snapshot = snapshotTags(book, () => true);
  try {
    switch (op.kind) {
      case 'create': {
        const made = ensureTagPath(book, op.path, f);
        expect(findTagNamed(book.tags, op.path)?.id).toBe(made.id);
        break;
      }
      case 'rename': {
        const id = idAt(op.tag);
        renameTag(book, id, op.path, f);
        expect(nameOf(book, id)).toBe(op.path);
        expect(book.annotations).toEqual(before.annotations);
        expect(book.notes).toEqual(before.notes);
        break;
      }
      case 'move': {
        const id = idAt(op.tag);
        const parentId = op.parent === null ? null : idAt(op.parent);
        const moved = moveTag(book, id, parentId, f);
        const parentName = parentId === null ? null : nameOf(book, parentId);
        expect(parentPath(moved.name)).toBe(parentName ?? null);
        expect(book.annotations).toEqual(before.annotations);
        break;
      }
      case 'merge': {
        const sourceId = idAt(op.source);
        const targetId = idAt(op.target);
        mergeTags(book, sourceId, targetId, f);
        expect(nameOf(book, sourceId)).toBeUndefined();
        expect(nameOf(book, targetId)).toBeDefined();
        for (const [now, was] of zip(book, before)) {
          if (was.tagIds.includes(sourceId)) expect(now.tagIds).toContain(targetId);
        }
        break;
      }
      case 'delete': {
        const id = idAt(op.tag);
        const gone = deleteTag(book, id).map((t) => t.id);
        expect(gone).toContain(id);
        for (const t of gone) expect(nameOf(book, t)).toBeUndefined();
        break;
      }
      case 'retag': {
        if (book.tags.length === 0) return;
        const add = op.add.map((i) => idAt(Math.max(i, 0)));
        const remove = op.remove.map((i) => idAt(Math.max(i, 0)));
        const holders = op.notes ? book.notes : book.annotations;
        const chosen = new Set(op.holders.map((i) => holders[i % holders.length]!.id));
        retagHolders(holders, chosen, add, remove);
        for (const h of holders) {
          if (!chosen.has(h.id)) continue;
          for (const t of add) if (!remove.includes(t)) expect(h.tagIds).toContain(t);
          for (const t of remove) expect(h.tagIds).not.toContain(t);
        }
        break;
      }
      case 'undo': {
        const saved = state.lastSnapshot;
        if (!saved) return;
        restoreTagSnapshot(book, saved, f);
        // Every tag of the snapshot is back as it was, and every holder's tags too.
        for (const t of saved.tags) expect(book.tags.find((b) => b.id === t.id)).toEqual(t);
        expect(book.annotations).toEqual(saved.annotations);
        expect(book.notes).toEqual(saved.notes);
        state.lastSnapshot = null;
        state.undos++;
        return;
      }
    }
    state.lastSnapshot = snapshot;
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    state.failures++;
    // An expected failure changes nothing.
    expect(book).toEqual(before);
  }
}

function* zip(book: Codebook, before: Codebook): Generator<[TagHolder, TagHolder]> {
  for (let i = 0; i < book.annotations.length; i++)
    yield [book.annotations[i]!, before.annotations[i]!];
  for (let i = 0; i < book.notes.length; i++) yield [book.notes[i]!, before.notes[i]!];
}

describe('codebook properties', () => {
  it('keeps all three invariants after every step of random operation sequences', () => {
    const totals = { steps: 0, failures: 0, skipped: 0, undos: 0, maxTags: 0 };
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const book = emptyBook();
        const f = factory('p');
        const state: RunState = { lastSnapshot: null, skipped: 0, failures: 0, undos: 0 };
        for (const op of ops) {
          runOp(book, op, f, state);
          expect(codebookProblems(book)).toEqual([]);
          expect(book.annotations.map((h) => h.id)).toEqual(
            Array.from({ length: QUOTES }, (_, i) => `q${i}`),
          );
          expect(book.notes.map((h) => h.id)).toEqual(
            Array.from({ length: NOTES }, (_, i) => `n${i}`),
          );
          totals.steps++;
          totals.maxTags = Math.max(totals.maxTags, book.tags.length);
        }
        totals.failures += state.failures;
        totals.skipped += state.skipped;
        totals.undos += state.undos;
      }),
      { numRuns: 500 },
    );
    // The generator really exercises both paths (successes and refused operations).
    expect(totals.failures).toBeGreaterThan(50);
    expect(totals.undos).toBeGreaterThan(50);
    expect(totals.maxTags).toBeGreaterThan(8);
  });

  it('undoing any earlier step (out of order) keeps names unique and references valid', () => {
    // Restores of older snapshots, after a tag was deleted and made again under the same name,
    // exercise the " (restored)" renaming.
    let renamedAside = 0;
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.boolean(),
        (ops, pick, recreate) => {
          const book = emptyBook();
          const f = factory('o');
          const state: RunState = { lastSnapshot: null, skipped: 0, failures: 0, undos: 0 };
          const snapshots: TagSnapshot[] = [];
          for (const op of ops) {
            if (op.kind === 'undo') continue;
            snapshots.push(snapshotTags(book, () => true));
            runOp(book, op, f, state);
          }
          if (snapshots.length === 0) return;
          const snapshot = snapshots[pick % snapshots.length]!;
          if (recreate && book.tags.length > 0) {
            // Delete a tag and make a new one of the same name, as a user might before undoing.
            const gone = book.tags[pick % book.tags.length]!;
            deleteTag(book, gone.id);
            ensureTagPath(book, gone.name, f);
          }
          restoreTagSnapshot(book, snapshot, f);
          expect(codebookProblems(book)).toEqual([]);
          for (const t of snapshot.tags) expect(book.tags.find((b) => b.id === t.id)).toEqual(t);
          expect(book.annotations).toEqual(snapshot.annotations);
          expect(book.notes).toEqual(snapshot.notes);
          if (book.tags.some((t) => t.name.endsWith(' (restored)'))) renamedAside++;
        },
      ),
      { numRuns: 300 },
    );
    expect(renamedAside).toBeGreaterThan(15);
  });
});

// ---------------------------------------------------------------------------------------------
// C. Through the notebook core and the store file
// ---------------------------------------------------------------------------------------------

const tempDir = tempDirs();

async function call<M extends MethodName>(
  notebook: Notebook,
  method: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
  const result = await notebook.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as MethodResult<M>;
}

interface StoreFile {
  tags: Tag[];
  annotations: Annotation[];
  notes: Note[];
}

async function readStoreFile(notebook: Notebook): Promise<StoreFile> {
  return JSON.parse(await readFile(notebook.store.path, 'utf8')) as StoreFile;
}

async function buildNotebook(dataDir: string) {
  const notebook = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR });
  const [doc] = await call(notebook, 'listDocuments', {});
  for (const name of [
    'actors/afghan/defence-ministry',
    'actors/afghan/intelligence',
    'actors/us/president',
    'themes/threat',
    'themes/sovereignty',
  ])
    await call(notebook, 'createTag', { name });
  const tags = await call(notebook, 'listTags', {});
  const id = (name: string) => tags.find((t) => t.name === name)!.id;
  const ids = {
    actors: id('actors'),
    afghan: id('actors/afghan'),
    mod: id('actors/afghan/defence-ministry'),
    nds: id('actors/afghan/intelligence'),
    us: id('actors/us'),
    potus: id('actors/us/president'),
    themes: id('themes'),
    threat: id('themes/threat'),
    sov: id('themes/sovereignty'),
  };
  const quote = (start: number, tagIds: string[]) =>
    call(notebook, 'createAnnotation', {
      documentId: doc!.id,
      start,
      end: start + 12,
      color: 'yellow',
      tagIds,
    });
  const q1 = await quote(0, [ids.afghan, ids.mod]);
  const q2 = await quote(20, [ids.nds]);
  const q3 = await quote(40, [ids.threat, ids.potus]);
  const q4 = await quote(60, [ids.mod, ids.nds]);
  const n1 = await call(notebook, 'createNote', { title: 'Threats', tagIds: [ids.threat] });
  const n2 = await call(notebook, 'createNote', { title: 'Kabul', tagIds: [ids.afghan] });
  await notebook.store.flush();
  return { notebook, ids, q: [q1.id, q2.id, q3.id, q4.id], n: [n1.id, n2.id] };
}

describe('codebook through the notebook core', () => {
  it('renames, merges, deletes and undoes, and the store file stays consistent', async () => {
    const dataDir = await tempDir();
    const { notebook, ids, q, n } = await buildNotebook(dataDir);
    let reopened: Notebook | null = null;
    try {
      expect((await call(notebook, 'listTags', {})).map((t) => t.name)).toEqual([
        'actors',
        'actors/afghan',
        'actors/afghan/defence-ministry',
        'actors/afghan/intelligence',
        'actors/us',
        'actors/us/president',
        'themes',
        'themes/sovereignty',
        'themes/threat',
      ]);

      const renamed = await call(notebook, 'updateTag', { id: ids.actors, name: 'Players' });
      expect(renamed).toMatchObject({ id: ids.actors, name: 'Players' });

      const merged = await call(notebook, 'mergeTags', { sourceId: ids.nds, targetId: ids.mod });
      expect(merged.survivor).toMatchObject({
        id: ids.mod,
        name: 'Players/afghan/defence-ministry',
      });

      const deleted = await call(notebook, 'deleteTag', { id: ids.threat });
      expect(deleted.removed.map((t) => t.id)).toEqual([ids.threat]);
      // The undo holds what the delete took from each quote and note, nothing more.
      expect(deleted.undo.annotations).toEqual([{ id: q[2], removed: [ids.threat], added: [] }]);
      expect(deleted.undo.notes).toEqual([{ id: n[0], removed: [ids.threat], added: [] }]);
      const between = notebook.store.data;
      expect(between.annotations.find((a) => a.id === q[2])!.tagIds).toEqual([ids.potus]);

      const restored = await call(notebook, 'restoreTags', { undo: deleted.undo });
      expect(restored.map((t) => t.id)).toEqual([ids.threat]); // only what the delete removed
      expect(restored.find((t) => t.id === ids.threat)?.name).toBe('themes/threat');

      const usage = await call(notebook, 'tagUsage', {});
      expect(usage[ids.mod]).toMatchObject({ quotes: 3, quotesWithin: 3, notes: 0 });
      expect(usage[ids.actors]).toMatchObject({ quotes: 0, quotesWithin: 4, notes: 0 });

      await notebook.close();
      reopened = await openNotebook({ dataDir, resourcesDir: RESOURCES_DIR });
      const file = await readStoreFile(reopened);
      expect(codebookProblems(file)).toEqual([]);
      expect(file.tags.map((t) => [t.id, t.name]).sort()).toEqual(
        [
          [ids.actors, 'Players'],
          [ids.afghan, 'Players/afghan'],
          [ids.mod, 'Players/afghan/defence-ministry'],
          [ids.us, 'Players/us'],
          [ids.potus, 'Players/us/president'],
          [ids.themes, 'themes'],
          [ids.sov, 'themes/sovereignty'],
          [ids.threat, 'themes/threat'],
        ].sort(),
      );
      // Tag order on a quote carries no meaning; an undone tag comes back at the end.
      expect(Object.fromEntries(file.annotations.map((a) => [a.id, [...a.tagIds].sort()]))).toEqual(
        {
          [q[0]!]: [ids.afghan, ids.mod].sort(),
          [q[1]!]: [ids.mod],
          [q[2]!]: [ids.threat, ids.potus].sort(),
          [q[3]!]: [ids.mod],
        },
      );
      expect(Object.fromEntries(file.notes.map((x) => [x.id, x.tagIds]))).toEqual({
        [n[0]!]: [ids.threat],
        [n[1]!]: [ids.afghan],
      });
      expect(reopened.store.data.tags).toEqual(file.tags);
    } finally {
      await notebook.close();
      await reopened?.close();
    }
  });

  it('undoes a recursive merge through restoreTags', async () => {
    const { notebook, ids, q } = await buildNotebook(await tempDir());
    try {
      const cia = await call(notebook, 'createTag', { name: 'actors/us/intelligence' });
      await call(notebook, 'updateAnnotation', { id: q[1]!, addTagIds: [cia.id] });
      const snapshotBefore = structuredClone(notebook.store.data);
      expect(snapshotBefore.tags).toHaveLength(10);

      const { survivor, undo } = await call(notebook, 'mergeTags', {
        sourceId: ids.us,
        targetId: ids.afghan,
      });
      expect(survivor.id).toBe(ids.afghan);
      const data = notebook.store.data;
      expect(data.tags.find((t) => t.id === ids.potus)?.name).toBe('actors/afghan/president');
      expect(data.tags.some((t) => t.id === cia.id || t.id === ids.us)).toBe(false);
      expect(data.annotations.find((a) => a.id === q[1])!.tagIds).toEqual([ids.nds]);
      expect(codebookProblems(data)).toEqual([]);

      await call(notebook, 'restoreTags', { undo });
      expect(byId(notebook.store.data.tags)).toEqual(byId(snapshotBefore.tags));
      expect(notebook.store.data.annotations).toEqual(snapshotBefore.annotations);
      expect(notebook.store.data.notes).toEqual(snapshotBefore.notes);
    } finally {
      await notebook.close();
    }
  });

  it('leaves the store file byte-identical when an operation is refused', async () => {
    const { notebook, ids } = await buildNotebook(await tempDir());
    try {
      await notebook.store.flush();
      const bytes = await readFile(notebook.store.path);
      const data = structuredClone(notebook.store.data);

      const intoChild = await notebook.dispatch('mergeTags', {
        sourceId: ids.actors,
        targetId: ids.afghan,
      });
      expect(intoChild).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

      const intoItself = await notebook.dispatch('mergeTags', {
        sourceId: ids.us,
        targetId: ids.us,
      });
      expect(intoItself).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

      const taken = await notebook.dispatch('updateTag', {
        id: ids.us,
        name: 'Actors/Afghan',
        color: 'purple',
      });
      expect(taken).toMatchObject({ ok: false, error: { code: 'conflict' } });

      const inside = await notebook.dispatch('moveTag', { id: ids.actors, parentId: ids.mod });
      expect(inside).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

      const unknown = await notebook.dispatch('deleteTag', { id: 'tag_missing' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });

      await notebook.store.flush();
      expect(notebook.store.data).toEqual(data);
      expect((await readFile(notebook.store.path)).equals(bytes)).toBe(true);
    } finally {
      await notebook.close();
    }
  });
});

describe('undo keeps later work', () => {
  const f = (): TagFactory => {
    let n = 0;
    return { newId: () => `tag_new${++n}`, now: () => '2026-01-01T00:00:00.000Z' };
  };
  const tag = (id: string, name: string): Tag => ({
    id,
    name,
    color: 'blue',
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
  });

  it('undoing a delete puts back only what it took, not the edits made since', () => {
    const book: Codebook = {
      tags: [tag('x', 'x'), tag('y', 'y'), tag('z', 'z')],
      annotations: [{ id: 'q', tagIds: ['x', 'y'] }],
      notes: [],
    };
    const factory = f();
    const before = snapshotTags(book, (h) => h.tagIds.includes('x'));
    deleteTag(book, 'x');
    const undo = undoSince(before, book);
    // Later work: another tag on the quote, a rename elsewhere.
    retagHolders(book.annotations, new Set(['q']), ['z'], []);
    renameTag(book, 'y', 'why', factory);

    applyTagUndo(book, undo, factory);
    expect(book.annotations[0]!.tagIds.sort()).toEqual(['x', 'y', 'z']);
    expect(book.tags.map((t) => t.name).sort()).toEqual(['why', 'x', 'z']);
    expect(codebookProblems(book)).toEqual([]);
  });

  it('undoing a merge takes the survivor only from the quotes the merge gave it to', () => {
    const book: Codebook = {
      tags: [tag('a', 'a'), tag('b', 'b')],
      annotations: [
        { id: 'q1', tagIds: ['a'] },
        { id: 'q2', tagIds: ['a', 'b'] },
        { id: 'q3', tagIds: ['b'] },
      ],
      notes: [],
    };
    const factory = f();
    const before = snapshotTags(book, (h) => h.tagIds.includes('a') || h.tagIds.includes('b'));
    mergeTags(book, 'a', 'b', factory);
    const undo = undoSince(before, book);
    expect(undo.annotations).toEqual([
      { id: 'q1', removed: ['a'], added: ['b'] },
      { id: 'q2', removed: ['a'], added: [] },
    ]);
    applyTagUndo(book, undo, factory);
    expect(Object.fromEntries(book.annotations.map((a) => [a.id, a.tagIds.sort()]))).toEqual({
      q1: ['a'],
      q2: ['a', 'b'],
      q3: ['b'],
    });
  });

  it('brings a deleted tag back under a " (restored)" name, with its sub-tags, when the name was taken', () => {
    const book: Codebook = {
      tags: [tag('p', 'p'), tag('c', 'p/c')],
      annotations: [{ id: 'q', tagIds: ['c'] }],
      notes: [],
    };
    const factory = f();
    const before = snapshotTags(book, (h) => h.tagIds.includes('c'));
    deleteTag(book, 'p');
    const undo = undoSince(before, book);
    const newer = ensureTagPath(book, 'p', factory);
    applyTagUndo(book, undo, factory);
    expect(book.tags.find((t) => t.id === newer.id)?.name).toBe('p');
    expect(book.tags.find((t) => t.id === 'p')?.name).toBe('p (restored)');
    expect(book.tags.find((t) => t.id === 'c')?.name).toBe('p (restored)/c');
    expect(book.annotations[0]!.tagIds).toEqual(['c']);
    expect(codebookProblems(book)).toEqual([]);
  });
});
