import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../shared/export/obsidian/front-matter.ts';
import {
  MY_NOTES_END,
  MY_NOTES_START,
  readMyNotes,
} from '../../shared/export/obsidian/my-notes.ts';
import {
  BLOCK_ID,
  blockIds,
  fileStem,
  nameKey,
  obsidianTag,
} from '../../shared/export/obsidian/names.ts';
import { obsidianVault, stemOf } from '../../shared/export/obsidian/vault.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import type { ResolvedScope } from '../../shared/export/types.ts';
import type { StoreData } from '../../shared/model.ts';
import { GENERATED_AT } from '../fixtures/export/notebook.ts';
import { obsidianFixture } from '../fixtures/export/obsidian.ts';
import { expectGolden } from './golden.ts';

function vault(
  existing: ReadonlyMap<string, string> = new Map(),
  data: StoreData = obsidianFixture(),
  scope: ResolvedScope = { kind: 'notebook' },
) {
  return obsidianVault(selectForExport(data, scope, GENERATED_AT), existing, {
    includeNotes: true,
  });
}

/** What a user does in Obsidian: write between the markers of a file. */
function writeMyNotes(text: string, mine: string): string {
  const start = text.indexOf(`${MY_NOTES_START}\n`) + MY_NOTES_START.length + 1;
  const end = text.indexOf(MY_NOTES_END);
  return text.slice(0, start) + mine + text.slice(end);
}

const DOC = "Documents/Afghan officials reject Trump's demands to return Bagram Air Base.md";
const NOTE = 'Notes/Defiance, in their own words.md';

