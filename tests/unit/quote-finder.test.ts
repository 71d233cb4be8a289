import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  goldTexts,
  NEWS_DEV,
  newsSet,
  precision,
  recall,
  type Score,
  score,
  scoreSet,
  speakerAccuracy,
  total,
} from '../../scripts/quote-eval/evaluate.ts';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import type { QuoteCandidate } from '../../shared/quotes/types.ts';

const seed = readFileSync(
  join(import.meta.dirname, '..', '..', 'resources', 'seed-article.txt'),
  'utf8',
);

/** The candidate whose words start with `words`. */
function quote(found: readonly QuoteCandidate[], words: string): QuoteCandidate {
  const q = found.find((c) => c.text.startsWith(words));
  if (!q)
    throw new Error(
      `No candidate starting "${words}" in ${JSON.stringify(found.map((c) => c.text))}`,
    );
  return q;
}
const texts = (text: string) => findQuotes(text).map((q) => q.text);
const speakerOf = (text: string, words: string) => quote(findQuotes(text), words).speaker;

describe('quote finder on the sample article', () => {
  const found = findQuotes(seed);

  it('tells statements from partial quotations woven into a sentence; no scare quotes', () => {
    expect(found.filter((q) => q.kind === 'direct').map((q) => q.text.slice(0, 24))).toEqual([
      'Our response is, if you ',
      'A deal over even an inch',
      'If Afghanistan doesn’t g',
      'We’ll see what happens w',
      'We won’t talk about that',
    ]);
    // `rejected demands…, stating that a deal over "even an inch"…`, `warning of "bad things"`:
    // somebody's words, not irony.
    expect(found.filter((q) => q.kind === 'partial').map((q) => q.text.slice(0, 24))).toEqual([
      'even an inch',
      'bad things',
      'never accepted foreign t',
      'the most embarrassing da',
    ]);
    expect(found.filter((q) => q.kind === 'scare')).toEqual([]);
  });

  it('credits Mujahid, Fitrat, Jalali and Trump by their full names, with their roles', () => {
    const credit = (words: string) => {
      const q = quote(found, words);
      return [q.speaker, q.role];
    };
    expect(credit('Our response')).toEqual(['Mohammad Yaqoob Mujahid', 'Defense Minister']);
    expect(credit('A deal over')).toEqual([
      'Qari Fasihuddin Fitrat',
      'Chief of Staff of the Ministry of Defense',
    ]);
    expect(credit('never accepted')).toEqual([
      'Zakir Jalali',
      "Foreign Ministry's political director",
    ]);
    for (const words of ['If Afghanistan', 'We’ll see', 'We won’t', 'the most embarrassing'])
      expect(credit(words)).toEqual(['Donald Trump', 'U.S. President']);
  });

  it('names nobody for words of unnamed officials, and is unsure where only a guess is left', () => {
    expect(quote(found, 'even an inch')).toMatchObject({ speaker: null, unsure: false });
    // `statements from President Trump … warning of "bad things"`: no attribution it can read,
    // so Trump is offered as an unsure guess, not asserted.
    expect(quote(found, 'bad things')).toMatchObject({ speaker: 'Donald Trump', unsure: true });
    for (const q of found) {
      expect(q.confidence).toBeGreaterThanOrEqual(0);
      expect(q.confidence).toBeLessThanOrEqual(1);
      expect(q.alternatives).not.toContain(q.speaker);
      expect(q.alternatives.length).toBeLessThanOrEqual(2);
    }
  });

  it('points its offsets and evidence at the text', () => {
    for (const q of found) {
      expect(seed.slice(q.start, q.end)).toBe(q.text);
      expect(q.open).toBe(q.start - 1);
      expect(q.close).toBe(q.end);
      if (!q.evidence) continue;
      const e = q.evidence;
      expect(seed.slice(e.mentionStart, e.mentionStart + e.mention.length)).toBe(e.mention);
      if (e.verb && e.verbStart !== null)
        expect(seed.slice(e.verbStart, e.verbStart + e.verb.length).toLowerCase()).toBe(
          e.verb.toLowerCase(),
        );
    }
    const mujahid = quote(found, 'Our response').evidence;
    expect(mujahid).toMatchObject({ shape: 'after-quote', verb: 'said', mention: 'Mujahid' });
    // The surname points back to where the full name was introduced.
    expect(seed.slice(mujahid?.introducedAt ?? 0).startsWith('Mohammad Yaqoob Mujahid')).toBe(true);
    expect(quote(found, 'If Afghanistan').evidence).toMatchObject({
      shape: 'before-quote',
      verb: 'posted',
      mention: 'he',
    });
  });
});

