// Text anchoring: describeRange (selectors, 32-char context, surrogate-safe edges) and anchor
// (re-anchoring a stored annotation after the text changed). Exercised on the sample article with
// edits before, inside and after the quote, duplicated quotes, orphans, curly quotes, RTL script
// (Dari and Arabic) and emoji, plus a seeded property check over random ranges of the article.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AnchorResult, anchor } from '../../shared/anchoring/anchor.ts';
import {
  CONTEXT_LENGTH,
  describeRange,
  snapToCodePoints,
} from '../../shared/anchoring/describe.ts';
import { paragraphsFromPlainText } from '../../shared/text/plain-text.ts';

const ARTICLE = paragraphsFromPlainText(
  readFileSync(new URL('../../resources/seed-article.txt', import.meta.url), 'utf8'),
).text;

const FIGHT = 'we are ready to fight you for the next 20 years';
const TROOPS = 'never accepted foreign troops in their territory';
const EMBARRASSING = 'the most embarrassing day in the history of our country';

/** Start offset of the `nth` (0-based) occurrence of `quote`; fails the test if there is none. */
function indexOfNth(text: string, quote: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`occurrence ${nth} of ${JSON.stringify(quote)} not found`);
  }
  return at;
}

/** Selectors for the `nth` occurrence of `quote` in `text`. */
function select(text: string, quote: string, nth = 0) {
  const start = indexOfNth(text, quote, nth);
  return describeRange(text, start, start + quote.length);
}

/** Replace exactly one occurrence of `from` (which must be unique) with `to`. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) {
    throw new Error(`${JSON.stringify(from)} must occur exactly once`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Narrow an AnchorResult to the anchored case, failing with the orphan reason otherwise. */
function anchored(result: AnchorResult) {
  if (result.status !== 'anchored') {
    throw new Error(`expected anchored, got orphan: ${result.reason}`);
  }
  return result;
}

