import { describe, expect, it } from 'vitest';
import { excerptAround, markdownToPlain } from '../../shared/search/excerpt.ts';
import { isEmptyQuery, parseQuery, type SearchQuery } from '../../shared/search/query.ts';
import { foldText, foldWithOffsets, matchRanges, tokenize } from '../../shared/search/text.ts';
import { marked } from './search-fixtures.ts';

const none: SearchQuery = {
  words: [],
  phrases: [],
  excluded: [],
  excludedPhrases: [],
  tags: [],
  excludedTags: [],
  docs: [],
  excludedDocs: [],
  collections: [],
  excludedCollections: [],
  colors: [],
  excludedColors: [],
  is: [],
  excludedIs: [],
  lastIsPrefix: false,
};
const query = (fields: Partial<SearchQuery>): SearchQuery => ({ ...none, ...fields });

describe('foldText', () => {
  it('lower-cases and folds accents, so every spelling of a name is the same word', () => {
    expect(foldText('Fitrat')).toBe('fitrat');
    expect(foldText('FITRAT')).toBe('fitrat');
    expect(foldText('Fítrat')).toBe('fitrat');
    expect(foldText('Hérat')).toBe('herat');
    expect(foldText('ÀÉÎÕÜ çñ øå')).toBe('aeiou cn øa');
    // Already decomposed input (e + combining acute) folds the same as the composed form.
    expect(foldText('He\u0301rat')).toBe('herat');
    expect(foldText('İstanbul')).toBe('istanbul');
  });

  it('makes apostrophes vanish, straight or curly, so don’t = don’t = dont', () => {
    expect(foldText('don’t')).toBe('dont');
    expect(foldText("don't")).toBe('dont');
    expect(foldText('donʼt')).toBe('dont');
    // A possessive is the word itself.
    expect(foldText('Mujahid’s café')).toBe('mujahid cafe');
  });

  it('makes typographic quotes and dashes plain', () => {
    expect(foldText('“Bagram”')).toBe('"bagram"');
    expect(foldText('„Bagram“')).toBe('"bagram"');
    expect(foldText('«Bagram»')).toBe('"bagram"');
    expect(foldText('‘Bagram’')).toBe('bagram');
    expect(foldText('2001–2021 — twenty')).toBe('2001-2021 - twenty');
  });

  it('leaves plain ASCII alone apart from case', () => {
    expect(foldText('Bagram Air Base, 20 years')).toBe('bagram air base, 20 years');
    expect(foldText('')).toBe('');
  });
});

describe('tokenize', () => {
  it('splits on everything that is neither a letter nor a digit', () => {
    expect(tokenize('Bagram Air-Base: 20 years!')).toEqual([
      'bagram',
      'air',
      'base',
      '20',
      'years',
    ]);
    expect(tokenize('U.S. troops, 31.06 miles')).toEqual(['u', 's', 'troops', '31', '06', 'miles']);
    expect(tokenize('   ')).toEqual([]);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('— … !')).toEqual([]);
  });

  it('folds before splitting: apostrophes join, accents fold, quotes separate', () => {
    expect(tokenize('We don’t need it')).toEqual(['we', 'dont', 'need', 'it']);
    expect(tokenize('“A deal over even an inch”')).toEqual([
      'a',
      'deal',
      'over',
      'even',
      'an',
      'inch',
    ]);
    expect(tokenize('Hérat, Fítrat')).toEqual(['herat', 'fitrat']);
    expect(tokenize('Fitrat')).toEqual(tokenize('fitrat'));
  });

  it('keeps Dari and Arabic words as words (letters, not separators)', () => {
    expect(tokenize('سلام دوست')).toEqual(['سلام', 'دوست']);
    // The Arabic comma separates; the vowel marks (harakat) fold away like accents.
    expect(tokenize('کابل، هرات')).toEqual(['کابل', 'هرات']);
    expect(tokenize('سَلام')).toEqual(['سلام']);
    expect(tokenize('Kabul کابل 2021')).toEqual(['kabul', 'کابل', '2021']);
  });

  it('keeps other scripts and digits as words', () => {
    expect(tokenize('Straße 12 Ελλάδα')).toEqual(['straße', '12', 'ελλαδα']);
  });
});

