/**
 * Finding quotations by their marks: straight and curly double quotes, single quotes where
 * they are not apostrophes, guillemets and German low quotes, nested one inside another, and
 * news-style quotations that run over paragraphs (each new paragraph reopens the quote, only
 * the last one closes it).
 */
export interface QuotationSpan {
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark. */
  close: number;
}

type Family = 'double' | 'single' | 'guillemet' | 'angle';

const LETTER = /[\p{L}\p{M}\p{N}]/u;
const isWordChar = (ch: string | undefined) => ch !== undefined && LETTER.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
/** What may come just before an opening mark: nothing, a space, a bracket, a dash, a mark. */
const OPEN_CONTEXT = /[\s([{—–\-/“‘"'«‹„:]/;
/** What may come just after a closing single mark for it to count as a sure close. */
const STRONG_AFTER = /[.,;:!?)\]”"»›…—–]/;
const STRONG_BEFORE = /[.,!?;:…—–-]/;
/** Leading elisions written with an apostrophe: 'tis, 'n', '90s, 'em, 'cause. */
const ELISION = /^['‘](?:tis|twas|n['’]|em|cause|til|bout|round|kay|ere|s\b|\d\d(?:s|['’]?s)?\b)/i;

function familyOf(ch: string): Family | null {
  switch (ch) {
    case '"':
    case '“':
    case '”':
    case '„':
      return 'double';
    case "'":
    case '‘':
    case '’':
    case '‚':
      return 'single';
    case '«':
    case '»':
      return 'guillemet';
    case '‹':
    case '›':
      return 'angle';
    default:
      return null;
  }
}

/** Could the mark at `i` open a quotation? */
function opensAt(text: string, i: number): boolean {
  const ch = text[i] as string;
  const before = i === 0 ? '\n' : (text[i - 1] as string);
  const after = text[i + 1];
  // French typesetting puts a (no-break) space inside guillemets: « Nous restons ».
  if (ch === '«' || ch === '‹') return !isWordChar(before) && after !== undefined && after !== '\n';
  if (isSpace(after)) return false;
  switch (ch) {
    case '“':
    case '«':
    case '„':
    case '‹':
    case '‚':
      return !isWordChar(before);
    case '"':
    case '”':
      return OPEN_CONTEXT.test(before);
    case "'":
    case '‘':
      return OPEN_CONTEXT.test(before) && !ELISION.test(text.slice(i, i + 6));
    default:
      return false;
  }
}

/** Could the mark at `i` close a quotation of `family` opened with `opener`? */
function closesAt(text: string, i: number, family: Family, opener: string): boolean {
  const ch = text[i] as string;
  const before = text[i - 1];
  const after = text[i + 1];
  switch (family) {
    case 'double':
      if (ch === '“') return opener === '„';
      if (ch !== '"' && ch !== '”') return false;
      // A straight mark with a space before and a word after opens the next quotation instead.
      return !(isSpace(before) && !isSpace(after) && ch === '"');
    case 'single':
      if (ch !== '’' && ch !== "'" && !(ch === '‘' && opener === '‚')) return false;
      return !isSpace(before) && !isWordChar(after);
    case 'guillemet':
      return ch === '»';
    case 'angle':
      return ch === '›';
  }
}

/** A single close is sure when punctuation or the end of a line is beside it. */
function strongSingleClose(text: string, i: number): boolean {
  const after = text[i + 1];
  return (
    after === undefined ||
    after === '\n' ||
    STRONG_AFTER.test(after) ||
    STRONG_BEFORE.test(text[i - 1] ?? '')
  );
}

/**
 * A single close that is only a space-separated `s’` (`the soldiers’ union’`) is a plural
 * possessive when another close follows before the paragraph ends or a new quotation opens.
 */
function laterSingleClose(text: string, from: number, opener: string): boolean {
  for (let j = from; j < text.length && text[j] !== '\n'; j++) {
    const ch = text[j] as string;
    if ((ch === '‘' || ch === "'") && opensAt(text, j)) return false;
    if (closesAt(text, j, 'single', opener)) return true;
  }
  return false;
}

const MAX_DEPTH = 3;
/**
 * No quotation is longer than this (about 3,000 words): a stray opening mark stops looking for
 * its close here, so a text full of unclosed marks stays linear instead of quadratic.
 */
const MAX_QUOTATION = 20_000;

/**
 * Where a search for a close already failed, by family and by whether the quotation was
 * outermost: an opening mark of that family before that point cannot be closed either, so a
 * paragraph full of unclosed marks is read once, not once per mark.
 */
type Failures = Map<string, number>;
const failureKey = (family: Family, depth: number) => `${family}${depth > 0 ? ' inner' : ''}`;
const knownToFail = (failures: Failures, family: Family, depth: number, at: number) =>
  at < (failures.get(failureKey(family, depth)) ?? -1);

/**
 * Match the quotation opened at `open`: the index of its closing mark, or -1 when it is not
 * closed (a stray mark or an apostrophe). Quotations inside it are skipped whole.
 */
function matchFrom(text: string, open: number, depth: number, failures: Failures): number {
  const opener = text[open] as string;
  const family = familyOf(opener) as Family;
  const limit = Math.min(text.length, open + MAX_QUOTATION);
  const fail = (reached: number) => {
    failures.set(failureKey(family, depth), reached);
    return -1;
  };
  for (let j = open + 1; j < limit; j++) {
    const ch = text[j] as string;
    if (ch === '\n') {
      // Only an outermost quotation runs on, and only when the next paragraph reopens it.
      if (depth > 0) return fail(j);
      let k = j + 1;
      while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\n')) k++;
      const next = text[k];
      if (next !== undefined && familyOf(next) === family && opensAt(text, k)) {
        j = k;
        continue;
      }
      return fail(j);
    }
    const f = familyOf(ch);
    if (f === null) continue;
    if (f === family && closesAt(text, j, family, opener)) {
      if (family !== 'single') return j;
      if (strongSingleClose(text, j)) return j;
      const possessive = /s/i.test(text[j - 1] ?? '');
      if (!possessive || !laterSingleClose(text, j + 1, opener)) return j;
      continue;
    }
    if (
      depth + 1 < MAX_DEPTH &&
      f !== family &&
      opensAt(text, j) &&
      !knownToFail(failures, f, depth + 1, j)
    ) {
      const inner = matchFrom(text, j, depth + 1, failures);
      if (inner >= 0) j = inner;
    }
  }
  return fail(limit);
}

/** Every outermost quotation in the text, in order. Inner quotations belong to their outer one. */
export function findQuotationSpans(text: string): QuotationSpan[] {
  const spans: QuotationSpan[] = [];
  const failures: Failures = new Map();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const family = familyOf(ch);
    if (family === null || !opensAt(text, i) || knownToFail(failures, family, 0, i)) continue;
    const close = matchFrom(text, i, 0, failures);
    if (close > i + 1) {
      spans.push({ open: i, close });
      i = close;
    }
  }
  return spans;
}