describe('quote finder on hand-marked news texts', () => {
  const scores = goldTexts().map(({ name, text, gold }) => score(name, text, gold));
  const own = total(scores.filter((s) => s.name !== 'seed'));

  it('has at least three of our own texts besides the sample article', () => {
    expect(scores.filter((s) => s.name !== 'seed').length).toBeGreaterThanOrEqual(3);
  });

  it.each(scores.map((s) => [s.name, s] as const))(
    '%s: every quotation span found, nothing else',
    (_, s) => {
      expect(s.mistakes.filter((m) => m.startsWith('missed') || m.startsWith('extra'))).toEqual([]);
      expect(precision(s)).toBe(1);
      expect(recall(s)).toBe(1);
    },
  );

  it('credits the right speaker to every quotation whose speaker is named', () => {
    expect(speakerAccuracy(own)).toBe(1);
    // Where the text names nobody (a chant), a guess from who spoke last may be offered, but
    // only as unsure.
    expect(own.mistakes.filter((m) => m.includes(': speaker '))).toEqual(
      own.mistakes.filter((m) => m.includes(': speaker ') && m.includes('(unsure) (want null)')),
    );
    expect(own.noneRight).toBeGreaterThanOrEqual(own.unnamed - 3);
  });

  it('tells statements, partial quotations and scare quotes apart, and keeps roles apart from names', () => {
    expect(own.mistakes.filter((m) => m.includes(': kind '))).toEqual([]);
    expect(own.roleRight).toBe(own.rolesGiven);
  });
});

// The handbook's real news (../shared/quotes-news-dev, beside the repository here and in CI): the
// issue's targets for the development set, so a change that loses speakers fails here.
const newsDev = newsSet(NEWS_DEV);
if (!newsDev) console.warn(`Skipping the real-news targets: no development set at ${NEWS_DEV}`);
describe.skipIf(!newsDev)('quote finder on real news (development set)', () => {
  const sum = newsDev ? total(scoreSet(newsDev)) : null;

  it('finds the quotations: span recall at least 0.98, precision at least 0.95', () => {
    expect(sum?.gold).toBeGreaterThanOrEqual(250);
    expect(recall(sum as Score)).toBeGreaterThanOrEqual(0.98);
    expect(precision(sum as Score)).toBeGreaterThanOrEqual(0.95);
  });

  it('names the right speaker for at least 92 in 100, and says unsure on at least half its mistakes', () => {
    const s = sum as Score;
    expect(speakerAccuracy(s)).toBeGreaterThanOrEqual(0.92);
    expect(s.wrongUnsure / s.wrong).toBeGreaterThanOrEqual(0.5);
    // …without hedging most of what it gets right.
    expect(s.rightUnsure / s.right).toBeLessThan(0.15);
  });
});