describe('parseQuery', () => {
  it('an empty or blank query is empty', () => {
    expect(parseQuery('')).toEqual(none);
    expect(parseQuery('   \t ')).toEqual(none);
    expect(isEmptyQuery(parseQuery(''))).toBe(true);
    expect(isEmptyQuery(parseQuery('  '))).toBe(true);
    expect(parseQuery('""')).toEqual(none);
    expect(parseQuery('-')).toEqual(none);
    expect(parseQuery(' !!! ')).toEqual(none);
  });

  it('words are folded and split, white space of any kind separates them', () => {
    expect(parseQuery('Fight  20\tYERS')).toEqual(
      query({ words: ['fight', '20', 'yers'], lastIsPrefix: true }),
    );
    expect(parseQuery('Hérat Fítrat').words).toEqual(['herat', 'fitrat']);
    expect(parseQuery('don’t').words).toEqual(['dont']);
    expect(parseQuery("don't").words).toEqual(['dont']);
    expect(parseQuery('سلام دوست').words).toEqual(['سلام', 'دوست']);
    expect(isEmptyQuery(parseQuery('bagram'))).toBe(false);
  });

  it('lastIsPrefix: the last word is still being typed unless white space follows it', () => {
    expect(parseQuery('fight 20 ye').lastIsPrefix).toBe(true);
    expect(parseQuery('fight 20 ye ').lastIsPrefix).toBe(false);
    expect(parseQuery('fight 20 ye\n').lastIsPrefix).toBe(false);
    expect(parseQuery('bag').lastIsPrefix).toBe(true);
    // A finished phrase, an excluded word or a filter at the end is no word being typed.
    expect(parseQuery('fight "twenty years"').lastIsPrefix).toBe(false);
    expect(parseQuery('fight -inch').lastIsPrefix).toBe(false);
    expect(parseQuery('fight tag:threat').lastIsPrefix).toBe(false);
    expect(parseQuery('"bagram"').lastIsPrefix).toBe(false);
    expect(parseQuery('tag:threat').lastIsPrefix).toBe(false);
    expect(parseQuery('').lastIsPrefix).toBe(false);
    // …but a word after a filter is.
    expect(parseQuery('tag:threat fig').lastIsPrefix).toBe(true);
  });

  it('every filter, with its key in any case, and its value folded', () => {
    expect(parseQuery('tag:Threat')).toEqual(query({ tags: ['threat'] }));
    expect(parseQuery('TAG:threat')).toEqual(query({ tags: ['threat'] }));
    expect(parseQuery('-tag:actors/afghan')).toEqual(query({ excludedTags: ['actors/afghan'] }));
    expect(parseQuery('doc:Bagram')).toEqual(query({ docs: ['bagram'] }));
    expect(parseQuery('color:Yellow')).toEqual(query({ colors: ['yellow'] }));
    expect(parseQuery('colour:green')).toEqual(query({ colors: ['green'] }));
    expect(parseQuery('is:orphan')).toEqual(query({ is: ['orphan'] }));
    expect(parseQuery('is:Quotes')).toEqual(query({ is: ['quotes'] }));
    expect(parseQuery('doc:Hérat')).toEqual(query({ docs: ['herat'] }));
    for (const filter of ['tag:x', '-tag:x', 'doc:x', 'color:x', 'colour:x', 'is:x'])
      expect(isEmptyQuery(parseQuery(filter)), filter).toBe(false);
  });

  it('filters and words combine, in any order, and filters repeat', () => {
    expect(parseQuery('fight tag:threat is:quote yers -tag:us doc:bagram tag:afghan')).toEqual(
      query({
        words: ['fight', 'yers'],
        tags: ['threat', 'afghan'],
        excludedTags: ['us'],
        docs: ['bagram'],
        is: ['quote'],
      }),
    );
  });

  it('a filter value may be quoted, with spaces, even left open while typing', () => {
    expect(parseQuery('tag:"open questions"')).toEqual(query({ tags: ['open questions'] }));
    expect(parseQuery('-tag:"Open Questions" fight')).toEqual(
      query({ excludedTags: ['open questions'], words: ['fight'], lastIsPrefix: true }),
    );
    expect(parseQuery('doc:"Bagram Air" is:quote')).toEqual(
      query({ docs: ['bagram air'], is: ['quote'] }),
    );
    expect(parseQuery('tag:"open questions')).toEqual(query({ tags: ['open questions'] }));
    // An empty value is no filter at all.
    expect(parseQuery('tag:""')).toEqual(none);
    expect(parseQuery('tag:"  " bagram').words).toEqual(['bagram']);
  });

  it('key:value that is no filter is searched as text (times, URLs, ratios)', () => {
    expect(parseQuery('10:30')).toEqual(query({ words: ['10', '30'], lastIsPrefix: true }));
    expect(parseQuery('https://x.org')).toEqual(
      query({ words: ['https', 'x', 'org'], lastIsPrefix: true }),
    );
    expect(parseQuery('note:bagram').words).toEqual(['note', 'bagram']);
    expect(parseQuery('a:b:c').words).toEqual(['a', 'b', 'c']);
    expect(parseQuery('meeting at 10:30 ').words).toEqual(['meeting', 'at', '10', '30']);
    expect(parseQuery('meeting at 10:30 ').lastIsPrefix).toBe(false);
    expect(parseQuery('-https://x.org bagram').excluded).toEqual(['https', 'x', 'org']);
  });

  it('phrases with straight quotes, curly quotes, or left open', () => {
    const phrase = query({ phrases: [['twenty', 'years']] });
    expect(parseQuery('"twenty years"')).toEqual(phrase);
    expect(parseQuery('“twenty years”')).toEqual(phrase);
    expect(parseQuery('„twenty years“')).toEqual(phrase);
    expect(parseQuery('"Twenty  Years')).toEqual(phrase);
    expect(parseQuery('“We don’t need it”')).toEqual(
      query({ phrases: [['we', 'dont', 'need', 'it']] }),
    );
    expect(parseQuery('fight "next 20 years" "an inch"')).toEqual(
      query({
        words: ['fight'],
        phrases: [
          ['next', '20', 'years'],
          ['an', 'inch'],
        ],
      }),
    );
    // A quoted single word is a plain (whole) word.
    // One quoted word is exact, like a phrase: no typo tolerance.
    expect(parseQuery('"Bagram"')).toEqual(query({ phrases: [['bagram']] }));
    expect(isEmptyQuery(parseQuery('"twenty years"'))).toBe(false);
  });

  it('-word excludes words; a dash inside a word or alone does not', () => {
    expect(parseQuery('bagram -trump')).toEqual(query({ words: ['bagram'], excluded: ['trump'] }));
    expect(parseQuery('-Trump -Hérat')).toEqual(query({ excluded: ['trump', 'herat'] }));
    expect(parseQuery('air-base').words).toEqual(['air', 'base']);
    expect(parseQuery('bagram - trump').words).toEqual(['bagram', 'trump']);
    expect(parseQuery('bagram -don’t').excluded).toEqual(['dont']);
    // Excluded words alone search nothing: there is nothing to look for.
    expect(isEmptyQuery(parseQuery('-trump'))).toBe(true);
  });

  // BUG: the minus of `-doc:`, `-color:`/`-colour:` and `-is:` is dropped (query.ts:50-53: only `tag`
  // looks at `minus`), so `-color:yellow` means "only yellow quotes", the opposite of what was
  // typed. Whatever negated filters should do, they must not become the positive filter.
  it('a negated doc:, color: or is: filter never becomes the positive filter', () => {
    expect(parseQuery('-doc:bagram').docs).toEqual([]);
    expect(parseQuery('-color:yellow').colors).toEqual([]);
    expect(parseQuery('-colour:yellow').colors).toEqual([]);
    expect(parseQuery('-is:orphan').is).toEqual([]);
  });
});

