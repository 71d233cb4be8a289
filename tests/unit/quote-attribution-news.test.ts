import { describe, expect, it } from 'vitest';
import { UNSURE_BELOW } from '../../shared/quotes/confidence.ts';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import type { QuoteCandidate } from '../../shared/quotes/types.ts';

// The shapes of attribution in real news that the finder once got wrong (issue 17), each in a
// text written for the test: names with initials and suffixes, party labels, organisations,
// papers, pairs, pronouns by gender, places, and when to say "unsure".

function quote(text: string, words: string): QuoteCandidate {
  const q = findQuotes(text).find((c) => c.text.startsWith(words));
  if (!q) throw new Error(`No quotation starting "${words}"`);
  return q;
}
const speaker = (text: string, words: string) => quote(text, words).speaker;

describe('names as the text gives them in full', () => {
  it('keeps middle initials and suffixes, and drops titles and party labels', () => {
    const text =
      'The vote was close.\n"We will see," said Sen. Robert Q. Hale Jr. (D-Ore.), a budget hawk.\n' +
      '"It is not over," Republican Ann Cole said. Democrat Ben Ruiz disagreed. "It is," Ruiz said.';
    expect(speaker(text, 'We will see')).toBe('Robert Q. Hale Jr.');
    expect(speaker(text, 'It is not over')).toBe('Ann Cole');
    expect(speaker(text, 'It is,')).toBe('Ben Ruiz');
  });

  it('gives a surname, or a titled surname, the fullest name the text has for that person', () => {
    const text =
      'Senate Minority Leader Harry M. Lund spoke first. "Fine," Mr. Lund said. "Good," Lund added.';
    expect(speaker(text, 'Fine')).toBe('Harry M. Lund');
    expect(speaker(text, 'Good')).toBe('Harry M. Lund');
  });

  it('never takes a place or a capitalised function word for a person', () => {
    const text =
      '"There is a need for oversight," said Representative Carl Dunn of New York. Like Dunn, ' +
      'others agreed. "We agree," said Tom Ashe of Madison.';
    expect(speaker(text, 'There is a need')).toBe('Carl Dunn');
    expect(speaker(text, 'We agree')).toBe('Tom Ashe');
  });
});