describe('quotation marks', () => {
  it('reads straight, curly, single, guillemet and low-nine quotes', () => {
    expect(texts('He said "one two three four five" then.')).toEqual(['one two three four five']);
    expect(texts('“Curly quotes work,” she said.')).toEqual(['Curly quotes work,']);
    expect(texts('‘Single quotes work too,’ she said.')).toEqual(['Single quotes work too,']);
    expect(texts("'So do straight singles,' she said.")).toEqual(['So do straight singles,']);
    expect(texts('Il a dit : « Nous restons ici », puis il est parti.')).toEqual([
      'Nous restons ici',
    ]);
    expect(texts('Sie sagte: „Wir bleiben hier.“')).toEqual(['Wir bleiben hier.']);
  });

  it('does not take apostrophes for quotation marks', () => {
    const text =
      "The '80s are gone but rock 'n' roll isn't. 'Tis the season. The workers’ union met; " +
      "the drummer's kit hasn't changed. Residents' groups met the soldiers' families. He is 6'2\" tall.";
    expect(findQuotes(text)).toEqual([]);
  });

  it('lets a plural possessive sit inside a single-quoted quotation', () => {
    expect(texts('They called it ‘the soldiers’ last stand’ on Friday.')).toEqual([
      'the soldiers’ last stand',
    ]);
    expect(texts('The ‘trees’ and the ‘rocks’ stayed.')).toEqual(['trees', 'rocks']);
  });

  it('keeps nested quotations inside the outer one', () => {
    const text = `"He told me, 'we don't leave,' and then he left," she said. “She wrote ‘never’ twice,” he said.`;
    expect(texts(text)).toEqual([
      "He told me, 'we don't leave,' and then he left,",
      'She wrote ‘never’ twice,',
    ]);
  });

  it('leaves out the spaces French sets inside guillemets, and empty marks', () => {
    const [q] = findQuotes('« Nous restons », a dit Emmanuel Macron. Il a dit « » et «   ».');
    expect(q).toMatchObject({ text: 'Nous restons', start: 2, end: 14, open: 0, close: 15 });
    expect(findQuotes('Il a dit « » et «   » fin.')).toEqual([]);
  });

  it('runs a quotation over paragraphs that each reopen it', () => {
    const text = '"First part of it.\n"Second part.\n"Third part," Ana Lima said.\nNext paragraph.';
    const [q] = findQuotes(text);
    expect(q?.text).toBe('First part of it.\n"Second part.\n"Third part,');
    expect(q?.speaker).toBe('Ana Lima');
  });

  it('leaves an unclosed mark alone without swallowing the next paragraph', () => {
    const text =
      'He said "this never closes.\nThen a new paragraph with "a proper quote here" in it.';
    expect(texts(text)).toEqual(['a proper quote here']);
  });
});

