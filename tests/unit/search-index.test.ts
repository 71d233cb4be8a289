import { describe, expect, it } from 'vitest';
import {
  type FieldName,
  type IndexItem,
  SearchIndex,
} from '../../electron/notebook/search/search-index.ts';
import { parseQuery } from '../../shared/search/query.ts';

type Meta = { group: string };
const item = (
  id: string,
  fields: Partial<Record<FieldName, string>>,
  group = 'a',
): IndexItem<Meta> => ({ id, fields, meta: { group } });

function run(
  index: SearchIndex<Meta>,
  text: string,
  limit = 100,
  filter?: (i: IndexItem<Meta>) => boolean,
) {
  return index.search(parseQuery(text), { limit, ...(filter ? { filter } : {}) });
}
const idsOf = (index: SearchIndex<Meta>, text: string, limit = 100) =>
  run(index, text, limit).hits.map((h) => h.item.id);

describe('SearchIndex: adding, replacing, removing', () => {
  it('an empty index answers every query with nothing', () => {
    const index = new SearchIndex<Meta>();
    expect(index.size).toBe(0);
    for (const text of ['bagram', 'bag', '"twenty years"', 'bagram -trump', 'x y z', ''])
      expect(run(index, text), text).toEqual({ hits: [], total: 0, matchedTerms: [] });
    expect(index.has('x')).toBe(false);
    expect(index.get('x')).toBeUndefined();
    index.remove('x');
    expect(index.size).toBe(0);
  });

  it('set adds, set with the same id replaces, remove removes', () => {
    const index = new SearchIndex<Meta>();
    index.set(item('1', { quote: 'The convoy reached Bagram before dawn' }));
    index.set(item('2', { body: 'Three years of hearings' }));
    expect(index.size).toBe(2);
    expect(index.has('1')).toBe(true);
    expect(index.get('1')!.fields.quote).toBe('The convoy reached Bagram before dawn');
    expect(idsOf(index, 'bagram')).toEqual(['1']);

    index.set(item('1', { quote: 'Flights resumed in Kandahar' }));
    expect(index.size).toBe(2);
    expect(idsOf(index, 'bagram')).toEqual([]);
    expect(idsOf(index, 'convoy')).toEqual([]);
    expect(idsOf(index, 'kandahar')).toEqual(['1']);
    expect(index.get('1')!.fields.quote).toBe('Flights resumed in Kandahar');

    index.remove('1');
    expect(index.size).toBe(1);
    expect(index.has('1')).toBe(false);
    expect(idsOf(index, 'kandahar')).toEqual([]);
    expect(idsOf(index, 'hearings')).toEqual(['2']);
    // Removing twice, or something never added, changes nothing.
    index.remove('1');
    index.remove('nope');
    expect(index.size).toBe(1);
    // And an id can come back.
    index.set(item('1', { title: 'Bagram again' }));
    expect(idsOf(index, 'bagram')).toEqual(['1']);
  });

  it('an item is found by each of its fields, weighted title > quote = tags > body', () => {
    const index = new SearchIndex<Meta>();
    index.set(item('body', { body: 'About the convoy' }));
    index.set(item('tags', { tags: 'convoy logistics' }));
    index.set(item('quote', { quote: 'The convoy reached' }));
    index.set(item('title', { title: 'Convoy' }));
    index.set(item('none', { title: 'Nothing', quote: 'at', tags: 'all', body: 'here' }));
    const { hits, total } = run(index, 'convoy');
    expect(total).toBe(4);
    const order = hits.map((h) => h.item.id);
    expect(order[0]).toBe('title');
    expect(order.slice(1, 3).sort()).toEqual(['quote', 'tags']);
    expect(order[3]).toBe('body');
    const score = Object.fromEntries(hits.map((h) => [h.item.id, h.score]));
    expect(score.title! / score.body!).toBeCloseTo(1.6);
    expect(score.quote!).toBeCloseTo(score.tags!);
    expect(score.quote! / score.body!).toBeCloseTo(1.3);
    // A word in several fields of one item counts once, at its best field's weight.
    index.set(item('both', { title: 'Convoy', body: 'convoy convoy convoy' }));
    const again = run(index, 'convoy');
    expect(again.hits[0]!.score).toBeCloseTo(again.hits[1]!.score);
  });

  it('empty and missing fields are fine', () => {
    const index = new SearchIndex<Meta>();
    index.set(item('1', {}));
    index.set(item('2', { title: '', body: '   ' }));
    expect(index.size).toBe(2);
    expect(idsOf(index, 'anything')).toEqual([]);
    // With no words, filters alone see every item.
    expect(run(index, 'is:x', 10, () => true).total).toBe(2);
  });
});