describe('who speaks', () => {
  it('reads speech verbs beyond "said", and any past-tense verb right after a name', () => {
    const text =
      'Maria Orr and Paul Kent met on Monday. "They were not serious," Orr fumed. ' +
      '"We will win," Kent tweeted. "It is rigged," Orr wrote later.';
    expect(speaker(text, 'They were')).toBe('Maria Orr');
    expect(speaker(text, 'We will win')).toBe('Paul Kent');
    expect(speaker(text, 'It is rigged')).toBe('Maria Orr');
  });

  it('credits organisations by their fullest name, and "the bank" or "it" after them', () => {
    const text =
      'The Department of Water Safety issued a memo. "No safeguards exist," the department said. ' +
      'The Riverside Savings Bank said in a statement that it was "reviewing every loan." ' +
      '"We regret the delay," it said.';
    const dept = quote(text, 'No safeguards');
    expect(dept).toMatchObject({
      speaker: 'Department of Water Safety',
      speakerKind: 'organisation',
    });
    expect(quote(text, 'reviewing every loan')).toMatchObject({
      speaker: 'Riverside Savings Bank',
      kind: 'partial',
      speakerKind: 'organisation',
    });
    expect(speaker(text, 'We regret')).toBe('Riverside Savings Bank');
  });

  it('leaves an institution the text never names unnamed, not the last speaker', () => {
    const text =
      'The vote was close.\n"We won," said Lena Ortiz. "It is not over," the bank said in a ' +
      'statement. What the bank called "a careful review" took weeks.';
    expect(quote(text, 'It is not over')).toMatchObject({ speaker: null, role: 'bank' });
    expect(quote(text, 'a careful review')).toMatchObject({ speaker: null, kind: 'partial' });
  });

  it("lets a person's campaign, office or paper speak", () => {
    const text =
      "Governor Lena Ortiz is running again. Ortiz's campaign shrugged off the poll, telling " +
      'reporters, "Polls do not vote." Jon Weir filed a lawsuit. "The board lied," the suit reads.';
    expect(speaker(text, 'Polls do not vote')).toBe("Lena Ortiz's campaign");
    expect(speaker(text, 'The board lied')).toBe('Jon Weir');
  });

  it('credits two people named together as one subject, then "the two" and "they"', () => {
    const text =
      'Committee Chairman Ann Cole (R-Ohio) and Judiciary Chairman Ben Ruiz (R-Va.) sent a ' +
      'letter on Monday. "The evidence contradicts her," the two chairmen wrote. "We ask for a ' +
      'review," they wrote.';
    expect(speaker(text, 'The evidence')).toBe('Ann Cole and Ben Ruiz');
    expect(speaker(text, 'We ask')).toBe('Ann Cole and Ben Ruiz');
  });

  it('follows the speaker, not the interviewer or the listener', () => {
    const text =
      'Asked about the base, Paul Kent told Chris Wallace of Fox News, "We will see." ' +
      'Wallace then asked, "With troops?"';
    expect(speaker(text, 'We will see')).toBe('Paul Kent');
    expect(speaker(text, 'With troops')).toBe('Chris Wallace');
  });

  it('reads an attribution after a quotation that ends its own sentence', () => {
    const text = 'Lena Ortiz spoke last. "Does he not understand?" Ortiz said.';
    expect(speaker(text, 'Does he')).toBe('Lena Ortiz');
    // …but not a new report by someone else that follows it.
    const next = 'Jon Weir spoke. "I would love to see it." Lena Ortiz said the vote was close.';
    expect(speaker(next, 'I would love')).not.toBe('Lena Ortiz');
  });

  it('gives a colon introduction to the subject of its sentence', () => {
    const text = 'Mayor Lena Ortiz has adopted a simple stance: "Build first, argue later."';
    expect(speaker(text, 'Build first')).toBe('Lena Ortiz');
  });
});

describe('pronouns', () => {
  it('prefer the person of the right gender, by honorific, earlier pronoun or given name', () => {
    const text =
      'Mary Lind met Tom Ashe at the hall. Ashe said little. "We will rebuild it," she said.';
    expect(speaker(text, 'We will rebuild')).toBe('Mary Lind');
    const titled = 'Mrs. Dunn met Mr. Kerr. "Not today," he said.';
    expect(speaker(titled, 'Not today')).toBe('Kerr');
  });

  it('let "he added" go on with the last speaker', () => {
    const text =
      '"The gun works," Tom Ashe said. Officer Paul Kent held up the gun at the trial.\n' +
      '"It was returned to me," he added.';
    expect(speaker(text, 'It was returned')).toBe('Tom Ashe');
  });
});

describe('saying when it is unsure', () => {
  it('marks a pronoun with a close rival unsure, and offers the rival', () => {
    // Two men in the sentence before, neither having spoken: `he` could be either.
    const text =
      'The hall was full on Monday.\nTom Ashe met Paul Kent at the hall.\n"It will fail," he said.';
    const q = quote(text, 'It will fail');
    expect(q.unsure).toBe(true);
    expect([q.speaker, ...q.alternatives]).toEqual(
      expect.arrayContaining(['Tom Ashe', 'Paul Kent']),
    );
  });

  it('is sure of a name right beside the quotation', () => {
    const q = quote('"It will fail," said Tom Ashe, a planner.', 'It will fail');
    expect(q).toMatchObject({ speaker: 'Tom Ashe', unsure: false, speakerKind: 'person' });
    expect(q.confidence).toBeGreaterThan(0.9);
  });

  it('offers who spoke last as an unsure guess for a statement nothing attributes', () => {
    const text = '"We start today," Lena Ortiz said.\nThe crowd cheered.\n"We finish tomorrow."';
    const q = quote(text, 'We finish');
    expect(q).toMatchObject({ speaker: 'Lena Ortiz' });
    expect(q.confidence).toBeLessThan(UNSURE_BELOW);
    expect(q.unsure).toBe(true);
  });
});