describe('Obsidian export', () => {
  it('matches the golden files: a file per document and note', () => {
    const { files, status } = vault();
    expect([...files.keys()]).toEqual([
      DOC,
      'Documents/Field note «Kabul» bazaar, 🙂 edition.md',
      'Documents/Report Bagram the base 2025 draft 1.md',
      "Documents/Afghan officials reject Trump's demands to return Bagram Air Base 2.md",
      NOTE,
      'Notes/Open questions, 🙂 & “others”.md',
      'Notes/Defiance, in their own words 2.md',
    ]);
    expect(new Set(status.values())).toEqual(new Set(['new']));
    for (const [path, text] of files) expectGolden(`obsidian/${path}`, text);
  });

  it('gives every quote a valid block id, unique across the export', () => {
    const { files } = vault();
    const ids = [...files.values()].flatMap((t) =>
      Array.from(t.matchAll(/^\^(\S+)$/gm), (m) => m[1]!),
    );
    expect(ids).toHaveLength(obsidianFixture().annotations.length);
    for (const id of ids) expect(id).toMatch(BLOCK_ID);
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(ids.length);
  });

  it('maps ids deterministically and one-to-one, even when they differ only by _ and -', () => {
    const ids = ['ann_1-2', 'ann-1_2', 'ann-1-2', 'q.1', 'q 1', 'é', '___'];
    const map = blockIds(ids);
    expect(map.get('ann-1-2')).toBe('m-ann-1-2');
    expect(new Set(map.values()).size).toBe(ids.length);
    for (const block of map.values()) expect(block).toMatch(BLOCK_ID);
    expect(blockIds([...ids].reverse())).toEqual(map);
  });

  it('links every cited quote to a file and a block id that exist', () => {
    const { files } = vault();
    const stems = new Map([...files.keys()].map((p) => [stemOf(p), files.get(p)!]));
    let links = 0;
    for (const text of files.values())
      for (const [, stem, block] of text.matchAll(/\[\[([^\]#|]+)#\^([^\]|]+)(?:\|[^\]]*)?\]\]/g)) {
        links++;
        const target = stems.get(stem!);
        expect(target, stem).toBeDefined();
        expect(target).toMatch(new RegExp(`^\\^${block}$`, 'm'));
      }
    expect(links).toBe(4);
    // No app link is left outside code.
    const note = files.get('Notes/Defiance, in their own words 2.md')!;
    expect(note.replace(/`[^`]*`/g, '')).not.toContain('marginalia://');
  });

  it('makes names that every file system and Obsidian accept', () => {
    const hostile = [
      'a/b\\c:d*e?f"g<h>i|j[k]l#m^n',
      '  ..hidden.  ',
      'CON',
      'lpt1.txt',
      '',
      '\u0000\u0007',
      `${'long words '.repeat(30)}end`,
      '😀'.repeat(120),
      'e\u0301te',
    ];
    for (const title of hostile) {
      const stem = fileStem(title, 'Untitled');
      expect(stem).not.toMatch(/[[\]#^|\\/:*?"<>\p{Cc}]/u);
      expect(stem).not.toMatch(/^[.\s]|[.\s]$/);
      expect(stem).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
      expect(stem.length).toBeGreaterThan(0);
      expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(200);
      // Never half a surrogate pair.
      expect(stem.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')).not.toMatch(/[\uD800-\uDFFF]/);
    }
    expect(fileStem('e\u0301te', 'x')).toBe('éte');
  });

  it('ends a quote that ends at a line break where its text ends, with no empty line in the callout', () => {
    const data = obsidianFixture();
    const quote = data.annotations.find((a) => a.tagIds.length > 0 && a.target.position)!;
    const doc = data.documents.find((d) => d.id === quote.documentId)!;
    // The same highlight taken to the end of its paragraph, line break included.
    const { start } = quote.target.position!;
    const end = doc.text.indexOf('\n', quote.target.position!.end);
    expect(end).toBeGreaterThan(0);
    quote.target.position = { ...quote.target.position!, end: end + 1 };
    quote.target.quote = { ...quote.target.quote!, exact: doc.text.slice(start, end + 1) };
    const file = vault(new Map(), data).files.get(DOC)!;
    const callout = file.slice(file.indexOf('> [!quote]'), file.indexOf('\n\n^m-'));
    expect(callout).not.toMatch(/\n>\n>\n/);
    expect(callout).not.toMatch(/\n>\n$/);
  });

  it('writes tags as Obsidian reads them', () => {
    expect(obsidianTag('actors/afghan')).toBe('actors/afghan');
    expect(obsidianTag('stance/open question')).toBe('stance/open-question');
    expect(obsidianTag('who: “them” & us')).toBe('who-them-us');
    expect(obsidianTag('2025')).toBe('_2025');
    expect(obsidianTag('years/2025')).toBe('years/2025');
    expect(obsidianTag('speaker/A∕B')).toBe('speaker/A-B');
    expect(obsidianTag('دری')).toBe('دری');
  });

  it('keeps the "my notes" section byte for byte when exporting again, and nothing else changes', () => {
    const first = vault();
    const mine =
      'My reading:\r\n\n- [[Another note]] ^my-block\n%% a comment of my own %%\n\n  trailing  \n';
    const existing = new Map(first.files);
    existing.set(DOC, writeMyNotes(first.files.get(DOC)!, mine));
    existing.set(NOTE, writeMyNotes(first.files.get(NOTE)!, ''));
    const second = vault(existing);
    expect(second.files.get(DOC)).toBe(existing.get(DOC));
    expect(readMyNotes(second.files.get(DOC)!)).toEqual({ status: 'kept', inner: mine });
    expect(second.files.get(NOTE)).toBe(existing.get(NOTE));
    expect(new Set(second.status.values())).toEqual(new Set(['unchanged']));
    expect(second.setAside).toEqual([]);

    // The notebook changes: the file is updated in place and the user's words stay.
    const data = obsidianFixture();
    data.annotations[0]!.comment = 'A new comment.';
    data.documents[0]!.title = 'Bagram: the officials answer';
    const third = vault(existing, data);
    expect(third.status.get(DOC)).toBe('updated');
    const updated = third.files.get(DOC)!;
    expect(updated).toContain('> A new comment.');
    expect(readMyNotes(updated)).toEqual({ status: 'kept', inner: mine });
    // Found by its id, so it keeps its name; the new title is the title and an alias.
    expect(readFrontMatter(updated)?.get('title')).toBe('Bagram: the officials answer');
    expect(readFrontMatter(updated)?.get('aliases')).toEqual(['Bagram: the officials answer']);
    expect([...third.files.keys()].filter((p) => p.includes('officials answer'))).toEqual([]);
  });

  it('follows a file the user renamed, and keeps properties they added', () => {
    const first = vault();
    const text = first.files
      .get(DOC)!
      .replace(
        'marginalia-type: document\n',
        'marginalia-type: document\nstatus: read\nrating: 4\n',
      );
    const existing = new Map([['Documents/Bagram (read).md', text]]);
    const second = vault(existing);
    expect(second.files.has(DOC)).toBe(true); // the copy of the same title, now free
    const renamed = second.files.get('Documents/Bagram (read).md')!;
    expect(readFrontMatter(renamed)?.get('marginalia-id')).toBe('doc-bagram');
    expect(readFrontMatter(renamed)?.get('status')).toBe('read');
    expect(readFrontMatter(renamed)?.get('rating')).toBe(4);
    // Its name is no longer the title, so the title became an alias.
    expect(second.status.get('Documents/Bagram (read).md')).toBe('updated');
    expect(readFrontMatter(renamed)?.get('aliases')).toEqual([
      "Afghan officials reject Trump's demands to return Bagram Air Base",
    ]);
    // Links go to the file's present name.
    expect(second.files.get(NOTE)).toContain('[[Bagram (read)#^m-q-mujahid|');
  });

  it('never writes over a file that is not the export’s, and keeps names unique across folders', () => {
    const mine = '# My own page about Bagram\n';
    const existing = new Map([
      [DOC, mine],
      ['Notes/Open questions, 🙂 & “OTHERS”.md', ''],
      ['Documents/Defiance, in their own words.md', 'a document named like a note'],
    ]);
    const { files, status } = vault(existing);
    expect(files.has(DOC)).toBe(false);
    expect(
      files.has("Documents/Afghan officials reject Trump's demands to return Bagram Air Base 2.md"),
    ).toBe(true);
    expect(files.has('Notes/Open questions, 🙂 & “others” 2.md')).toBe(true);
    expect(files.has('Notes/Defiance, in their own words 2.md')).toBe(true);
    expect(files.has(NOTE)).toBe(false);
    expect([...status.values()].every((s) => s === 'new')).toBe(true);
    const keys = [...files.keys()].map((p) => nameKey(stemOf(p)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the user’s text when the markers were broken: the old file is set aside', () => {
    const first = vault();
    const broken = first.files
      .get(DOC)!
      .replace(`${MY_NOTES_END}\n`, 'I deleted the end marker.\n');
    const existing = new Map(first.files);
    existing.set(DOC, broken);
    existing.set(NOTE, `${first.files.get(NOTE)!}\n${MY_NOTES_START}\n`);
    const second = vault(existing);
    const copy =
      "Documents/Afghan officials reject Trump's demands to return Bagram Air Base (before re-export).md";
    const noteCopy = 'Notes/Defiance, in their own words (before re-export).md';
    expect(second.setAside).toEqual([
      { path: DOC, copy },
      { path: NOTE, copy: noteCopy },
    ]);
    expect(second.files.get(copy)).toBe(broken);
    expect(second.status.get(copy)).toBe('set-aside');
    expect(second.files.get(DOC)).toBe(first.files.get(DOC));
    expect(second.status.get(DOC)).toBe('updated');
    // The copy is written before the file that replaces the original.
    const order = [...second.files.keys()];
    expect(order.indexOf(copy)).toBe(order.indexOf(DOC) - 1);
    // A second broken export finds the name taken and picks the next one.
    existing.set(copy, 'an earlier copy');
    expect(vault(existing).setAside[0]?.copy).toBe(
      "Documents/Afghan officials reject Trump's demands to return Bagram Air Base (before re-export) 2.md",
    );
  });

  it('reads the markers only when each is whole, once and in order', () => {
    const ok = `x\n${MY_NOTES_START}\nmine\n${MY_NOTES_END}\ny`;
    expect(readMyNotes(ok)).toEqual({ status: 'kept', inner: 'mine\n' });
    expect(readMyNotes(ok.replace(/\n/g, '\r\n'))).toEqual({ status: 'kept', inner: 'mine\r\n' });
    expect(readMyNotes(`${MY_NOTES_END}\n${MY_NOTES_START}\n`)).toEqual({ status: 'broken' });
    expect(readMyNotes(`${ok}\n${MY_NOTES_START}`)).toEqual({ status: 'broken' });
    expect(readMyNotes('no markers')).toEqual({ status: 'broken' });
  });

  it('writes only the scope, and cites quotes outside it by their words', () => {
    const { files } = vault(new Map(), obsidianFixture(), { kind: 'tag', tagId: 'tag-open' });
    expect([...files.keys()]).toEqual([
      'Documents/Report Bagram the base 2025 draft 1.md',
      'Notes/Defiance, in their own words.md',
    ]);
    const defiance = vault(new Map(), obsidianFixture(), { kind: 'tag', tagId: 'tag-defiance' });
    const note = defiance.files.get(NOTE)!;
    expect(note).toContain('[[Afghan officials reject');
    const data = obsidianFixture();
    const onlyNotes = vault(new Map(), data, {
      kind: 'search',
      query: 'x',
      annotationIds: [],
      noteIds: ['note-defiance'],
    });
    const cited = onlyNotes.files.get(NOTE)!;
    expect(cited).not.toContain('[[');
    expect(cited).toContain(
      "— Afghan officials reject Trump's demands to return Bagram Air Base · Marginalia sample article",
    );
  });
});