describe('SearchIndex: matching', () => {
  const index = new SearchIndex<Meta>();
  index.set(item('convoy', { quote: 'The convoy reached Bagram before dawn' }));
  index.set(item('fight', { quote: 'We are ready to fight you for the next twenty years' }));
  index.set(item('budget', { quote: 'The committee spent three years on the budget' }));
  index.set(item('herat', { quote: 'In Hérat the old café reopened' }));
  index.set(item('dari', { quote: 'سلام دوست' }));

  it('exact, folded, typo and prefix', () => {
    expect(idsOf(index, 'Bagram')).toEqual(['convoy']);
    expect(idsOf(index, 'bgram')).toEqual(['convoy']);
    expect(idsOf(index, 'HERAT')[0]).toBe('herat');
    expect(idsOf(index, 'cafe')).toEqual(['herat']);
    expect(idsOf(index, 'dawn')).toEqual(['convoy']);
    expect(idsOf(index, 'daw')).toEqual(['convoy']); // while typing
    // After a space "daw" is a whole word: dawn is then only a near miss, scored lower.
    expect(run(index, 'daw').hits[0]!.score).toBeGreaterThan(
      run(index, 'daw ').hits[0]?.score ?? 0,
    );
    expect(idsOf(index, 'دوست')).toEqual(['dari']);
    // An exact match outranks a near miss and a prefix.
    const years = run(index, 'years');
    expect(years.total).toBe(2);
    const typo = run(index, 'yers');
    expect(typo.total).toBe(2);
    expect(typo.hits[0]!.score).toBeLessThan(years.hits[0]!.score);
    expect(typo.matchedTerms).toEqual(['years']);
  });

  it('matchedTerms are the vocabulary words the query resolved to', () => {
    expect(run(index, 'bgram').matchedTerms).toEqual(['bagram']);
    expect(run(index, 'bag').matchedTerms).toContain('bagram');
    expect(run(index, 'nothing').matchedTerms).toEqual([]);
  });

  it('rarer words weigh more: of two items matching one word each, the rare one first', () => {
    const local = new SearchIndex<Meta>();
    for (let i = 0; i < 10; i++) local.set(item(`common${i}`, { body: 'the base' }));
    local.set(item('rare', { body: 'the airfield' }));
    const hits = run(local, 'base airfield').hits.map((h) => h.item.id);
    expect(hits[0]).toBe('rare');
    expect(hits).toHaveLength(11);
  });

  it('items matching more of the words first; fewer than half of them drops an item', () => {
    const local = new SearchIndex<Meta>();
    local.set(item('one', { title: 'alpha' }));
    local.set(item('two', { body: 'alpha beta' }));
    local.set(item('three', { body: 'alpha beta gamma' }));
    local.set(item('four', { body: 'alpha beta gamma delta' }));
    expect(idsOf(local, 'alpha beta gamma delta ')).toEqual(['four', 'three', 'two']);
    // Half the words is enough to stay, after every item with both, even from a title.
    expect(idsOf(local, 'alpha beta ')).toEqual(['two', 'three', 'four', 'one']);
    expect(idsOf(local, 'alpha beta gamma ')).toEqual(['three', 'four', 'two']);
  });

  it('phrases need their words next to each other, in one field', () => {
    const local = new SearchIndex<Meta>();
    local.set(item('next', { quote: 'for the next twenty years' }));
    local.set(item('apart', { quote: 'twenty long years' }));
    local.set(item('split', { title: 'ends with twenty', body: 'years begin here' }));
    expect(idsOf(local, '"twenty years"')).toEqual(['next']);
    expect(idsOf(local, '"Twenty  Years"')).toEqual(['next']);
    expect(idsOf(local, '"twenty years" next')).toEqual(['next']);
    expect(idsOf(local, 'long "twenty years"')).toEqual([]);
    expect(idsOf(local, '"twenty years" "the next"')).toEqual(['next']);
    expect(idsOf(local, '"no such phrase"')).toEqual([]);
  });

  it('excluded words drop items that contain them in any field', () => {
    const local = new SearchIndex<Meta>();
    local.set(item('a', { quote: 'Bagram air base' }));
    local.set(item('b', { quote: 'Bagram prison', tags: 'detention' }));
    local.set(item('c', { quote: 'Bagram airfield', body: 'a note on the prison' }));
    expect(idsOf(local, 'bagram -prison')).toEqual(['a']);
    expect(idsOf(local, 'bagram -detention').sort()).toEqual(['a', 'c']);
    expect(idsOf(local, 'bagram -nothing')).toHaveLength(3);
    expect(idsOf(local, 'bagram -prison -air')).toEqual([]);
  });

  it('a query of 31 words or more neither crashes nor loses what matches', () => {
    const local = new SearchIndex<Meta>();
    const many = (
      'apple bridge candle dolphin engine forest garden harbor island jungle kettle lemon ' +
      'mirror needle orange pepper quartz rabbit saddle timber umbrella velvet walnut ' +
      'xylophone yogurt zipper anchor blanket cactus desert eagle falcon glacier hammer igloo ' +
      'jacket kitten ladder meadow napkin'
    ).split(' ');
    expect(many).toHaveLength(40);
    local.set(item('all', { body: many.join(' ') }));
    local.set(item('few', { body: 'apple bridge' }));
    const result = run(local, many.join(' '));
    expect(result.hits[0]!.item.id).toBe('all');
    expect(result.total).toBe(1);
    const longer = run(local, Array.from({ length: 200 }, (_, i) => `w${i}x`).join(' '));
    expect(longer.total).toBe(0);
    expect(run(local, `${many.join(' ')} "apple bridge"`).hits[0]!.item.id).toBe('all');
    expect(run(local, `${many.slice(0, 31).join(' ')} -napkin`).total).toBe(0);
  });
});