describe('attribution shapes', () => {
  const intro = 'Board chair Ingrid Saltvik opened the meeting. ';

  it('"…," X said.', () => {
    expect(speakerOf(`${intro}"We will vote today," Saltvik said.`, 'We will')).toBe(
      'Ingrid Saltvik',
    );
  });

  it('X said: "…"', () => {
    expect(speakerOf(`${intro}Saltvik said: "We will vote today."`, 'We will')).toBe(
      'Ingrid Saltvik',
    );
  });

  it('"…," said X.', () => {
    const q = quote(
      findQuotes('"We will vote today," said Marit Olsen, the treasurer.'),
      'We will',
    );
    expect([q.speaker, q.role, q.evidence?.shape]).toEqual([
      'Marit Olsen',
      'treasurer',
      'after-quote',
    ]);
  });

  it('according to X, before or after the quotation', () => {
    expect(speakerOf('According to Marit Olsen, "the vote is today."', 'the vote')).toBe(
      'Marit Olsen',
    );
    const q = quote(findQuotes('"The vote is today," according to Marit Olsen.'), 'The vote');
    expect([q.speaker, q.evidence?.shape, q.evidence?.verb]).toEqual([
      'Marit Olsen',
      'according-to',
      'according to',
    ]);
  });

  it('X told reporters that "…"', () => {
    const q = quote(
      findQuotes(`${intro}Saltvik told reporters that the board "will not be rushed by anyone."`),
      'will not',
    );
    expect([q.speaker, q.evidence?.verb, q.evidence?.mention]).toEqual([
      'Ingrid Saltvik',
      'told',
      'Saltvik',
    ]);
  });

  it('X wrote in a statement. "…"', () => {
    const q = quote(
      findQuotes('Mayor Tove Lind wrote in a statement. "The harbour will reopen in May."'),
      'The harbour',
    );
    expect([q.speaker, q.role, q.evidence?.shape]).toEqual([
      'Tove Lind',
      'Mayor',
      'previous-sentence',
    ]);
  });

  it('a following quotation continues the same speaker, even in the next paragraph', () => {
    const found = findQuotes(
      `${intro}"We will vote today," Saltvik said. "Then we go home."\n"Nobody wants a night session."`,
    );
    expect(found.map((q) => [q.speaker, q.evidence?.shape])).toEqual([
      ['Ingrid Saltvik', 'after-quote'],
      ['Ingrid Saltvik', 'continuation'],
      ['Ingrid Saltvik', 'continuation'],
    ]);
  });

  it('a surname or role after the first full mention names the full name, with the title apart', () => {
    const text = `The vote was postponed, said board chair Ingrid Saltvik. Later, "We need more time," the chair said.`;
    const q = quote(findQuotes(text), 'We need');
    expect([q.speaker, q.role, q.evidence?.mention]).toEqual([
      'Ingrid Saltvik',
      'board chair',
      'the chair',
    ]);
  });

  it('a pronoun names the subject of the sentence before', () => {
    const text = 'Dr. Amara Osei reviewed the data. "It is not conclusive," she said.';
    const q = quote(findQuotes(text), 'It is');
    expect([q.speaker, q.evidence?.mention]).toEqual(['Amara Osei', 'she']);
  });

  it('reads a name after an abbreviated title (Mr., Ms., Dr., Sen., Gov.) with its full stop', () => {
    const intro = 'Joe Biden spoke on Monday. Jane Roe, 45, a nurse, was there. ';
    expect(speakerOf(`${intro}"Never," Mr. Biden said.`, 'Never')).toBe('Joe Biden');
    expect(speakerOf(`${intro}"Never," said Mr. Biden.`, 'Never')).toBe('Joe Biden');
    expect(speakerOf(`${intro}"It was chaos," Ms. Roe said.`, 'It was')).toBe('Jane Roe');
    expect(speakerOf('"It works," said Dr. Anna Kim.', 'It works')).toBe('Anna Kim');
    const senator = quote(findQuotes('"It\'s over," said Sen. Tom Black, R-Texas.'), 'It');
    expect([senator.speaker, senator.role]).toEqual(['Tom Black', 'Sen.']);
    expect(speakerOf('"It\'s over," Gov. Ann White said.', 'It')).toBe('Ann White');
  });

  it('takes no one from a headline in title case, and no name past a capitalised function word', () => {
    const text =
      'Why Voters Are Turning Against Sunak\n\nThe prime minister spoke. "I hear you," Sunak said.';
    expect(speakerOf(text, 'I hear')).toBe('Sunak');
    const two =
      'Finance Minister Tom Black And Prime Minister Ann White met. "Hi," White said. "Yes," Black said.';
    expect(findQuotes(two).map((q) => [q.speaker, q.role])).toEqual([
      ['Ann White', 'Prime Minister'],
      ['Tom Black', 'Finance Minister'],
    ]);
  });

  it('gives a name with a generational suffix its surname', () => {
    const text = 'Robert Downey Jr spoke first. "Thank you all," Downey said.';
    expect(speakerOf(text, 'Thank')).toBe('Robert Downey Jr');
  });

  it('leaves unnamed sources without a speaker but keeps their role', () => {
    const q = quote(
      findQuotes('"Prices will rise," a spokesperson for the Finnish energy agency said.'),
      'Prices',
    );
    expect([q.speaker, q.role]).toEqual([null, 'spokesperson for the Finnish energy agency']);
  });

  it('gives quotations no speaker when nobody is credited', () => {
    expect(
      findQuotes('The sign on the door read "Closed until further notice."').map((q) => q.speaker),
    ).toEqual([null]);
    expect(
      findQuotes('"Closed until further notice."\nThe shop stayed shut.').map((q) => q.speaker),
    ).toEqual([null]);
  });

  it('reads a short fragment in a sentence that reports speech as a partial quotation', () => {
    const found = findQuotes(
      'The plan was called a "white elephant" by critics. Olsen called it "a good plan" later.',
    );
    expect(found.map((q) => [q.text, q.kind, q.speaker])).toEqual([
      ['white elephant', 'partial', null],
      ['a good plan', 'partial', 'Olsen'],
    ]);
  });

  it('keeps scare quotes for names, titles, terms and irony with no speaker in reach', () => {
    const found = findQuotes(
      'The plant, known locally as the "glass cathedral", closed. Parents started a campaign ' +
        'they call "Save Our Shelves". Nobody wants the so-called "white knight" here. The ' +
        'band played "All Right Now" at the end.',
    );
    expect(found.map((q) => [q.text, q.kind, q.speaker])).toEqual([
      ['glass cathedral', 'scare', null],
      ['Save Our Shelves', 'scare', null],
      ['white knight', 'scare', null],
      ['All Right Now', 'scare', null],
    ]);
  });
});

