/** Words and punctuation with their offsets, read once per document. */
export interface Token {
  text: string;
  /** Lower case, without a possessive `'s` (`Ministry's` → `ministry`). */
  key: string;
  start: number;
  end: number;
  word: boolean;
  /** Starts with a capital letter. */
  capital: boolean;
  possessive: boolean;
  /** Inside a quotation: never a speaker, a verb or a role. */
  quoted: boolean;
}

// Abbreviated titles with their full stop (`Mr.`, `Sen.`: one word, so `"…," Mr. Biden said`
// reads as a name and a verb), initialisms (U.S.), words with inner apostrophes or hyphens
// (don't, al-Sayed), or one mark.
// A middle initial is one word with its stop (`Ronald R. Fieldstone`), and so is a generational
// suffix (`Robert P. Casey Jr.`), so a name's run is not cut at the stop.
const TOKEN =
  /(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|Fr|Hon|St)\.(?=\s)|(?:Jr|Sr)\.(?=[\s,;)]|$)|(?:\p{L}\.){2,}|\p{Lu}\.(?=[ \u00a0]\p{Lu}\p{Ll})|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|\S/gu;
const ABBREVIATED = /^\p{L}+\.$/u;
const CAPITAL = /^\p{Lu}/u;
const POSSESSIVE = /['’]s$/i;

export function tokenize(text: string, quoted: (offset: number) => boolean): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const start = m.index;
    const word = t.length > 1 || /[\p{L}\p{N}]/u.test(t);
    const possessive = word && POSSESSIVE.test(t);
    const bare = possessive ? t.slice(0, -2) : ABBREVIATED.test(t) ? t.slice(0, -1) : t;
    tokens.push({
      text: t,
      key: bare.toLowerCase(),
      start,
      end: start + t.length,
      word,
      capital: word && CAPITAL.test(t),
      possessive,
      quoted: quoted(start),
    });
  }
  return tokens;
}

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is the gap between two tokens a plain space inside one line? */
export const joined = (text: string, a: Token, b: Token) =>
  /^[ \u00a0]+$/.test(text.slice(a.end, b.start));