function expectOrphan(result: AnchorResult) {
  expect(result.status).toBe('orphan');
  if (result.status === 'orphan') expect(result.reason.trim().length).toBeGreaterThan(0);
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `s` has no lone surrogate at either end. */
function wellFormedEdges(s: string): boolean {
  return s.length === 0 || (!isLow(s.charCodeAt(0)) && !isHigh(s.charCodeAt(s.length - 1)));
}

/** Small deterministic PRNG (mulberry32) for the property checks. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the sample article fixture', () => {
  it('is the canonical one-paragraph-per-line text the examples rely on', () => {
    expect(ARTICLE.startsWith('Afghan officials on Sunday')).toBe(true);
    expect(ARTICLE.split('\n')).toHaveLength(17);
    expect(ARTICLE.indexOf(FIGHT)).toBe(739);
    expect(ARTICLE.indexOf(TROOPS)).toBe(1232);
    expect(ARTICLE).toContain('doesn’t');
    expect(ARTICLE).toContain('We’ll');
  });
});

describe('describeRange', () => {
  it('records the position, the exact quote and 32 characters of context on each side', () => {
    const { position, quote } = select(ARTICLE, FIGHT);
    expect(position).toEqual({ type: 'TextPositionSelector', start: 739, end: 786 });
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: FIGHT,
      prefix: "n't leave and want the airport, ",
      suffix: '," Mujahid said.\nQari Fasihuddin',
    });
    expect(CONTEXT_LENGTH).toBe(32);
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
    expect(quote.prefix + quote.exact + quote.suffix).toBe(ARTICLE.slice(739 - 32, 786 + 32));
  });

  it('keeps a shorter prefix at the start of the text', () => {
    const { position, quote } = describeRange(ARTICLE, 7, 16);
    expect(position).toMatchObject({ start: 7, end: 16 });
    expect(quote.exact).toBe('officials');
    expect(quote.prefix).toBe('Afghan ');
    expect(quote.suffix).toBe(' on Sunday staunchly rejected de');

    const atZero = describeRange(ARTICLE, 0, 6);
    expect(atZero.quote.exact).toBe('Afghan');
    expect(atZero.quote.prefix).toBe('');
  });

  it('keeps a shorter suffix at the end of the text', () => {
    const { position, quote } = select(ARTICLE, 'wanting to reacquire it.');
    expect(position.end).toBe(ARTICLE.length);
    expect(quote.suffix).toBe('');
    expect(quote.prefix).toBe('ear weapons as a key reason for ');

    const nearEnd = select(ARTICLE, 'wanting to');
    expect(nearEnd.quote.suffix).toBe(' reacquire it.');
  });

  it('clamps out-of-range offsets to the text', () => {
    const { position, quote } = describeRange('short text', -5, 99);
    expect(position).toMatchObject({ start: 0, end: 10 });
    expect(quote).toMatchObject({ exact: 'short text', prefix: '', suffix: '' });
  });

  it('widens a range that would split an emoji at either edge', () => {
    const text = 'Thumbs 👍🏽 up';
    // 'Thumbs ' = 0..7, 👍 = 7..9, 🏽 = 9..11, ' up' = 11..14.
    expect(snapToCodePoints(text, 8, 10)).toEqual([7, 11]);
    const { position, quote } = describeRange(text, 8, 10);
    expect(position).toMatchObject({ start: 7, end: 11 });
    expect(quote.exact).toBe('👍🏽');
    expect(quote.prefix).toBe('Thumbs ');
    expect(quote.suffix).toBe(' up');
    // Edges already on code-point boundaries are left alone (the skin tone is its own code point).
    expect(snapToCodePoints(text, 7, 9)).toEqual([7, 9]);
    expect(describeRange(text, 9, 11).quote.exact).toBe('🏽');
  });

  it('widens a collapsed range inside an emoji to the whole code point', () => {
    const text = 'a😀b';
    expect(snapToCodePoints(text, 2, 2)).toEqual([1, 3]);
    expect(describeRange(text, 2, 2).quote.exact).toBe('😀');
  });

  it('never splits an emoji at the far edge of the prefix or suffix', () => {
    // 31 filler characters, then the emoji: the 32nd character before the quote is the emoji's low
    // surrogate, so the prefix grows to 33 code units instead of starting with half an emoji.
    const filler = 'x'.repeat(31);
    const text = `😀${filler}QUOTE${filler}😀`;
    const { position, quote } = describeRange(text, 33, 38);
    expect(quote.exact).toBe('QUOTE');
    expect(position).toMatchObject({ start: 33, end: 38 });
    expect(quote.prefix).toBe(`😀${filler}`);
    expect(quote.prefix).toHaveLength(33);
    expect(quote.suffix).toBe(`${filler}😀`);
    expect(quote.suffix).toHaveLength(33);
    expect(wellFormedEdges(quote.prefix)).toBe(true);
    expect(wellFormedEdges(quote.suffix)).toBe(true);
  });

  it('never produces a lone surrogate anywhere in an emoji-dense text', () => {
    const text = 'a👍🏽b👨‍👩‍👧c😀d🇦🇫e'.repeat(6);
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= Math.min(text.length, start + 12); end++) {
        const { position, quote } = describeRange(text, start, end);
        expect(position.start).toBeLessThanOrEqual(start);
        expect(position.end).toBeGreaterThanOrEqual(end);
        expect(quote.exact).toBe(text.slice(position.start, position.end));
        for (const part of [quote.exact, quote.prefix, quote.suffix]) {
          expect(wellFormedEdges(part)).toBe(true);
        }
        expect(quote.prefix.length).toBeLessThanOrEqual(CONTEXT_LENGTH + 1);
        expect(quote.suffix.length).toBeLessThanOrEqual(CONTEXT_LENGTH + 1);
      }
    }
  });
});

describe('anchor: unchanged text', () => {
  it('keeps the stored position', () => {
    const selectors = select(ARTICLE, TROOPS);
    expect(anchor(ARTICLE, selectors)).toEqual({
      status: 'anchored',
      start: 1232,
      end: 1280,
      method: 'position',
      score: 1,
    });
  });
});

describe('anchor: edits before the quote', () => {
  const selectors = select(ARTICLE, FIGHT);

  it('follows the quote when a sentence is inserted earlier', () => {
    const inserted = ' Kabul was quiet on Sunday morning.';
    const edited = replaceOnce(
      ARTICLE,
      'any foreign military presence.',
      `any foreign military presence.${inserted}`,
    );
    const result = anchored(anchor(edited, selectors));
    expect(result.method).toBe('exact');
    expect(result.start).toBe(739 + inserted.length);
    expect(result.end).toBe(786 + inserted.length);
    expect(edited.slice(result.start, result.end)).toBe(FIGHT);
  });

  it('follows the quote when a paragraph is inserted at the very top', () => {
    const inserted = 'KABUL (Agencies) — Updated with comments from the defense ministry.\n';
    const edited = inserted + ARTICLE;
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'exact', start: 739 + inserted.length });
    expect(edited.slice(result.start, result.end)).toBe(FIGHT);
  });

  it('follows the quote when an earlier paragraph is deleted', () => {
    const paragraphs = ARTICLE.split('\n');
    const removed = `${paragraphs[1]}\n`;
    const edited = paragraphs.filter((_, i) => i !== 1).join('\n');
    const result = anchored(anchor(edited, selectors));
    expect(result.method).toBe('exact');
    expect(result.start).toBe(739 - removed.length);
    expect(result.end).toBe(786 - removed.length);
    expect(edited.slice(result.start, result.end)).toBe(FIGHT);
  });

  it('follows the quote when the word right before it changes (inside the prefix)', () => {
    const edited = replaceOnce(ARTICLE, 'want the airport, we are', 'want the air base, we are');
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'exact', start: 740, end: 787 });
    expect(edited.slice(result.start, result.end)).toBe(FIGHT);
  });
});

describe('anchor: edits after the quote', () => {
  const selectors = select(ARTICLE, EMBARRASSING);
  const start = ARTICLE.indexOf(EMBARRASSING);

  it('keeps the same offsets when a later sentence changes', () => {
    const edited = replaceOnce(ARTICLE, 'nuclear weapons', 'nuclear warheads and missiles');
    expect(anchor(edited, selectors)).toMatchObject({
      status: 'anchored',
      method: 'position',
      start,
      end: start + EMBARRASSING.length,
    });
  });

  it('keeps the same offsets when the suffix itself changes or text is appended', () => {
    const edited = `${replaceOnce(ARTICLE, 'our country."', 'our country," he said.')}\nMore to follow.`;
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'position', start, end: start + EMBARRASSING.length });
    expect(edited.slice(result.start, result.end)).toBe(EMBARRASSING);
  });
});

describe('anchor: edits inside the quote', () => {
  const selectors = select(ARTICLE, FIGHT);

  it('finds the quote after a word is changed ("20" → "twenty")', () => {
    const edited = replaceOnce(ARTICLE, 'next 20 years', 'next twenty years');
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'fuzzy', start: 739, end: 790 });
    expect(edited.slice(result.start, result.end)).toBe(
      'we are ready to fight you for the next twenty years',
    );
    expect(result.score).toBeGreaterThan(0.8);
    expect(result.score).toBeLessThan(1);
  });

  it('finds the quote after typos are introduced', () => {
    const edited = replaceOnce(ARTICLE, 'ready to fight', 'redy to fihgt');
    const result = anchored(anchor(edited, selectors));
    expect(result.method).toBe('fuzzy');
    expect(edited.slice(result.start, result.end)).toBe(
      'we are redy to fihgt you for the next 20 years',
    );
  });

  it('finds the quote after a typo is fixed', () => {
    const typo = replaceOnce(ARTICLE, 'embarrassing day', 'embarassing day');
    const typoQuote = 'the most embarassing day in the history of our country';
    const typoSelectors = select(typo, typoQuote);
    const fixed = replaceOnce(typo, 'embarassing day', 'embarrassing day');
    const result = anchored(anchor(fixed, typoSelectors));
    expect(result.method).toBe('fuzzy');
    expect(result.start).toBe(typoSelectors.position.start);
    expect(fixed.slice(result.start, result.end)).toBe(EMBARRASSING);
  });

  it('finds the quote after a larger change (~15%) while its context is intact', () => {
    const edited = replaceOnce(
      ARTICLE,
      'never accepted foreign troops in their territory',
      'never welcomed foreign troops on their territory',
    );
    const result = anchored(anchor(edited, select(ARTICLE, TROOPS)));
    expect(result).toMatchObject({ method: 'fuzzy', start: 1232, end: 1280 });
    expect(edited.slice(result.start, result.end)).toBe(
      'never welcomed foreign troops on their territory',
    );
  });

  it('finds the quote after a word is replaced and text was also inserted before it', () => {
    const inserted = 'Editor’s note: this story has been updated.\n';
    const edited = inserted + replaceOnce(ARTICLE, 'foreign troops', 'foreign soldiers');
    const result = anchored(anchor(edited, select(ARTICLE, TROOPS)));
    expect(result.method).toBe('fuzzy');
    expect(result.start).toBe(1232 + inserted.length);
    expect(edited.slice(result.start, result.end)).toBe(
      'never accepted foreign soldiers in their territory',
    );
  });
});

describe('anchor: a quote that occurs more than once', () => {
  it('uses the context to pick the right occurrence, even against the position hint', () => {
    // A new paragraph with the same quote in different surroundings goes in right before the
    // original, so the decoy ends up nearer the stored position than the real one.
    const decoy = `Critics abroad agree that the Afghan people have ${TROOPS} for centuries.\n`;
    const original = 'Jalali noted that Afghans have';
    const edited = replaceOnce(ARTICLE, original, decoy + original);
    const stored = select(ARTICLE, TROOPS);
    const decoyStart = indexOfNth(edited, TROOPS, 0);
    const realStart = indexOfNth(edited, TROOPS, 1);
    expect(Math.abs(decoyStart - stored.position.start)).toBeLessThan(
      Math.abs(realStart - stored.position.start),
    );

    const result = anchored(anchor(edited, stored));
    expect(result).toMatchObject({
      method: 'exact',
      start: realStart,
      end: realStart + TROOPS.length,
    });
    expect(realStart).toBe(1232 + decoy.length);

    // And the decoy, once annotated, is found again after an edit before both.
    const decoySelectors = select(edited, TROOPS, 0);
    const shifted = `Breaking.\n${edited}`;
    const again = anchored(anchor(shifted, decoySelectors));
    expect(again).toMatchObject({ method: 'exact', start: decoyStart + 'Breaking.\n'.length });
  });

  it('uses the stored position to break a tie between identical contexts', () => {
    // Duplicate a long paragraph: a quote in its middle has the same 32 characters of context in
    // both copies, so only the old position can tell them apart.
    const paragraph = ARTICLE.split('\n').find((p) => p.startsWith('Bagram Air Base, located'))!;
    const quote = 'served as the largest U.S. military installation';
    const doubled = replaceOnce(ARTICLE, paragraph, `${paragraph}\n${paragraph}`);
    const first = indexOfNth(doubled, quote, 0);
    const second = indexOfNth(doubled, quote, 1);
    expect(second - first).toBe(paragraph.length + 1);
    const onFirst = select(doubled, quote, 0);
    const onSecond = select(doubled, quote, 1);
    expect(onFirst.quote).toEqual(onSecond.quote);

    const inserted = 'Reporting by our Kabul bureau.\n';
    const edited = inserted + doubled;
    expect(anchored(anchor(edited, onFirst))).toMatchObject({
      method: 'exact',
      start: first + inserted.length,
    });
    expect(anchored(anchor(edited, onSecond))).toMatchObject({
      method: 'exact',
      start: second + inserted.length,
    });

    // Same after deleting an earlier paragraph (shorter than half the distance between copies).
    const removed = 'The Afghan response came after U.S. President Trump escalated his rhetoric.\n';
    expect(removed.length).toBeLessThan((second - first) / 2);
    const shortened = replaceOnce(doubled, removed, '');
    expect(anchored(anchor(shortened, onFirst)).start).toBe(first - removed.length);
    expect(anchored(anchor(shortened, onSecond)).start).toBe(second - removed.length);
  });
});

describe('anchor: orphans', () => {
  it('orphans a quote whose sentence was deleted', () => {
    const paragraph = ARTICLE.split('\n').find((p) => p.includes(FIGHT))!;
    const edited = replaceOnce(ARTICLE, `${paragraph}\n`, '');
    expectOrphan(anchor(edited, select(ARTICLE, FIGHT)));
  });

  it('orphans a quote that was rewritten beyond recognition', () => {
    const edited = replaceOnce(
      ARTICLE,
      EMBARRASSING,
      'a humiliating moment that the nation will not soon forget',
    );
    expectOrphan(anchor(edited, select(ARTICLE, EMBARRASSING)));
  });

  it('orphans a quote changed by ~15% whose surroundings were rewritten too', () => {
    // The same edit inside the quote with its context intact anchors (see 'edits inside the
    // quote'); here the sentence around it is rewritten as well, so placing it would be a guess.
    const edited = replaceOnce(
      ARTICLE,
      'Jalali noted that Afghans have "never accepted foreign troops in their territory" and insisted that Bagram Air Base',
      'Zakir Jalali told reporters Kabul would never welcome foreign troops on their territory, so Washington must drop the whole idea',
    );
    expectOrphan(anchor(edited, select(ARTICLE, TROOPS)));
  });

  it('orphans a quote rewritten by about a third', () => {
    const edited = replaceOnce(
      ARTICLE,
      'Jalali noted that Afghans have "never accepted foreign troops in their territory" and insisted',
      'Jalali argued Afghans had "not ever welcomed foreign armies onto their territory" while adding',
    );
    expectOrphan(anchor(edited, select(ARTICLE, TROOPS)));
  });

  it('orphans a very short quote that is gone', () => {
    const selectors = select(ARTICLE, 'BAD');
    expect(selectors.quote.exact).toHaveLength(3);
    const edited = replaceOnce(ARTICLE, 'BAD THINGS', 'bad things');
    expectOrphan(anchor(edited, selectors));
  });

  it('orphans a 3-character quote with a one-letter change, but finds a 4-character one', () => {
    const edited = replaceOnce(ARTICLE, 'Qari', 'Qazi');
    // Three characters allow no errors at all…
    expectOrphan(anchor(edited, select(ARTICLE, 'Qar')));
    // …four allow one, and the quote is found in place.
    const four = select(ARTICLE, 'Qari');
    const result = anchored(anchor(edited, four));
    expect(result).toMatchObject({ method: 'fuzzy', start: four.position.start });
    expect(edited.slice(result.start, result.end)).toBe('Qazi');
  });

  // A quote that still occurs verbatim somewhere else must not be pinned there when its own
  // place was deleted or edited: the context decides.
  const twentyYears = select(ARTICLE, '20 years', 0); // "…for the next 20 years," Mujahid said.
  const twentyYearsGone = replaceOnce(ARTICLE, 'for the next 20 years', 'for the next decades');
  it('orphans a short quote that is gone from its place but occurs elsewhere', () => {
    // Not on "…in Afghanistan for 20 years before the…" (2311–2319), whose context differs.
    expectOrphan(anchor(twentyYearsGone, twentyYears));
  });

  const airBase = select(ARTICLE, 'Bagram Air Base', 0); // "…the return of Bagram Air Base, stating…"
  const airBaseEdited = replaceOnce(
    ARTICLE,
    'return of Bagram Air Base,',
    'return of Bagram Airbase,',
  );
  it('follows an edited quote in place rather than jumping to another occurrence', () => {
    // Not on the unedited "…and insisted that Bagram Air Base should not…" (1299–1314).
    const result = anchored(anchor(airBaseEdited, airBase));
    expect(result).toMatchObject({ method: 'fuzzy', start: airBase.position.start });
    expect(airBaseEdited.slice(result.start, result.end)).toBe('Bagram Airbase');
  });

  it('does not trust stored offsets whose surroundings changed', () => {
    const before = 'The dog barked. The cat sat.';
    const the = describeRange(before, 16, 19);
    const after = `The cow mooed!! ${before}`;
    expect(anchor(after, the)).toMatchObject({
      status: 'anchored',
      method: 'exact',
      start: 32,
      end: 35,
    });
  });
});

describe('anchor: curly quotes', () => {
  /** The article with its straight double quotes turned into “ ” pairs. */
  const CURLY = ARTICLE.replace(/"([^"\n]*)"/g, '“$1”');

  it('builds a document with curly quotes and apostrophes', () => {
    expect(CURLY).not.toContain('"');
    expect(CURLY).toContain('“If Afghanistan doesn’t give Bagram Airbase back');
    expect(CURLY).toContain('“We’ll see what happens with Bagram. We’re talking');
    expect(CURLY.length).toBe(ARTICLE.length);
  });

  it('anchors a passage with curly quotes after an edit before it', () => {
    const quote = '“We’ll see what happens with Bagram. We’re talking to Afghanistan.';
    const selectors = select(CURLY, quote);
    expect(selectors.quote.prefix).toBe('ks with Afghanistan were in progress.\n'.slice(-32));
    const inserted = 'Officials in Doha declined to comment on the talks.\n';
    const edited = replaceOnce(CURLY, 'On Friday, Trump', `${inserted}On Friday, Trump`);
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({
      method: 'exact',
      start: selectors.position.start + inserted.length,
    });
    expect(edited.slice(result.start, result.end)).toBe(quote);
  });

  it("fuzzily finds a quote whose apostrophe changed (’ → ')", () => {
    const quote = 'If Afghanistan doesn’t give Bagram Airbase back to those that built it';
    const selectors = select(CURLY, quote);
    const edited = replaceOnce(CURLY, 'doesn’t give', "doesn't give");
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'fuzzy', start: selectors.position.start });
    expect(edited.slice(result.start, result.end)).toBe(
      "If Afghanistan doesn't give Bagram Airbase back to those that built it",
    );
  });

  it('fuzzily finds a quote whose straight quotes became curly', () => {
    const quote = `have "${TROOPS}" and insisted`;
    const selectors = select(ARTICLE, quote);
    const inserted = 'Analysis\n';
    const edited = inserted + CURLY;
    const result = anchored(anchor(edited, selectors));
    expect(result.method).toBe('fuzzy');
    expect(result.start).toBe(selectors.position.start + inserted.length);
    expect(edited.slice(result.start, result.end)).toBe(`have “${TROOPS}” and insisted`);
  });
});