describe('SearchIndex: filter, limit and total', () => {
  const index = new SearchIndex<Meta>();
  for (let i = 0; i < 20; i++)
    index.set(
      item(`q${i}`, { quote: i % 2 ? 'convoy at dawn' : 'convoy' }, i < 5 ? 'five' : 'rest'),
    );

  it('total counts every match, hits are the best `limit`, best first', () => {
    const all = run(index, 'convoy dawn');
    expect(all.total).toBe(20);
    expect(all.hits).toHaveLength(20);
    const five = run(index, 'convoy dawn', 5);
    expect(five.total).toBe(20);
    expect(five.hits).toHaveLength(5);
    // The best five are among those with both words, which rank above the rest.
    for (const hit of five.hits) expect(hit.item.fields.quote).toBe('convoy at dawn');
    expect(all.hits.slice(0, 10).every((h) => h.item.fields.quote === 'convoy at dawn')).toBe(true);
    for (let i = 1; i < all.hits.length; i++)
      expect(all.hits[i]!.score).toBeLessThanOrEqual(all.hits[i - 1]!.score);
    expect(run(index, 'convoy', 1).hits).toHaveLength(1);
  });

  it('the filter decides what counts, in hits and in total', () => {
    const seen: string[] = [];
    const five = run(index, 'convoy', 100, (i) => {
      seen.push(i.id);
      return i.meta.group === 'five';
    });
    expect(five.total).toBe(5);
    expect(five.hits.map((h) => h.item.id).sort()).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
    expect(seen).toHaveLength(20);
    // Without words, the filter runs over every item.
    expect(run(index, '', 100, (i) => i.meta.group === 'rest').total).toBe(15);
    expect(run(index, 'nothing', 100, () => true).total).toBe(0);
  });

  it('scores do not leak from one search into the next', () => {
    const first = run(index, 'convoy dawn');
    run(index, 'convoy dawn', 100, () => false);
    run(index, 'dawn', 3);
    run(index, 'convoy zzz qqq rrr');
    const again = run(index, 'convoy dawn');
    expect(again.hits.map((h) => [h.item.id, h.score])).toEqual(
      first.hits.map((h) => [h.item.id, h.score]),
    );
  });
});

