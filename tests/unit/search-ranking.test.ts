import { beforeAll, describe, expect, it } from 'vitest';
import type { Notebook } from '../../electron/notebook/notebook.ts';
import type { Annotation, Note, NotebookDocument, Tag } from '../../shared/model.ts';
import type { SearchHit } from '../../shared/search/types.ts';
import {
  highlight,
  importDocument,
  marked,
  openTestNotebook,
  search,
  seedDocument,
} from './search-fixtures.ts';
import { tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();

/**
 * A small notebook written for these tests: three documents on different subjects, a handful of
 * quotes (one that lost its place), notes and tags. The sample article is deleted first so that
 * every word here is known.
 */
interface Corpus {
  notebook: Notebook;
  docs: { parwan: NotebookDocument; budget: NotebookDocument; recipes: NotebookDocument };
  tags: Record<
    'threat' | 'sovereignty' | 'actors' | 'afghan' | 'us' | 'openQuestions' | 'food',
    Tag
  >;
  quotes: Record<
    'convoy' | 'fight' | 'sovereignty' | 'dont' | 'herat' | 'dari' | 'budget' | 'orphan',
    Annotation
  >;
  notes: Record<'warning' | 'reading' | 'jalali' | 'foreign' | 'budget' | 'kabul' | 'code', Note>;
}

const PARWAN = [
  'The convoy reached Bagram before dawn and waited at the gate.',
  'Defense Minister Mujahid said the army could fight for twenty years if it had to.',
  'Qari Fasihuddin Fitrat called the base “a question of sovereignty” and added: “We don’t need it.”',
  'In Hérat the old café reopened, and the qazi drank tea there every morning.',
  'The school wall was painted with the words سلام دوست in Dari.',
].join('\n');
const BUDGET = [
  'The committee spent three years arguing over the airbase budget.',
  'A senator asked whether the money for the base was wasted.',
  'Nobody in the hearing room mentioned the war.',
].join('\n');
const RECIPES = [
  'Kabuli pulao needs rice, carrots, raisins and patience.',
  'Bolani are flatbreads filled with potato or leek.',
].join('\n');

async function buildCorpus(): Promise<Corpus> {
  const notebook = await openTestNotebook(await tempDir());
  const h = notebook.handlers;
  await h.deleteDocument({ id: (await seedDocument(notebook)).id });

  const parwan = await importDocument(notebook, 'parwan', PARWAN, {
    title: 'Field diary from Parwan',
    author: 'Laila Ahmadi',
    source: 'Kabul Review',
  });
  const budget = await importDocument(notebook, 'budget', BUDGET, {
    title: 'Budget hearing in Washington',
    author: 'Tom Reyes',
    source: 'Capitol Notes',
  });
  const recipes = await importDocument(notebook, 'recipes', RECIPES, {
    title: 'Recipes from home',
    source: 'Family cookbook',
  });

  const tag = (name: string) => h.createTag({ name });
  const tags = {
    threat: await tag('threat'),
    sovereignty: await tag('sovereignty'),
    afghan: await tag('actors/afghan'),
    us: await tag('actors/us'),
    openQuestions: await tag('open questions'),
    food: await tag('food'),
  };
  await h.updateTag({ id: tags.sovereignty.id, description: 'Claims over land and bases.' });
  const actors = (await h.listTags({})).find((t) => t.name === 'actors')!;

  const quotes = {
    convoy: await highlight(notebook, parwan, 'The convoy reached Bagram before dawn'),
    fight: await highlight(
      notebook,
      parwan,
      'Defense Minister Mujahid said the army could fight for twenty years',
      { color: 'orange', tagIds: [tags.threat.id, tags.afghan.id], comment: 'A stark warning' },
    ),
    sovereignty: await highlight(
      notebook,
      parwan,
      'Qari Fasihuddin Fitrat called the base “a question of sovereignty”',
      { color: 'green', tagIds: [tags.sovereignty.id, tags.afghan.id] },
    ),
    dont: await highlight(notebook, parwan, 'We don’t need it.', {
      color: 'blue',
      tagIds: [tags.sovereignty.id],
    }),
    herat: await highlight(notebook, parwan, 'In Hérat the old café reopened', {
      comment: 'The qazi’s morning tea',
    }),
    dari: await highlight(notebook, parwan, 'سلام دوست', { color: 'purple' }),
    budget: await highlight(
      notebook,
      budget,
      'The committee spent three years arguing over the airbase budget',
      { color: 'pink', tagIds: [tags.us.id], comment: 'Compare with the minister on Bagram' },
    ),
    // A quote whose text is no longer in its document: restored, it cannot be placed.
    orphan: await (async () => {
      const taken = await highlight(notebook, budget, 'Nobody in the hearing room', {
        tagIds: [tags.openQuestions.id],
        comment: 'Which senator?',
      });
      const removed = await h.deleteAnnotation({ id: taken.id });
      return h.restoreAnnotation({
        annotation: {
          ...removed,
          target: {
            ...removed.target,
            position: { type: 'TextPositionSelector', start: 0, end: 10 },
            quote: {
              type: 'TextQuoteSelector',
              exact: 'The senator walked out of the hearing in protest',
              prefix: 'Zzz ',
              suffix: ' qqq',
            },
          },
        },
      });
    })(),
  };
  expect(quotes.orphan.orphan).toBe(true);

  const note = (
    title: string,
    body: string,
    tagIds: string[] = [],
    documentId: string | null = null,
  ) => h.createNote({ title, body, tagIds, documentId });
  const notes = {
    warning: await note(
      'The minister’s warning',
      'He **threatened** a long fight; see the [report](https://example.org/bagram-report).',
      [tags.threat.id],
      parwan.id,
    ),
    reading: await note(
      'Reading list',
      'Books on Afghanistan. One mentions Mujahid in passing; another the café culture of Kabul.',
    ),
    jalali: await note('Jalali', 'Political director at the Foreign Ministry.', [tags.afghan.id]),
    foreign: await note('Foreign ministry staff', 'Zakir Jalali never accepted foreign troops.'),
    budget: await note(
      'Budget notes',
      'Three years of hearings and not one word on Bagram.',
      [tags.us.id],
      budget.id,
    ),
    kabul: await note('Kabul markets', 'Prices in the bazaar rose after the airport closed.', [
      tags.food.id,
    ]),
    code: await note('Export script', 'Join the tables on the user_id column.'),
  };
  return {
    notebook,
    docs: { parwan, budget, recipes },
    tags: { ...tags, actors },
    quotes,
    notes,
  };
}

let c: Corpus;
beforeAll(async () => {
  c = await buildCorpus();
});

const ids = (hits: readonly SearchHit[]) => hits.map((h) => `${h.kind}:${h.id}`);
const q = (a: Annotation) => `quote:${a.id}`;
const n = (note: Note) => `note:${note.id}`;
const t = (tag: Tag) => `tag:${tag.id}`;
const d = (doc: NotebookDocument) => `document:${doc.id}`;
const find = (query: string, limit = 100) => search(c.notebook, query, limit);
/** The hits of a query, as kind:id, in order. */
const found = async (query: string) => ids((await find(query)).hits);
const sorted = (list: readonly string[]) => [...list].sort();
/** `a` comes before `b` in the list (and both are in it). */
function expectBefore(list: readonly string[], a: string, b: string) {
  expect(list, `${a} is found`).toContain(a);
  expect(list, `${b} is found`).toContain(b);
  expect(list.indexOf(a), `${a} before ${b}`).toBeLessThan(list.indexOf(b));
}

describe('typos and the word being typed', () => {
  it('Bgram finds Bagram, the quote that holds it first', async () => {
    const hits = await found('Bgram');
    expect(hits[0]).toBe(q(c.quotes.convoy));
    expect(sorted(hits)).toEqual(
      sorted([q(c.quotes.convoy), q(c.quotes.budget), n(c.notes.budget)]),
    );
  });

  it('Fitrat, fitrat, FITRAT and Fítrat find the same quote', async () => {
    for (const query of ['Fitrat', 'fitrat', 'FITRAT', 'Fítrat'])
      expect(await found(query), query).toEqual([q(c.quotes.sovereignty)]);
  });

  it('yers finds years: both quotes, then the note that has it in its body', async () => {
    const hits = await found('yers');
    expect(sorted(hits.slice(0, 2))).toEqual(sorted([q(c.quotes.fight), q(c.quotes.budget)]));
    expect(hits[2]).toBe(n(c.notes.budget));
    expect(hits).toHaveLength(3);
  });

  it('Mujahd finds Mujahid: the quote, then the note that mentions him in passing', async () => {
    const hits = await found('Mujahd');
    expect(hits).toEqual([q(c.quotes.fight), n(c.notes.reading)]);
    const { hits: shown } = await find('Mujahd');
    expect(marked(shown[0]!.title, shown[0]!.titleMatches)).toEqual(['Mujahid']);
  });

  it('three letters while typing find the words they start; after a space the word is whole', async () => {
    expect(await found('muj')).toEqual([q(c.quotes.fight), n(c.notes.reading)]);
    const sov = await found('sov');
    expect(sorted(sov)).toEqual(
      sorted([q(c.quotes.sovereignty), q(c.quotes.dont), t(c.tags.sovereignty)]),
    );
    // The tag is named for the word (a title) and comes first.
    expect(sov[0]).toBe(t(c.tags.sovereignty));
    expect(await found('muj ')).toEqual([]);
    // Only the last word is a prefix.
    expect(await found('conv bagram')).not.toContain(q(c.quotes.fight));
    expect((await found('bagram conv'))[0]).toBe(q(c.quotes.convoy));
  });
});

describe('diacritics and Unicode quotes', () => {
  it('folded both ways: herat finds Hérat, Kábul finds Kabul, CAFE finds café', async () => {
    // Near misses may follow (fuzzy: "herat" is also close to "Fitrat"); Hérat comes first.
    const herat = await find('herat');
    expect(ids(herat.hits)[0]).toBe(q(c.quotes.herat));
    expect(herat.hits[0]!.score).toBeGreaterThan(herat.hits[1]?.score ?? 0);
    expect(ids((await find('Hérat')).hits)).toEqual(ids(herat.hits));
    expect(ids((await find('HERAT')).hits)).toEqual(ids(herat.hits));
    const kabul = await found('Kábul');
    expect(kabul[0]).toBe(n(c.notes.kabul)); // in its title
    expect(sorted(kabul)).toEqual(sorted([n(c.notes.kabul), n(c.notes.reading), d(c.docs.parwan)]));
    expect(sorted(await found('CAFE'))).toEqual(sorted([q(c.quotes.herat), n(c.notes.reading)]));
  });

  it('curly apostrophes and quotes in the text, plain ones in the query', async () => {
    expect(await found("don't")).toEqual([q(c.quotes.dont)]);
    expect(await found('dont')).toEqual([q(c.quotes.dont)]);
    expect(await found('don’t')).toEqual([q(c.quotes.dont)]);
    expect(await found("qazi's")).toEqual([q(c.quotes.herat)]);
    expect(await found('"question of sovereignty"')).toEqual([q(c.quotes.sovereignty)]);
    expect(await found('“We don’t need it”')).toEqual([q(c.quotes.dont)]);
    expect(await found('"we dont need"')).toEqual([q(c.quotes.dont)]);
  });

  it('Dari words are found and marked', async () => {
    const { hits } = await find('دوست');
    expect(ids(hits)).toEqual([q(c.quotes.dari)]);
    expect(marked(hits[0]!.title, hits[0]!.titleMatches)).toEqual(['دوست']);
  });
});

describe('ranking', () => {
  it('a quote with the word in its text comes before a note that only mentions it', async () => {
    expectBefore(await found('mujahid'), q(c.quotes.fight), n(c.notes.reading));
    expectBefore(await found('bagram'), q(c.quotes.convoy), n(c.notes.budget));
    // The quote's own text outweighs a comment that mentions the word.
    expectBefore(await found('bagram'), q(c.quotes.convoy), q(c.quotes.budget));
  });

  it('a note titled with the word comes before one that has it in its body', async () => {
    expect(await found('jalali')).toEqual([n(c.notes.jalali), n(c.notes.foreign)]);
    // Title (notes, documents) above the quote's text above a body.
    const budget = await found('budget');
    expectBefore(budget, n(c.notes.budget), q(c.quotes.budget));
    expectBefore(budget, d(c.docs.budget), q(c.quotes.budget));
  });

  it('items that match every word come before those that match some', async () => {
    const hits = await found('bagram dawn');
    expect(hits[0]).toBe(q(c.quotes.convoy));
    expect(sorted(hits)).toEqual(
      sorted([q(c.quotes.convoy), q(c.quotes.budget), n(c.notes.budget)]),
    );
    const three = await found('three years budget');
    expect(sorted(three.slice(0, 2))).toEqual(sorted([q(c.quotes.budget), n(c.notes.budget)]));
    // One word of three is too little: the document titled "Budget…" is left out.
    expect(three).not.toContain(d(c.docs.budget));
    // The quote tagged "threat" is near "three" and says "years": two words of three, after.
    expectBefore(three, q(c.quotes.budget), q(c.quotes.fight));
    expectBefore(three, n(c.notes.budget), q(c.quotes.fight));
    // Three words of four are enough to stay; one is not.
    const four = await found('convoy dawn bagram gate');
    expect(four[0]).toBe(q(c.quotes.convoy));
    expect(four).not.toContain(q(c.quotes.budget)); // bagram only: one of four
  });

  it('phrases: the words next to each other, in order', async () => {
    expect(await found('"twenty years"')).toEqual([q(c.quotes.fight)]);
    expect(await found('"years twenty"')).toEqual([]);
    expect(sorted(await found('"three years"'))).toEqual(
      sorted([q(c.quotes.budget), n(c.notes.budget)]),
    );
    expect(await found('mujahid "twenty years"')).toEqual([q(c.quotes.fight)]);
    expect(await found('"twenty years" "three years"')).toEqual([]);
    // A phrase is exact: no typos inside it.
    expect(await found('"twenty yers"')).toEqual([]);
  });

  it('excluded words drop every item that contains them', async () => {
    const hits = await found('bagram -convoy');
    expect(sorted(hits)).toEqual(sorted([q(c.quotes.budget), n(c.notes.budget)]));
    expect(await found('years -twenty')).not.toContain(q(c.quotes.fight));
    expect(await found('years -Twenty')).toContain(q(c.quotes.budget));
    // Excluded by the comment too.
    expect(await found('bagram -minister')).not.toContain(q(c.quotes.budget));
  });

  // BUG: `-"twenty years"` excludes every item containing "twenty" or "years" (query.ts:61:
  // `query.excluded.push(...words)`), not the items containing the phrase. Here it even removes
  // every item the query's own word finds.
  it('an excluded phrase drops the items with the phrase, not those with one of its words', async () => {
    const hits = await found('years -"twenty years"');
    expect(hits).not.toContain(q(c.quotes.fight));
    expect(sorted(hits)).toEqual(sorted([q(c.quotes.budget), n(c.notes.budget)]));
  });
});

describe('filters', () => {
  const allQuotes = () => Object.values(c.quotes).map(q);
  const allNotes = () => Object.values(c.notes).map(n);

  it('tag: by path, by path segment, by path prefix, with sub-tags, and the tags themselves', async () => {
    expect(sorted(await found('tag:threat'))).toEqual(
      sorted([q(c.quotes.fight), n(c.notes.warning), t(c.tags.threat)]),
    );
    const actors = [
      q(c.quotes.fight),
      q(c.quotes.sovereignty),
      q(c.quotes.budget),
      n(c.notes.jalali),
      n(c.notes.budget),
      t(c.tags.actors),
      t(c.tags.afghan),
      t(c.tags.us),
    ];
    expect(sorted(await found('tag:actors'))).toEqual(sorted(actors));
    expect(sorted(await found('tag:Actors'))).toEqual(sorted(actors));
    const afghan = [
      q(c.quotes.fight),
      q(c.quotes.sovereignty),
      n(c.notes.jalali),
      t(c.tags.afghan),
    ];
    expect(sorted(await found('tag:actors/afghan'))).toEqual(sorted(afghan));
    expect(sorted(await found('tag:afghan'))).toEqual(sorted(afghan));
    // A prefix of a tag's name, as while typing it.
    expect(sorted(await found('tag:sov'))).toEqual(
      sorted([q(c.quotes.sovereignty), q(c.quotes.dont), t(c.tags.sovereignty)]),
    );
    expect(sorted(await found('tag:"open questions"'))).toEqual(
      sorted([q(c.quotes.orphan), t(c.tags.openQuestions)]),
    );
    expect(await found('tag:nosuchtag')).toEqual([]);
    // Two tag filters: items carrying both.
    expect(sorted(await found('tag:threat tag:afghan'))).toEqual([q(c.quotes.fight)]);
  });

  it('-tag: leaves out what carries the tag or one below it', async () => {
    expect(sorted(await found('-tag:actors is:quote'))).toEqual(
      sorted([
        q(c.quotes.convoy),
        q(c.quotes.dont),
        q(c.quotes.herat),
        q(c.quotes.dari),
        q(c.quotes.orphan),
      ]),
    );
    expect(await found('bagram -tag:us')).toEqual([q(c.quotes.convoy)]);
  });

  it('doc: by a part of the title, folded; the document, its quotes and its notes', async () => {
    const parwan = [
      q(c.quotes.convoy),
      q(c.quotes.fight),
      q(c.quotes.sovereignty),
      q(c.quotes.dont),
      q(c.quotes.herat),
      q(c.quotes.dari),
      n(c.notes.warning),
      d(c.docs.parwan),
    ];
    expect(sorted(await found('doc:parwan'))).toEqual(sorted(parwan));
    expect(sorted(await found('doc:PÁRWAN'))).toEqual(sorted(parwan));
    expect(sorted(await found('doc:"budget hearing"'))).toEqual(
      sorted([q(c.quotes.budget), q(c.quotes.orphan), n(c.notes.budget), d(c.docs.budget)]),
    );
    expect(await found('doc:recipes')).toEqual([d(c.docs.recipes)]);
    expect(await found('doc:nowhere')).toEqual([]);
  });

  it('color: and colour: find quotes of that colour only (never tags of that colour)', async () => {
    expect(await found('color:orange')).toEqual([q(c.quotes.fight)]);
    expect(await found('colour:green')).toEqual([q(c.quotes.sovereignty)]);
    expect(await found('color:Purple')).toEqual([q(c.quotes.dari)]);
    expect(sorted(await found('color:yellow'))).toEqual(
      sorted([q(c.quotes.convoy), q(c.quotes.herat), q(c.quotes.orphan)]),
    );
    expect(await found('color:grey')).toEqual([]);
  });

  it('is: orphan, commented, and each kind (singular or plural)', async () => {
    expect(await found('is:orphan')).toEqual([q(c.quotes.orphan)]);
    expect((await find('is:orphan')).hits[0]!.orphan).toBe(true);
    expect(sorted(await found('is:commented'))).toEqual(
      sorted([q(c.quotes.fight), q(c.quotes.herat), q(c.quotes.budget), q(c.quotes.orphan)]),
    );
    expect(sorted(await found('is:quote'))).toEqual(sorted(allQuotes()));
    expect(sorted(await found('is:quotes'))).toEqual(sorted(allQuotes()));
    expect(sorted(await found('is:highlights'))).toEqual(sorted(allQuotes()));
    expect(sorted(await found('is:note'))).toEqual(sorted(allNotes()));
    expect(sorted(await found('is:notes'))).toEqual(sorted(allNotes()));
    expect(sorted(await found('is:tags'))).toEqual(sorted(Object.values(c.tags).map(t)));
    expect(sorted(await found('is:document'))).toEqual(sorted(Object.values(c.docs).map(d)));
    expect(sorted(await found('is:docs'))).toEqual(sorted(Object.values(c.docs).map(d)));
    expect(sorted(await found('is:note is:tag'))).toEqual(
      sorted([...allNotes(), ...Object.values(c.tags).map(t)]),
    );
    // An unknown is: finds nothing rather than everything.
    expect(await found('is:bogus')).toEqual([]);
    expect(await found('bagram is:bogus')).toEqual([]);
  });

  it('filters combine with each other and with words', async () => {
    expect(await found('tag:actors is:note budget')).toEqual([n(c.notes.budget)]);
    expect(await found('color:yellow bagram')).toEqual([q(c.quotes.convoy)]);
    expect(sorted(await found('doc:parwan fight'))).toEqual(
      sorted([q(c.quotes.fight), n(c.notes.warning)]),
    );
    expect(await found('doc:parwan fight is:quote')).toEqual([q(c.quotes.fight)]);
    expect(await found('tag:threat is:quote yers')).toEqual([q(c.quotes.fight)]);
    expect(await found('is:commented -tag:"open questions" -tag:us color:yellow')).toEqual([
      q(c.quotes.herat),
    ]);
    expect(await found('is:orphan senator')).toEqual([q(c.quotes.orphan)]);
    expect(await found('is:orphan bagram')).toEqual([]);
  });

  // BUG: `-color:yellow` is parsed as `color:yellow` (see search-query.test.ts): asking for the
  // quotes that are not yellow lists exactly the yellow ones.
  it('-color: leaves out the quotes of that colour', async () => {
    const hits = (await find('-color:yellow is:quote')).hits;
    expect(hits.map((h) => h.color)).not.toContain('yellow');
    expect(hits).toHaveLength(5);
  });
});

describe('results', () => {
  it('total counts every match; hits are the best `limit` of them', async () => {
    const all = await find('is:quote');
    expect(all.total).toBe(8);
    const three = await find('is:quote', 3);
    expect(three.hits).toHaveLength(3);
    expect(three.total).toBe(8);
    const bagram = await find('bagram');
    const first = await find('bagram', 1);
    expect(first.total).toBe(bagram.total);
    expect(ids(first.hits)).toEqual(ids(bagram.hits).slice(0, 1));
    expect(bagram.total).toBe(bagram.hits.length);
    expect(bagram.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('scores go down the list', async () => {
    const { hits } = await find('bagram years fight');
    expect(hits.length).toBeGreaterThan(2);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });

  it('an empty query, blank, or excluded words alone find nothing', async () => {
    for (const query of ['', '   ', '-bagram', '""'])
      expect(await find(query), JSON.stringify(query)).toEqual({ hits: [], total: 0, tookMs: 0 });
  });

  it('a quote hit: its text as title, its comment as detail, matches marked in both', async () => {
    const { hits } = await find('twenty yers stark');
    const hit = hits[0]!;
    expect(hit).toMatchObject({
      kind: 'quote',
      id: c.quotes.fight.id,
      documentId: c.docs.parwan.id,
      documentTitle: 'Field diary from Parwan',
      title: 'Defense Minister Mujahid said the army could fight for twenty years',
      detail: 'A stark warning',
      color: 'orange',
      tagIds: [c.tags.threat.id, c.tags.afghan.id],
      orphan: false,
    });
    expect(marked(hit.title, hit.titleMatches)).toEqual(['twenty', 'years']);
    expect(marked(hit.detail, hit.detailMatches)).toEqual(['stark']);
  });

  it('accents and curly apostrophes are marked where they are in the text', async () => {
    const herat = (await find('herat qazis')).hits[0]!;
    expect(herat.id).toBe(c.quotes.herat.id);
    expect(marked(herat.title, herat.titleMatches)).toEqual(['Hérat']);
    expect(marked(herat.detail, herat.detailMatches)).toEqual(['qazi’s']);
    const dont = (await find("don't")).hits[0]!;
    expect(marked(dont.title, dont.titleMatches)).toEqual(['don’t']);
    const prefix = (await find('sov')).hits.find((h) => h.kind === 'quote')!;
    expect(marked(prefix.title, prefix.titleMatches)).toEqual(['sovereignty']);
  });

  it('a note hit: its title, and the text around the match as detail', async () => {
    const { hits } = await find('kabul');
    const markets = hits.find((h) => h.id === c.notes.kabul.id)!;
    expect(markets).toMatchObject({ kind: 'note', title: 'Kabul markets', documentId: null });
    expect(marked(markets.title, markets.titleMatches)).toEqual(['Kabul']);
    const reading = hits.find((h) => h.id === c.notes.reading.id)!;
    expect(reading.title).toBe('Reading list');
    expect(reading.titleMatches).toEqual([]);
    expect(marked(reading.detail, reading.detailMatches)).toEqual(['Kabul']);
    // Markdown is shown as the reader sees it: no link target, no stars.
    const warning = (await find('threatened')).hits[0]!;
    expect(warning.id).toBe(c.notes.warning.id);
    expect(warning.detail).toBe('He threatened a long fight; see the report.');
    expect(marked(warning.detail, warning.detailMatches)).toEqual(['threatened']);
    expect(warning.documentTitle).toBe('Field diary from Parwan');
  });

  it('a tag hit: its path, its description as detail', async () => {
    const { hits } = await find('claims');
    expect(hits[0]).toMatchObject({
      kind: 'tag',
      id: c.tags.sovereignty.id,
      title: 'sovereignty',
      detail: 'Claims over land and bases.',
    });
    expect(marked(hits[0]!.detail, hits[0]!.detailMatches)).toEqual(['Claims']);
    const afghan = (await find('afghan is:tag')).hits[0]!;
    expect(afghan.title).toBe('actors/afghan');
    expect(marked(afghan.title, afghan.titleMatches)).toEqual(['afghan']);
  });

  it('a document hit: its title, author · source as detail', async () => {
    const { hits } = await find('ahmadi');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      kind: 'document',
      id: c.docs.parwan.id,
      documentId: c.docs.parwan.id,
      title: 'Field diary from Parwan',
      detail: 'Laila Ahmadi · Kabul Review',
      titleMatches: [],
    });
    expect(marked(hits[0]!.detail, hits[0]!.detailMatches)).toEqual(['Ahmadi']);
    const parwan = (await find('parwn')).hits[0]!;
    expect(marked(parwan.title, parwan.titleMatches)).toEqual(['Parwan']);
    expect((await find('cookbook')).hits[0]!.detail).toBe('Family cookbook');
  });

  it('the words of a phrase are marked', async () => {
    const hit = (await find('"twenty years"')).hits[0]!;
    expect(marked(hit.title, hit.titleMatches)).toEqual(['twenty', 'years']);
  });

  // BUG: markdownToPlain (excerpt.ts:9) deletes every `_`, `*` and backtick, also inside words,
  // so a note that says user_id is indexed as "userid" and shown as "userid" in its result; the
  // phrase "user_id" never finds it (the word query user_id only does as a near miss of "user").
  // Underscores inside a word are no emphasis in Markdown.
  it('a note with an identifier such as user_id is found by it and shown as written', async () => {
    const hit = (await find('user_id')).hits[0]!;
    expect(hit.id).toBe(c.notes.code.id);
    expect(hit.detail).toBe('Join the tables on the user_id column.');
    expect(await found('"user_id"')).toEqual([n(c.notes.code)]);
  });
});