describe('anchor: right-to-left script', () => {
  const DARI = 'طالبان گفتند که بگرام هرگز به آمریکا داده نمی‌شود';
  const ARABIC = 'قالت حركة طالبان إن قاعدة باغرام الجوية لن تعود إلى الأمريكيين أبداً';
  const RTL_PARAGRAPH = `Local broadcasters carried the statement in Dari: «${DARI}». Al Jazeera Arabic reported: «${ARABIC}», citing a spokesman.`;
  const WITH_RTL = replaceOnce(
    ARTICLE,
    'The Afghan response came after',
    `${RTL_PARAGRAPH}\nThe Afghan response came after`,
  );

  it('anchors inside a Dari sentence after an edit before it', () => {
    const quote = 'بگرام هرگز به آمریکا داده نمی‌شود';
    expect(quote).toContain('\u200c'); // the zero-width non-joiner in نمی‌شود
    const selectors = select(WITH_RTL, quote);
    expect(selectors.quote.suffix.startsWith('». Al Jazeera Arabic')).toBe(true);
    const inserted = 'ترجمه: ';
    const edited = replaceOnce(WITH_RTL, '«طالبان', `«${inserted}طالبان`);
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({
      method: 'exact',
      start: selectors.position.start + inserted.length,
      end: selectors.position.end + inserted.length,
    });
    expect(edited.slice(result.start, result.end)).toBe(quote);
  });

  it('anchors inside an Arabic sentence after an earlier paragraph is deleted', () => {
    const quote = 'قاعدة باغرام الجوية لن تعود';
    const selectors = select(WITH_RTL, quote);
    const firstParagraph = `${WITH_RTL.split('\n')[0]}\n`;
    const edited = WITH_RTL.slice(firstParagraph.length);
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({
      method: 'exact',
      start: selectors.position.start - firstParagraph.length,
    });
    expect(edited.slice(result.start, result.end)).toBe(quote);
  });

  it('fuzzily finds a Dari quote after a spelling change inside it', () => {
    const quote = 'بگرام هرگز به آمریکا داده نمی‌شود';
    const selectors = select(WITH_RTL, quote);
    const edited = replaceOnce(WITH_RTL, 'نمی‌شود', 'نمیشود'); // ZWNJ dropped
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'fuzzy', start: selectors.position.start });
    expect(edited.slice(result.start, result.end)).toBe('بگرام هرگز به آمریکا داده نمیشود');
  });

  it('anchors a quote that mixes English and Arabic', () => {
    const quote = `Arabic reported: «${ARABIC.slice(0, 20)}`;
    const selectors = select(WITH_RTL, quote);
    const edited = `Update:\n${WITH_RTL}`;
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'exact', start: selectors.position.start + 8 });
    expect(edited.slice(result.start, result.end)).toBe(quote);
  });
});