describe('matchRanges', () => {
  it('marks whole words and word starts, never the inside of a word', () => {
    const text = 'Bagram, the Bagram Air Base; abagram';
    expect(marked(text, matchRanges(text, ['bagram']))).toEqual(['Bagram', 'Bagram']);
    expect(matchRanges(text, ['bagram'])).toEqual([
      [0, 6],
      [12, 18],
    ]);
    expect(marked(text, matchRanges(text, ['ba']))).toEqual(['Ba', 'Ba', 'Ba']);
    expect(matchRanges('subway', ['way'])).toEqual([]);
  });

  it('points at the original characters of accented text', () => {
    const text = 'In Hérat and HERAT and herat';
    const ranges = matchRanges(text, ['herat']);
    expect(marked(text, ranges)).toEqual(['Hérat', 'HERAT', 'herat']);
    // Decomposed accents: the combining mark belongs to the marked word.
    const decomposed = 'Fi\u0301trat said';
    expect(matchRanges(decomposed, ['fitrat'])).toEqual([[0, 7]]);
    expect(marked(decomposed, matchRanges(decomposed, ['fitrat']))).toEqual(['Fi\u0301trat']);
    // Characters before the match that take two code units (an emoji) or fold to nothing.
    const emoji = '😀 Fítrat';
    expect(marked(emoji, matchRanges(emoji, ['fitrat']))).toEqual(['Fítrat']);
    expect(marked('İstanbul', matchRanges('İstanbul', ['istanbul']))).toEqual(['İstanbul']);
  });

  it('marks a word written with a curly apostrophe as a whole', () => {
    const text = 'We don’t need it. Mujahid’s warning';
    expect(marked(text, matchRanges(text, ['dont', 'mujahids']))).toEqual(['don’t', 'Mujahid’s']);
  });

  it('marks Dari words', () => {
    const text = 'painted with سلام دوست in Dari';
    expect(marked(text, matchRanges(text, ['دوست']))).toEqual(['دوست']);
  });

  it('merges overlapping and touching matches and returns them in order', () => {
    const text = 'Bagram Air Base';
    expect(matchRanges(text, ['base', 'bag', 'bagram', 'air'])).toEqual([
      [0, 6],
      [7, 10],
      [11, 15],
    ]);
    expect(matchRanges('twenty years', ['twenty years', 'years'])).toEqual([[0, 12]]);
  });

  it('nothing to mark with no words, an empty word or an empty text', () => {
    expect(matchRanges('Bagram', [])).toEqual([]);
    expect(matchRanges('Bagram', [''])).toEqual([]);
    expect(matchRanges('', ['bagram'])).toEqual([]);
  });

  it('foldWithOffsets maps every folded character to its original', () => {
    const { folded, offsets } = foldWithOffsets('Hé’s');
    expect(folded).toBe('hes');
    expect(offsets).toEqual([0, 1, 3, 4]);
  });

  // BUG: the index folds whole texts (tokenize → foldText(text)), matchRanges folds one
  // character at a time (foldWithOffsets). Where lower-casing depends on context they differ: a
  // Greek capital Σ at the end of a word lower-cases to final ς in the text but to σ alone, so a
  // word found by search is not marked. text.ts:44 (foldText per character).
  it('marks every word that tokenize finds in the same text (Greek final sigma)', () => {
    const text = 'ΟΔΟΣ';
    expect(matchRanges(text, tokenize(text))).toEqual([[0, 4]]);
  });
});