describe('SearchIndex: dead slots and compaction', () => {
  it('add 3,000 items, remove 2,500: results and size stay right', () => {
    const index = new SearchIndex<Meta>();
    const n = 3000;
    for (let i = 0; i < n; i++)
      index.set(
        item(`i${i}`, {
          title: `entry${i}`,
          body: `shared ${i % 2 ? 'odd' : 'even'} ${i % 3 === 0 ? 'fizz' : ''}`,
        }),
      );
    expect(index.size).toBe(n);
    const kept = new Set<string>();
    for (let i = 0; i < n; i++) {
      if (i % 6 === 0) kept.add(`i${i}`);
      else index.remove(`i${i}`);
    }
    expect(index.size).toBe(500);
    expect(kept.size).toBe(500);

    const shared = run(index, 'shared', 5000);
    expect(shared.total).toBe(500);
    expect(new Set(shared.hits.map((h) => h.item.id))).toEqual(kept);
    // i % 6 === 0: all even, all fizz.
    expect(run(index, 'odd', 5000).total).toBe(0);
    expect(run(index, 'even', 5000).total).toBe(500);
    expect(run(index, 'fizz', 5000).total).toBe(500);
    expect(idsOf(index, 'entry1')).not.toContain('i1');
    expect(run(index, 'entry6').hits[0]!.item.id).toBe('i6');
    expect(run(index, 'entry2994').hits[0]!.item.id).toBe('i2994');
    expect(index.get('i2994')!.fields.title).toBe('entry2994');
    expect(index.has('i2995')).toBe(false);

    // Replacing after compaction: the new text only.
    index.set(item('i6', { title: 'renamed', body: 'different' }));
    expect(index.size).toBe(500);
    expect(idsOf(index, 'renamed')).toEqual(['i6']);
    expect(run(index, 'shared', 5000).total).toBe(499);
    expect(run(index, 'entry6').hits.map((h) => h.item.id)).not.toContain('i6');
    // Removing everything left, and adding again.
    for (const id of kept) index.remove(id);
    expect(index.size).toBe(0);
    expect(run(index, 'shared').total).toBe(0);
    expect(run(index, '', 10, () => true).total).toBe(0);
    index.set(item('fresh', { body: 'shared' }));
    expect(idsOf(index, 'shared')).toEqual(['fresh']);
    expect(index.size).toBe(1);
  });

  it('many replacements of the same items keep one copy of each', () => {
    const index = new SearchIndex<Meta>();
    for (let round = 0; round < 30; round++)
      for (let i = 0; i < 100; i++) index.set(item(`i${i}`, { body: `round${round} item` }));
    expect(index.size).toBe(100);
    expect(run(index, 'item', 1000).total).toBe(100);
    expect(run(index, 'round29', 1000).total).toBe(100);
    expect(
      run(index, 'round0 ', 1000).hits.filter((h) => h.item.fields.body === 'round0 item'),
    ).toEqual([]);
  });
});