describe('anchor: emoji', () => {
  const THUMBS = '👍🏽'; // U+1F44D U+1F3FD: 4 UTF-16 code units
  const FAMILY = '👨‍👩‍👧'; // three people joined by ZWJs: 8 UTF-16 code units
  const TEXT = `Reactions ${THUMBS}${FAMILY} poured in.\nReaders said the ${FAMILY} photo of Bagram ${THUMBS} was moving.\nThe end.`;
  const QUOTE = `the ${FAMILY} photo of Bagram ${THUMBS} was`;

  it('measures offsets in UTF-16 code units', () => {
    expect(THUMBS).toHaveLength(4);
    expect(FAMILY).toHaveLength(8);
    const selectors = select(TEXT, QUOTE);
    // 'Reactions ' (10) + 4 + 8 + ' poured in.\n' (12) + 'Readers said ' (13) = 47.
    expect(selectors.position).toMatchObject({ start: 47, end: 47 + QUOTE.length });
    expect(QUOTE).toHaveLength(37);
    expect(anchor(TEXT, selectors)).toMatchObject({ method: 'position', start: 47, end: 84 });
  });

  it('re-anchors after emoji are inserted before the quote', () => {
    const selectors = select(TEXT, QUOTE);
    const inserted = `🎉${FAMILY}${THUMBS} `;
    expect(inserted).toHaveLength(15);
    const edited = replaceOnce(TEXT, 'Reactions', `${inserted}Reactions`);
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'exact', start: 62, end: 99 });
    expect(edited.slice(result.start, result.end)).toBe(QUOTE);
  });

  it('re-anchors after emoji are inserted right before the quote (inside its prefix)', () => {
    const selectors = select(TEXT, QUOTE);
    const edited = replaceOnce(TEXT, 'Readers said ', `Readers ${THUMBS} said `);
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'exact', start: 52, end: 89 });
    expect(edited.slice(result.start, result.end)).toBe(QUOTE);
  });

  it('fuzzily finds a quote whose emoji changed skin tone', () => {
    const selectors = select(TEXT, QUOTE);
    const edited = replaceOnce(TEXT, `Bagram ${THUMBS}`, 'Bagram 👍🏿');
    const result = anchored(anchor(edited, selectors));
    expect(result).toMatchObject({ method: 'fuzzy', start: 47 });
    expect(edited.slice(result.start, result.end)).toBe(`the ${FAMILY} photo of Bagram 👍🏿 was`);
  });

  it('anchors a quote that is a single ZWJ emoji sequence', () => {
    const selectors = select(TEXT, FAMILY, 1);
    expect(selectors.position).toMatchObject({ start: 51, end: 59 });
    const edited = `${THUMBS}\n${TEXT}`;
    expect(anchored(anchor(edited, selectors))).toMatchObject({ method: 'exact', start: 56 });
  });
});