describe('markdownToPlain', () => {
  it('keeps what a reader sees: link and image text, not targets or markup', () => {
    expect(
      markdownToPlain(
        '# Heading\n\n> A **bold** quote by _Fitrat_\n\n- see [the report](https://example.org/bagram)\n- ![map of Bagram](map.png) and `code`',
      ),
    ).toBe('Heading A bold quote by Fitrat see the report map of Bagram and code');
    expect(markdownToPlain('')).toBe('');
    expect(markdownToPlain('  plain   text\n\nagain  ')).toBe('plain text again');
  });
});

describe('excerptAround', () => {
  const words = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => `word${from + i}`).join(' ');

  it('a short text is shown whole, with all its matches', () => {
    const text = 'Fitrat said Fitrat';
    expect(excerptAround(text, ['fitrat'])).toEqual({
      text,
      matches: [
        [0, 6],
        [12, 18],
      ],
    });
  });

  it('a long text shows a window around the first match, starting at a word', () => {
    const text = `${words(60)} Hérat reopened ${words(60, 100)}`;
    const excerpt = excerptAround(text, ['herat'], 120);
    expect(excerpt.text.startsWith('…word')).toBe(true);
    expect(excerpt.text.endsWith('…')).toBe(true);
    expect(excerpt.text.length).toBeLessThanOrEqual(122);
    expect(excerpt.text).toContain('Hérat reopened');
    expect(marked(excerpt.text, excerpt.matches)).toEqual(['Hérat']);
    // The match sits in the first part of the window, with context before it.
    expect(excerpt.matches[0]![0]).toBeGreaterThan(10);
    expect(excerpt.matches[0]![0]).toBeLessThanOrEqual(41);
  });

  it('a match near the start or no match at all starts the window at the beginning', () => {
    const long = `Bagram ${words(80)}`;
    const atStart = excerptAround(long, ['bagram'], 100);
    expect(atStart.text.startsWith('Bagram word0')).toBe(true);
    expect(atStart.text.endsWith('…')).toBe(true);
    expect(atStart.matches).toEqual([[0, 6]]);
    const noMatch = excerptAround(words(80), ['bagram'], 100);
    expect(noMatch.text.startsWith('word0 ')).toBe(true);
    expect(noMatch.matches).toEqual([]);
  });

  it('a match at the very end: the window ends with the text', () => {
    const text = `${words(80)} Bagram`;
    const excerpt = excerptAround(text, ['bagram'], 100);
    expect(excerpt.text.endsWith('Bagram')).toBe(true);
    expect(excerpt.text.startsWith('…')).toBe(true);
    expect(marked(excerpt.text, excerpt.matches)).toEqual(['Bagram']);
  });

  it('keeps only the matches inside the window, shifted into it', () => {
    const text = `${words(10)} fight ${words(100, 10)} fight`;
    const excerpt = excerptAround(text, ['fight'], 100);
    expect(marked(excerpt.text, excerpt.matches)).toEqual(['fight']);
  });
});