describe('SearchIndex: ranking after edits', () => {
  // BUG: search-index.ts:143: idf is `log(1 + live / list.length)` where `list` still holds the
  // dead slots of every earlier version of the items (until a compaction, which waits for more
  // than 1,000 dead slots and as many as live items). So each re-index of an item, even with the
  // same text, makes its words look commoner: a note edited often sinks below an identical one.
  it('re-indexing an item with the same text does not change how it ranks', () => {
    const index = new SearchIndex<Meta>();
    index.set(item('edited', { body: 'alpha' }));
    index.set(item('untouched', { body: 'beta' }));
    const before = run(index, 'alpha beta');
    for (let i = 0; i < 200; i++) index.set(item('edited', { body: 'alpha' }));
    const after = run(index, 'alpha beta');
    const score = (r: typeof after, id: string) => r.hits.find((h) => h.item.id === id)!.score;
    expect(score(after, 'edited')).toBeCloseTo(score(before, 'edited'));
    expect(score(after, 'edited')).toBeCloseTo(score(after, 'untouched'));
  });
});

describe('how loose a typo may be', () => {
  it('allows an edit budget by word length: near misses match, other words do not', () => {
    const local = new SearchIndex<Meta>();
    local.set(item('fitrat', { quote: 'Qari Fasihuddin Fitrat said' }));
    local.set(item('herat', { quote: 'trade through Herat resumed' }));
    local.set(item('years', { quote: 'for the next twenty years' }));
    expect(idsOf(local, 'herat ')).toEqual(['herat']);
    expect(idsOf(local, 'fitrta ')).toEqual(['fitrat']); // a transposition
    expect(idsOf(local, 'yers ')).toEqual(['years']); // a deletion
    expect(idsOf(local, 'mujahid ')).toEqual([]);
  });

  it('reads a possessive as the word itself', () => {
    const local = new SearchIndex<Meta>();
    local.set(item('m', { quote: 'Mujahid’s warning to Washington' }));
    expect(idsOf(local, 'mujahid ')).toEqual(['m']);
    expect(idsOf(local, '"mujahid warning"')).toEqual(['m']);
  });
});

describe('the bulk first build', () => {
  const texts = [
    { title: 'Convoy at dawn', body: 'Trucks crossed into Herat before dawn.', tags: 'logistics' },
    { quote: 'We don’t need it, Mujahid’s office said.', body: 'Qazi’s café — “quiet”' },
    { title: 'ΟΔΟΣ and Hérat', body: 'سلام دوست and the road to Hérat' },
    { body: 'for the next twenty years, twenty long years', tags: 'threat actors/afghan' },
  ];
  const items = Array.from({ length: 400 }, (_, i) =>
    item(`i${i}`, { ...texts[i % texts.length]!, title: `${texts[i % 4]!.title ?? ''} ${i}` }),
  );
  const queries = [
    'dawn',
    'herat',
    'hérat',
    'dont',
    'mujahid',
    'qazi',
    'cafe',
    'دوست',
    'οδοσ',
    'twenty yers',
    'thr',
    '"long years"',
    'convoy 17',
  ];

  it('finds exactly what setting each item finds, with the same scores', () => {
    const one = new SearchIndex<Meta>();
    for (const it of items) one.set(it);
    const bulk = new SearchIndex<Meta>();
    let steps = 0;
    for (const _ of bulk.load(items, 50)) steps++;
    expect(steps).toBeGreaterThan(5); // spread over turns
    expect(bulk.size).toBe(one.size);
    for (const q of queries) {
      const a = run(one, q, 20);
      const b = run(bulk, q, 20);
      expect(b.total, q).toBe(a.total);
      expect(
        b.hits.map((h) => [h.item.id, h.score.toFixed(6)]),
        q,
      ).toEqual(a.hits.map((h) => [h.item.id, h.score.toFixed(6)]));
    }
  });

  it('takes later changes like any index, and compacts dead postings in steps', () => {
    const bulk = new SearchIndex<Meta>();
    for (const _ of bulk.load(items));
    for (let round = 0; round < 30; round++)
      for (const it of items.slice(0, 400)) bulk.set({ ...it, fields: { ...it.fields } });
    expect(bulk.needsCompaction).toBe(true);
    const before = queries.map((q) => run(bulk, q, 20).hits.map((h) => h.item.id));
    let steps = 0;
    while (!bulk.compactStep(2)) steps++;
    expect(steps).toBeGreaterThan(1);
    expect(bulk.needsCompaction).toBe(false);
    expect(queries.map((q) => run(bulk, q, 20).hits.map((h) => h.item.id))).toEqual(before);
  });
});

