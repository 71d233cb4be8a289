import { type Gender, GIVEN_NAMES, guessGenders, HONORIFIC_GENDER } from './genders.ts';
import {
  EVENT_WORDS,
  HONORIFICS,
  NOT_NAMES,
  ORGANISATION_WORDS,
  PLACES,
  ROLE_HEADS,
  ROLE_MODIFIERS,
} from './lexicon.ts';
import { appositiveAfter, appositiveBefore, CONNECTORS, roleBefore } from './person-roles.ts';
import { joined, type Token } from './tokens.ts';

/**
 * The people a document names. A person is a run of two or more capitalised words with no
 * title or institution word in it (`Defense Minister Mohammad Yaqoob Mujahid` → the name is
 * `Mohammad Yaqoob Mujahid`, the role `Defense Minister`); later a surname alone names them.
 */
export interface Person {
  name: string;
  surname: string;
  role: string | null;
  /** Where the full name first appears. */
  introducedAt: number;
  /** From `Mr.`/`Mrs.`/`Ms.` before a mention, else from the pronouns that follow one. */
  gender: Gender | null;
  /** What the given name usually is: a weaker hint than anything the text says. */
  nameGender: Gender | null;
}

/** A capitalised name as written somewhere outside quotations. */
export interface Mention {
  /** The name part only (titles before it are not included). */
  text: string;
  start: number;
  end: number;
  /** Token index of the first and last token of the name part. */
  first: number;
  last: number;
  possessive: boolean;
  /** An institution (`Nordic Equity Research`): a speaker only as a verb's subject. */
  organisation: boolean;
  /** A place (`New York`, `Madison`): never a speaker. */
  place: boolean;
  person: Person | null;
}

const PARTICLES = new Set(
  'bin bint ibn al el de del della di da das dos du van von der den la le ter ten'.split(' '),
);
const MID_NAME_STOPS = new Set(
  'the and or but of in on at by for from with against over after before are is was were has have to as vs'.split(
    ' ',
  ),
);
/** Generational suffixes: `Martin Luther King Jr` has the surname King. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
/** `U.S.`, `D.C.`: an initialism is a place or an institution, a single initial is part of a name. */
const INITIALISM = /^(?:\p{L}\.){2,}$/u;

const isTitleWord = (t: Token) =>
  ROLE_HEADS.has(t.key) ||
  EVENT_WORDS.has(t.key) ||
  HONORIFICS.has(t.key) ||
  ORGANISATION_WORDS.has(t.key) ||
  (t.capital && ROLE_MODIFIERS.has(t.key)) ||
  INITIALISM.test(t.text);

const INSTITUTION_CONNECTORS = new Set(['of', 'on', 'and', 'for']);

/** Does any token in [from, to] have a key in `set`? */
function runHas(tokens: readonly Token[], from: number, to: number, set: ReadonlySet<string>) {
  for (let k = from; k <= to; k++) if (set.has((tokens[k] as Token).key)) return true;
  return false;
}

/** Is the capitalised run starting at `from` an institution's (`… of Homeland Security`)? */
function institutionAhead(text: string, tokens: readonly Token[], from: number): boolean {
  for (let k = from; k < tokens.length && k - from < 5; k++) {
    const t = tokens[k] as Token;
    if (!t.capital || t.quoted || ROLE_HEADS.has(t.key)) return false;
    if (ORGANISATION_WORDS.has(t.key)) return true;
    const next = tokens[k + 1];
    if (!next || !joined(text, t, next)) return false;
  }
  return false;
}

/** The last token of `(Voice of the People)` right after the run's end, else the run's end. */
function bracketedExpansion(text: string, tokens: readonly Token[], end: number): number {
  if (
    tokens[end + 1]?.text !== '(' ||
    !joined(text, tokens[end] as Token, tokens[end + 1] as Token)
  )
    return end;
  let capitals = 0;
  for (let k = end + 2; k < tokens.length && k - end < 9; k++) {
    const t = tokens[k] as Token;
    if (t.text === ')') return capitals >= 2 ? k : end;
    if (!t.word || t.quoted) return end;
    if (t.capital) capitals++;
    else if (!CONNECTORS.has(t.key)) return end;
  }
  return end;
}