describe('robustness', () => {
  it('reads words that name inherited object members as plain words', () => {
    const text =
      '"We will build it," the constructor said. "Yes," __proto__ said. Mr. constructor met ' +
      'Ben Ruiz. "No," he said. The toString committee met. "Later," the committee said.';
    expect(findQuotes(text).map((q) => q.text)).toEqual([
      'We will build it,',
      'Yes,',
      'No,',
      'Later,',
    ]);
  });

  it('never throws, and returns ordered, non-overlapping spans that are the text', () => {
    const piece = fc.constantFrom(
      '"',
      '“',
      '”',
      '‘',
      '’',
      "'",
      '«',
      '»',
      '„',
      ' ',
      '\n',
      '.',
      ',',
      ':',
      'said',
      'Ana Lima',
      'he',
      'the chair',
      'according to',
      'word',
      'Word',
      '—',
      'U.S.',
      '?',
      '!',
      // Words that are also names of every object's inherited members: a lookup in a plain
      // object once found `constructor` and threw.
      'constructor',
      'the constructor',
      '__proto__',
      'toString',
      'Mr.',
      'the committee',
      'the two',
      'they',
      'and',
      'Ben Ruiz',
      "Ruiz's lawsuit",
      'wrote',
      'she',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const text = pieces.join(' ');
        const found = findQuotes(text);
        let last = -1;
        for (const q of found) {
          expect(q.open).toBeGreaterThan(last);
          expect(q.close).toBeGreaterThan(q.open);
          expect(text.slice(q.start, q.end)).toBe(q.text);
          last = q.close;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    expect(findQuotes(seed)).toEqual(findQuotes(seed));
  });
});

describe('hostile text', () => {
  it('stays fast with thousands of unclosed marks in one paragraph', () => {
    // Read once per paragraph, not once per mark (which took 13 s here and hit the test timeout).
    const text = `${'“word and '.repeat(20_000)}end.\n"${'it ‘is '.repeat(2_000)}" she said.`;
    // The quotation's last space is not part of its words.
    expect(findQuotes(text).map((q) => q.text.length)).toEqual([13_999]);
  });

  it('stays linear with thousands of quotations in one sentence', () => {
    // Each once sliced its sentence from the start, and each pronoun walked every earlier name
    // of it: 20,000 of them took 3 s.
    const roles = 'the committee "yes we can do it," the spokesperson said and '.repeat(20_000);
    const found = findQuotes(roles);
    expect(found).toHaveLength(20_000);
    expect(found.at(-1)?.role).toBe('spokesperson');
    // No person is named, so `he` resolves to no one (at most the sentence's capitalised
    // subject is offered), however far back the look-back could reach.
    const pronouns = findQuotes('Foo "yes we can," he said and '.repeat(20_000));
    expect(pronouns).toHaveLength(20_000);
    expect(new Set(pronouns.map((q) => q.speaker))).toEqual(new Set(['Foo']));
  });
});
