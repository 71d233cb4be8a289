import { describe, expect, it } from 'vitest';
import { createTextFinder } from '../../shared/find/find-in-text.ts';

const words = (text: string, query: string) =>
  createTextFinder(text)
    .find(query)
    .matches.map((m) => text.slice(m.start, m.end));

describe('find in a document', () => {
  it('finds every occurrence in order, folded as search folds', () => {
    const text = 'Bagram, BAGRAM and bagram. Hérat is not Herat’s twin. He doesn’t know.';
    expect(words(text, 'bagram')).toEqual(['Bagram', 'BAGRAM', 'bagram']);
    expect(words(text, 'herat')).toEqual(['Hérat', 'Herat']);
    expect(words(text, 'doesnt')).toEqual(['doesn’t']);
    expect(words(text, "doesn't")).toEqual(['doesn’t']);
    expect(words(text, '  Bagram  ')).toHaveLength(3);
  });

  it('matches inside words and across spaces, never overlapping or empty', () => {
    expect(words('aaaa', 'aa')).toEqual(['aa', 'aa']);
    expect(words('the base, the base', 'the base')).toEqual(['the base', 'the base']);
    expect(words('anything', '')).toEqual([]);
    expect(words('anything', '’')).toEqual([]);
  });

  it('maps offsets back through characters that fold away or combine', () => {
    // A combining accent folds away; an emoji is two UTF-16 units.
    const text = 'e\u0301tat and État, 😀 état';
    expect(words(text, 'etat')).toEqual(['e\u0301tat', 'État', 'état']);
    expect(words('a😀b', '😀')).toEqual(['😀']);
  });

  it('stops at the limit and says there are more', () => {
    const text = 'x '.repeat(50);
    expect(createTextFinder(text).find('x', 10)).toMatchObject({ more: true });
    expect(createTextFinder(text).find('x', 10).matches).toHaveLength(10);
    expect(createTextFinder(text).find('x').matches).toHaveLength(50);
  });
});