describe('saved and restored (the cache file)', () => {
  const texts = [
    { title: 'Convoy at dawn', body: 'Trucks crossed into Herat before dawn.', tags: 'logistics' },
    { quote: 'We don’t need it, Mujahid’s office said.', body: 'Qazi’s café — “quiet”' },
    { title: 'ΟΔΟΣ and Hérat', body: 'سلام دوست and the road to Hérat' },
    { body: 'for the next twenty years, twenty long years', tags: 'threat actors/afghan' },
  ];
  const items = Array.from({ length: 300 }, (_, i) =>
    item(`i${i}`, { ...texts[i % texts.length]!, title: `${texts[i % 4]!.title ?? ''} ${i}` }),
  );
  const queries = ['dawn', 'herat', 'dont', 'mujahd', 'cafe', 'دوست', 'twenty yers', 'thr', 'con'];
  const answers = (index: SearchIndex<Meta>) =>
    queries.map((q) => {
      const r = run(index, q, 20);
      return [q, r.total, r.hits.map((h) => [h.item.id, h.score.toFixed(6)])];
    });
  const drain = <T>(work: Generator<void, T>): T => {
    for (;;) {
      const next = work.next();
      if (next.done) return next.value;
    }
  };

  /** An index edited after its bulk build: replaced, removed and added items, dead postings. */
  function edited() {
    const index = new SearchIndex<Meta>();
    drain(index.load(items));
    index.set(item('i5', { body: 'a zeppelin over Kandahar' }));
    index.remove('i6');
    index.set(item('new', { title: 'Palimpsest', body: 'and dawn again' }));
    return index;
  }

  function restored(from: SearchIndex<Meta>, attach: 'now' | 'lazily', made: string[] = []) {
    const snapshot = drain(from.snapshot())!;
    const index = new SearchIndex<Meta>();
    drain(index.restore({ ...snapshot }));
    index.resolveWith((_slot, raw) => {
      made.push((raw as IndexItem<Meta>).id);
      return raw as IndexItem<Meta>;
    });
    snapshot.items.forEach((it, slot) => {
      if (attach === 'now') index.attachAt(slot, it);
      else index.attachLazily(slot, it);
    });
    return index;
  }

  it('answers exactly as the index it was saved from, edits and all', () => {
    const original = edited();
    expect(answers(restored(original, 'now'))).toEqual(answers(original));
    expect(idsOf(restored(original, 'now'), 'zeppelin')).toEqual(['i5']);
    expect(idsOf(restored(original, 'now'), 'palimpsest')).toEqual(['new']);
  });

  it('items attached lazily are made only when a search shows, filters or re-ranks them', () => {
    const made: string[] = [];
    const index = restored(edited(), 'lazily', made);
    expect(run(index, 'dawn', 3).total).toBeGreaterThan(50);
    expect(made.length).toBe(3);
    expect(answers(index)).toEqual(answers(edited()));
  });

  it('takes edits after a restore: its items are removed by their words, without their text', () => {
    const original = edited();
    const index = restored(original, 'lazily');
    // The text an item was indexed with is not asked for: it may have changed in place.
    for (const target of [index, original]) {
      target.set(item('i1', { body: 'now about the zeppelin' }));
      target.remove('i2');
      target.set(item('i7', { title: 'Gazetteer' }));
    }
    expect(answers(index)).toEqual(answers(original));
    expect(idsOf(index, 'zeppelin').sort()).toEqual(['i1', 'i5']);
    expect(idsOf(index, 'gazetteer')).toEqual(['i7']);
    expect(index.size).toBe(original.size);
  });

  it('restored slots left without an item are dropped, their words with them', () => {
    const original = edited();
    const snapshot = drain(original.snapshot())!;
    const index = new SearchIndex<Meta>();
    drain(index.restore(snapshot));
    const dropped = new Set(['i0', 'i4', 'i8', 'new']);
    snapshot.items.forEach((it, slot) => {
      if (!dropped.has(it.id)) index.attachAt(slot, it);
    });
    expect(drain(index.dropWaiting())).toBe(dropped.size);
    for (const id of dropped) original.remove(id);
    expect(answers(index)).toEqual(answers(original));
    expect(idsOf(index, 'palimpsest')).toEqual([]);
    expect(index.size).toBe(original.size);
  });

  it('a snapshot taken in steps gives up if the index changes between two', () => {
    const index = new SearchIndex<Meta>();
    drain(index.load(Array.from({ length: 12_000 }, (_, i) => item(`n${i}`, { body: `w${i}` }))));
    const steps = index.snapshot();
    expect(steps.next().done).toBe(false);
    index.set(item('late', { body: 'late' }));
    let next = steps.next();
    while (!next.done) next = steps.next();
    expect(next.value).toBeNull();
    // Untouched, it completes.
    expect(drain(index.snapshot())?.items.length).toBe(12_001);
  });

  it('a restore refuses data that does not hold together', () => {
    const snapshot = drain(edited().snapshot())!;
    const broken = { ...snapshot, offsets: snapshot.offsets.slice(1) };
    expect(() => drain(new SearchIndex<Meta>().restore(broken))).toThrow(/damaged/);
  });
});

