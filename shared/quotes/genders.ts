import { FEMALE_NAMES, MALE_NAMES } from './first-names.generated.ts';
import type { Mention, Person } from './people.ts';
import type { Token } from './tokens.ts';

/**
 * What the text says of a person's gender, for whom `he` or `she` means: an honorific, the
 * pronouns that follow their mentions, and as a weaker hint their given name.
 */
export type Gender = 'male' | 'female';

// Maps, not objects: a word such as `constructor` must find nothing.
export const HONORIFIC_GENDER = new Map<string, Gender>([
  ['mr', 'male'],
  ['mrs', 'female'],
  ['ms', 'female'],
]);
export const PRONOUN_GENDER = new Map<string, Gender>([
  ['he', 'male'],
  ['him', 'male'],
  ['his', 'male'],
  ['himself', 'male'],
  ['she', 'female'],
  ['her', 'female'],
  ['hers', 'female'],
  ['herself', 'female'],
]);

export const GIVEN_NAMES = new Map<string, Gender>();
for (const w of MALE_NAMES.trim().split(/\s+/)) GIVEN_NAMES.set(w, 'male');
// A name on both lists says nothing.
for (const w of FEMALE_NAMES.trim().split(/\s+/))
  if (GIVEN_NAMES.has(w)) GIVEN_NAMES.delete(w);
  else GIVEN_NAMES.set(w, 'female');

const SENTENCE_END = /[.!?]/;

/**
 * A person's gender where the text says it: an honorific before a mention (set while reading),
 * else the pronouns that follow their mentions (the first `he`/`his` or `she`/`her` after a
 * mention in its sentence, before anyone else is named; a sentence that opens with `He` or `She`
 * after one whose subject they were), else, as a hint only, their given name.
 */
export function guessGenders(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  persons: readonly Person[],
) {
  const votes = new Map<Person, { male: number; female: number }>();
  const vote = (p: Person, g: Gender) => {
    const v = votes.get(p) ?? { male: 0, female: 0 };
    v[g]++;
    votes.set(p, v);
  };
  // Sentence subjects: the first person named after a sentence boundary.
  let subject: Person | null = null;
  let previousSubject: Person | null = null;
  let atStart = true;
  let k = 0;
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    const prev = tokens[j - 1];
    if (prev && (SENTENCE_END.test(prev.text) || text.slice(prev.end, t.start).includes('\n'))) {
      previousSubject = subject;
      subject = null;
      atStart = true;
    }
    while (k < mentions.length && (mentions[k] as Mention).first < j) k++;
    const m = mentions[k];
    if (m && m.first === j && m.person && !m.possessive && subject === null) subject = m.person;
    const g = PRONOUN_GENDER.get(t.key);
    if (atStart && g && t.capital && (t.key === 'he' || t.key === 'she') && previousSubject)
      vote(previousSubject, g);
    if (t.word) atStart = false;
  }
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k] as Mention;
    if (!m.person || m.person.gender) continue;
    const stop = Math.min(mentions[k + 1]?.first ?? tokens.length, m.last + 12);
    for (let j = m.last + 1; j < stop; j++) {
      const t = tokens[j] as Token;
      // The next sentence's subject counts too (`Moore said… She added`), not its later words.
      if (t.quoted || (t.text === '.' && !PRONOUN_GENDER.has(tokens[j + 1]?.key ?? ''))) break;
      const g = PRONOUN_GENDER.get(t.key);
      if (!g) continue;
      vote(m.person, g);
      break;
    }
  }
  for (const [p, v] of votes)
    if (!p.gender && v.male !== v.female) p.gender = v.male > v.female ? 'male' : 'female';
  for (const p of persons)
    if (p.name.includes(' '))
      p.nameGender = GIVEN_NAMES.get(p.name.split(' ')[0]?.toLowerCase() ?? '') ?? null;
}
