import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../shared/text/plain-text.ts';

/** The definition countWords implements in one pass: the matches of this expression. */
const byExpression = (text: string) =>
  text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)?.length ?? 0;

// Letters and digits of several scripts (some outside the BMP), apostrophes, spaces, marks,
// emoji and a lone surrogate: where a hand-written scanner could part from the expression.
const PIECES = [
  'a',
  'Z',
  '7',
  'é',
  'ß',
  'ق',
  'م',
  'ж',
  '中',
  '𠀀',
  '𝟘',
  "'",
  '’',
  ' ',
  '\n',
  '-',
  '.',
  '😀',
  '\u0301',
  '\ud800',
  '\udc00',
  '"',
  '“',
  '٣',
];

describe('countWords', () => {
  it('counts as the expression does, on texts made of the awkward cases', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(countWords(text)).toBe(byExpression(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts as the expression does on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(countWords(text)).toBe(byExpression(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('joins words at an apostrophe inside them, and nowhere else', () => {
    expect(countWords("don't stop")).toBe(2);
    expect(countWords('rock ’n’ roll')).toBe(3);
    expect(countWords("the '90s, the boys' own")).toBe(5);
    expect(countWords('')).toBe(0);
    expect(countWords('Kabul, 21 September 2025 — Bagram.')).toBe(5);
  });
});