/**
 * Lines set in title case with no closing punctuation (`Trump Attacks Biden Over Border
 * Policy`): a headline's capitals are not names, so no one is introduced there. `covers` is
 * asked with ascending offsets.
 */
function headlineLines(text: string) {
  const lines: { start: number; end: number }[] = [];
  const LINE = /[^\n]+/g;
  for (const m of text.matchAll(LINE)) {
    // The document's first line, its title, may end with a full stop (as some archives write
    // titles): `Obama Sees 'Personal Insult' if….`
    const full = m[0].trim();
    const line = m.index === 0 && /\p{L}\.$/u.test(full) ? full.slice(0, -1) : full;
    if (/[.!?:;,"”’'»)…]$/.test(line) || line.split(/\s+/).length > 14) continue;
    const long = line.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
    const capitalised = long.filter((w) => /^\p{Lu}/u.test(w)).length;
    if (long.length >= 3 && capitalised * 3 >= long.length * 2)
      lines.push({ start: m.index, end: m.index + m[0].length });
  }
  let k = 0;
  return {
    covers(offset: number) {
      while (k < lines.length && (lines[k] as { end: number }).end <= offset) k++;
      const line = lines[k];
      return line !== undefined && line.start <= offset;
    },
  };
}

export interface People {
  persons: Person[];
  /** Every capitalised name outside quotations, in order. */
  mentions: Mention[];
  /** The mention whose name part starts at this token, if any. */
  mentionAtToken(index: number): Mention | undefined;
}

/** Read the names in a document once: who is introduced where, with what role. */
export function readPeople(text: string, tokens: readonly Token[]): People {
  const mentions: Mention[] = [];
  const headlines = headlineLines(text);
  const byName = new Map<string, Person>();
  const persons: Person[] = [];
  // Surnames of people named in full so far (a lone `King` is theirs, not a title).
  const fullSurnames = new Set<string>();
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (!t.capital || t.quoted) {
      i++;
      continue;
    }
    // The run: capitalised words joined by single spaces, with name particles and `Mr.`.
    let end = i;
    let institution = false;
    while (end + 1 < tokens.length) {
      const cur = tokens[end] as Token;
      const next = tokens[end + 1] as Token;
      if (cur.possessive) break;
      if (next.text === '.' && HONORIFICS.has(cur.key) && tokens[end + 2]?.capital) {
        end += 2;
        continue;
      }
      if (!joined(text, cur, next) || next.quoted || !next.word) break;
      // `Voters Are Turning Against Sunak`: a capitalised function word is not inside a name.
      if (next.capital && !MID_NAME_STOPS.has(next.key)) {
        end++;
        continue;
      }
      if (next.capital) break;
      // Particles, one or more, then the rest of the name: `Ursula von der Leyen`.
      let k = end + 1;
      while (
        k < tokens.length &&
        PARTICLES.has((tokens[k] as Token).key) &&
        joined(text, tokens[k - 1] as Token, tokens[k] as Token)
      )
        k++;
      if (
        k > end + 1 &&
        tokens[k]?.capital &&
        joined(text, tokens[k - 1] as Token, tokens[k] as Token)
      ) {
        end = k;
        continue;
      }
      // `Department of Homeland Security`, `House Select Committee on Benghazi`, `Securities and
      // Exchange Commission`: an institution's name runs on over `of`, `on`, `and`, `for`.
      const after = tokens[end + 2];
      if (
        INSTITUTION_CONNECTORS.has(next.key) &&
        after?.capital &&
        !after.quoted &&
        joined(text, next, after) &&
        // `of`/`on`/`for` after an institution's word; `and` between one word and an
        // institution (`Chris Wallace of Fox News` and `Priebus and the Committee` stay apart).
        (next.key === 'and'
          ? end === i && !fullSurnames.has(cur.key) && institutionAhead(text, tokens, end + 2)
          : runHas(tokens, i, end, ORGANISATION_WORDS))
      ) {
        end += 2;
        institution = true;
        continue;
      }
      break;
    }
    // `the Vox Populi (Voice of the People) column`: a name's expansion in brackets is part of it.
    end = bracketedExpansion(text, tokens, end);
    let first = i;
    while (
      first <= end &&
      (NOT_NAMES.has((tokens[first] as Token).key) || !(tokens[first] as Token).word)
    )
      first++;
    // Titles and institutions before the name are not part of it.
    // `Billie Jean King`, `Tom Guard`: from a known given name on, a title word is a surname.
    let given = end + 1;
    for (let k = first; k <= end; k++) {
      const t = tokens[k] as Token;
      if (GIVEN_NAMES.has(t.key) && !isTitleWord(t) && k < end) {
        given = k;
        break;
      }
    }
    let lastTitle = -1;
    for (let k = first; k <= end && k < given; k++) {
      if (!isTitleWord(tokens[k] as Token)) continue;
      // `Charlie King`: a title word that ends a run after a name word is a surname.
      // So is one after `Mr.` (`Mr. King`), or one alone that is a surname the text has given
      // (`King says Ali…` after Billie Jean King).
      const key = (tokens[k] as Token).key;
      const surname =
        k === end &&
        !ORGANISATION_WORDS.has(key) &&
        ((k > first && !isTitleWord(tokens[k - 1] as Token)) ||
          (k === first &&
            (HONORIFIC_GENDER.has(tokens[k - 1]?.key ?? '') || fullSurnames.has(key))));
      if (!surname) lastTitle = k;
    }
    // A run of title words alone (`King`, `Defense Minister`) is nobody; an institution has an
    // institution's word in it.
    const organisation =
      institution ||
      ORGANISATION_WORDS.has((tokens[end] as Token).key) ||
      (lastTitle === end && runHas(tokens, first, end, ORGANISATION_WORDS)) ||
      (lastTitle === end && runHas(tokens, first, end, EVENT_WORDS));
    const nameFirst = organisation ? first : Math.max(first, lastTitle + 1);
    // `Mr. Obama`, `Sen. Toomey`, `President Obama`: a title makes a lone surname a person's.
    let titled = false;
    let gender: Gender | null = null;
    for (let k = i; k < nameFirst; k++) {
      const key = (tokens[k] as Token).key;
      gender ??= HONORIFIC_GENDER.get(key) ?? null;
      if (HONORIFICS.has(key) || ROLE_HEADS.has(key)) titled = true;
    }
    if (nameFirst <= end) {
      const lastToken = tokens[end] as Token;
      const nameText = text.slice(
        (tokens[nameFirst] as Token).start,
        lastToken.possessive ? lastToken.end - 2 : lastToken.end,
      );
      const mention: Mention = {
        text: nameText,
        start: (tokens[nameFirst] as Token).start,
        end: lastToken.end,
        first: nameFirst,
        last: end,
        possessive: lastToken.possessive,
        organisation,
        place: PLACES.has(nameText.toLowerCase()),
        person: null,
      };
      if (
        !organisation &&
        !mention.place &&
        (end > nameFirst || titled) &&
        !(tokens[nameFirst] as Token).possessive &&
        !headlines.covers(mention.start)
      ) {
        let person = byName.get(nameText);
        if (!person) {
          const surname =
            SUFFIXES.has(lastToken.key) && end - 1 > nameFirst
              ? (tokens[end - 1] as Token)
              : lastToken;
          person = {
            name: nameText,
            surname: surname.key,
            role: null,
            introducedAt: mention.start,
            gender: null,
            nameGender: null,
          };
          byName.set(nameText, person);
          persons.push(person);
          if (end > nameFirst) fullSurnames.add(person.surname);
        }
        person.role ??=
          roleBefore(text, tokens, nameFirst) ??
          appositiveBefore(text, tokens, nameFirst) ??
          appositiveAfter(text, tokens, end);
        person.gender ??= gender;
        mention.person = person;
      }
      mentions.push(mention);
    }
    i = end + 1;
  }
  guessGenders(text, tokens, mentions, persons);
  // One person, one name: `Harry Reid` and `Mr. Reid` are Harry M. Reid when the text gives it.
  const bySurname = new Map<string, Person[]>();
  for (const p of persons) bySurname.set(p.surname, [...(bySurname.get(p.surname) ?? []), p]);
  const fullest = new Map<Person, Person>();
  for (const p of persons) fullest.set(p, fullestForm(p, bySurname.get(p.surname) ?? []));
  for (const m of mentions) if (m.person) m.person = fullest.get(m.person) ?? m.person;
  // A single word names a person introduced in full: the most recent one before it, else any.
  const named = new Map<string, Person[]>();
  for (const p of persons)
    if (fullest.get(p) === p && p.name.includes(' '))
      named.set(p.surname, [...(named.get(p.surname) ?? []), p]);
  for (const m of mentions) {
    if (m.person || m.organisation || m.first !== m.last) continue;
    const key = (tokens[m.first] as Token).key;
    let best: Person | null = null;
    // Only the first few of a surname: a text of a thousand Smiths stays linear.
    for (const p of (named.get(key) ?? []).slice(0, 50)) {
      if (!best || (p.introducedAt < m.start && p.introducedAt > best.introducedAt)) best = p;
    }
    m.person = best;
    // `Israel said`: Rep. Steve Israel, not the country, once the text has named him.
    if (best) m.place = false;
  }
  const atToken = new Map(mentions.map((m) => [m.first, m]));
  return { persons, mentions, mentionAtToken: (index) => atToken.get(index) };
}

/**
 * The fullest name the text gives this person: a longer name with the same surname whose words
 * include theirs (`Harry Reid` → `Harry M. Reid`, `Obama` → `Barack Obama`), of no other
 * gender. A lone surname shared by two such people (`Obama`: Barack and Michelle) stays as it is
 * unless its gender tells them apart.
 */
function fullestForm(p: Person, sameSurname: readonly Person[]): Person {
  const words = p.name.toLowerCase().split(/\s+/);
  let best: Person | null = null;
  let rivals = 0;
  for (const q of sameSurname.slice(0, 50)) {
    if (q === p || q.surname !== p.surname || q.name.length <= p.name.length) continue;
    if (p.gender && q.gender && p.gender !== q.gender) continue;
    // `President Obama` early on is not `Michelle Obama` named later: a titled short form only
    // takes a fuller name given before it.
    if (p.role && q.introducedAt > p.introducedAt) continue;
    const theirs = new Set(q.name.toLowerCase().split(/\s+/));
    if (!words.every((w) => theirs.has(w))) continue;
    const first = q.name.split(/\s+/)[0];
    if (best && best.name.split(/\s+/)[0] !== first) rivals++;
    if (!best || q.name.length > best.name.length) best = q;
  }
  if (!best || rivals > 0) return p;
  // Inherit what the short form knew.
  best.gender ??= p.gender;
  best.role ??= p.role;
  return best;
}

/** Persons whose role has this head word, most recently introduced before `offset` first. */
export function personWithRole(people: People, head: string, offset: number): Person | null {
  // Indexed once per document by the words of each role, in order of introduction, so a text of
  // thousands of spokesmen stays linear.
  let index = roleIndexes.get(people);
  if (!index) {
    index = new Map();
    const byIntroduction = [...people.persons].sort((a, b) => a.introducedAt - b.introducedAt);
    for (const p of byIntroduction)
      for (const word of new Set(p.role?.toLowerCase().split(/[\s']+/) ?? []))
        index.set(word, [...(index.get(word) ?? []), p].slice(-64));
    roleIndexes.set(people, index);
  }
  const holders = index.get(head) ?? [];
  let best: Person | null = null;
  for (const p of holders) if (p.introducedAt <= offset) best = p;
  return best;
}
const roleIndexes = new WeakMap<People, Map<string, Person[]>>();