describe('what the review found', () => {
  it('a 2,000-letter word (a pasted hash) is matched exactly, not fuzzily', () => {
    const local = new SearchIndex<Meta>();
    const hash = 'a1b2c3d4'.repeat(250);
    local.set(item('h', { body: `checksum ${hash}` }));
    local.set(item('o', { body: 'other text' }));
    expect(idsOf(local, `${hash} `)).toEqual(['h']);
    expect(idsOf(local, `${hash.slice(0, 1999)}x `)).toEqual([]);
  });

  it('a word no item holds any more does not stop typo matching', () => {
    const local = new SearchIndex<Meta>();
    local.set(item('w', { body: 'the weather in kabul' }));
    expect(idsOf(local, 'kabl ')).toEqual(['w']);
    local.set(item('draft', { body: 'teh kabl' }));
    local.set(item('draft', { body: 'the kabul' }));
    expect(idsOf(local, 'kabl ').sort()).toEqual(['draft', 'w']);
    expect(idsOf(local, 'teh ').sort()).toEqual(['draft', 'w']);
  });

  it('a search whose filter throws leaves nothing behind for the next one', () => {
    const local = new SearchIndex<Meta>();
    local.set(item('k', { body: 'kabul rain' }));
    expect(() =>
      local.search(parseQuery('kabul'), {
        limit: 10,
        filter: () => {
          throw new Error('boom');
        },
      }),
    ).toThrow('boom');
    expect(idsOf(local, 'rain')).toEqual(['k']);
    expect(run(local, 'kabul').hits[0]!.score).toBeCloseTo(run(local, 'kabul').hits[0]!.score);
  });

  it('a bulk load given one id twice keeps the last, as set does', () => {
    const local = new SearchIndex<Meta>();
    for (const _ of local.load([item('x', { body: 'first' }), item('x', { body: 'second' })]));
    expect(local.size).toBe(1);
    expect(idsOf(local, 'second')).toEqual(['x']);
    expect(idsOf(local, 'first')).toEqual([]);
  });

  it('a common phrase is checked only where it could rank, and still found', () => {
    const local = new SearchIndex<Meta>();
    for (let i = 0; i < 5000; i++)
      local.set(item(`n${i}`, { body: i % 2 ? 'of the base' : 'the base of' }));
    const result = run(local, '"of the"', 10);
    expect(result.hits).toHaveLength(10);
    for (const hit of result.hits) expect(hit.item.fields.body).toContain('of the');
    expect(result.total).toBeGreaterThanOrEqual(2500);
  });
});