describe('anchor: property checks on the sample article', () => {
  const random = mulberry32(0x5eed);
  const ranges = Array.from({ length: 300 }, () => {
    const length = 1 + Math.floor(random() * 80);
    const start = Math.floor(random() * (ARTICLE.length - length));
    return [start, start + length] as const;
  });

  it('describeRange then anchor on the unchanged text returns the same range', () => {
    for (const [start, end] of ranges) {
      const selectors = describeRange(ARTICLE, start, end);
      expect(anchor(ARTICLE, selectors)).toEqual({
        status: 'anchored',
        start,
        end,
        method: 'position',
        score: 1,
      });
    }
  });

  it('a paragraph inserted at the top shifts every range by its length', () => {
    const inserted = 'This paragraph was added later by the editor.\n';
    const edited = inserted + ARTICLE;
    for (const [start, end] of ranges) {
      const result = anchor(edited, describeRange(ARTICLE, start, end));
      expect(result, `range ${start}-${end}`).toMatchObject({
        status: 'anchored',
        start: start + inserted.length,
        end: end + inserted.length,
      });
    }
  });

  it('a paragraph appended at the end leaves every range in place', () => {
    const edited = `${ARTICLE}\nThis paragraph was added later by the editor.`;
    for (const [start, end] of ranges) {
      expect(anchor(edited, describeRange(ARTICLE, start, end))).toMatchObject({
        status: 'anchored',
        method: 'position',
        start,
        end,
      });
    }
  });
});

