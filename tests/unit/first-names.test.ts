import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  firstNamesModule,
  namesFromCompromise,
} from '../../scripts/first-names/names-from-compromise.ts';
import { FEMALE_NAMES, MALE_NAMES } from '../../shared/quotes/first-names.generated.ts';

// The finder ships compromise's given names as data, not the library (its tagger is far too
// slow for the finder's budget): the committed list must be what the pinned library gives.
describe('given names from compromise', () => {
  it('are exactly what `npm run first-names` writes from the pinned compromise', () => {
    const committed = readFileSync(
      join(import.meta.dirname, '..', '..', 'shared', 'quotes', 'first-names.generated.ts'),
      'utf8',
    );
    expect(firstNamesModule(namesFromCompromise())).toBe(committed);
  });

  it('hold common names of each, lower case, one word each', () => {
    const male = MALE_NAMES.trim().split(/\s+/);
    const female = FEMALE_NAMES.trim().split(/\s+/);
    expect(male.length).toBeGreaterThan(1000);
    expect(female.length).toBeGreaterThan(1000);
    expect(male).toEqual(expect.arrayContaining(['john', 'harry', 'paul']));
    expect(female).toEqual(expect.arrayContaining(['mary', 'hillary', 'madeleine']));
    for (const w of [...male, ...female]) expect(w).toMatch(/^[a-z][a-z'-]*$/);
  });
});