describe('anchor: quotes at the edges of the text', () => {
  // An empty prefix or suffix is information too: the quote was at the very start or end.
  it('does not move a quote from the start of the text to a copy further on', () => {
    const before = 'Kabul said no. Officials met.';
    const kabul = describeRange(before, 0, 5);
    expect(kabul.quote.prefix).toBe('');
    const after = 'Officials met. Later Kabul spoke again.';
    expect(anchor(after, kabul)).toMatchObject({ status: 'orphan' });
  });

  it('does not move a quote from the end of the text to an earlier copy', () => {
    const before = 'Officials met in Kabul';
    const kabul = describeRange(before, before.length - 5, before.length);
    expect(kabul.quote.suffix).toBe('');
    const after = 'Kabul was quiet. Officials met elsewhere, far away from the capital city';
    expect(anchor(after, kabul)).toMatchObject({ status: 'orphan' });
  });

  it('still follows a start-of-text quote that moved with its suffix', () => {
    const before = 'Kabul said no to the proposal on Sunday.';
    const kabul = describeRange(before, 0, 5);
    const after = `Breaking: ${before}`;
    expect(anchor(after, kabul)).toMatchObject({
      status: 'anchored',
      method: 'exact',
      start: 10,
      end: 15,
    });
  });

  it('follows a later quote when a copy of its words is inserted at the start', () => {
    const before = 'Kabul said no. Kabul said yes.';
    const second = describeRange(before, 15, 20);
    const after = `Kabul ${before}`; // "Kabul Kabul said no. Kabul said yes."
    expect(anchor(after, second)).toMatchObject({ status: 'anchored', start: 21, end: 26 });
  });
});

describe('anchoring a PDF quote after its text was rebuilt', () => {
  it('finds the words when only white space changed (lines joined or split differently)', () => {
    const before =
      'Compilers for statically typed languages rely on type information to generate efficient machine code. In a dynamically typed language the types vary.';
    const quoteText = 'rely on type information to generate efficient machine code';
    const start = before.indexOf(quoteText);
    const { position, quote } = describeRange(before, start, start + quoteText.length);
    // A later builder kept a line break and split a word differently: same words, other spaces.
    const after =
      'Compilers for statically typed languages rely on type informa tion\nto generate efficient machine code. In a dynamically typed language the types vary.';
    const result = anchor(after, { position, quote });
    expect(result.status).toBe('anchored');
    if (result.status !== 'anchored') return;
    expect(after.slice(result.start, result.end)).toBe(
      'rely on type informa tion\nto generate efficient machine code',
    );
    expect(result.method).toBe('fuzzy');
  });
});
