/**
 * What the quote finder proposes. Offsets are UTF-16 code units into the document's canonical
 * text, like every other range in the notebook.
 */
export type QuoteKind = 'direct' | 'partial' | 'scare';

/** How a speaker was found, so the reader can check it against the text. */
export type AttributionShape =
  /** `"…," X said.` or `"…," said X.` — the attribution follows the quote. */
  | 'after-quote'
  /** `X said: "…"`, `X told reporters that "…"` — it comes before, in the same sentence. */
  | 'before-quote'
  /** `according to X`. */
  | 'according-to'
  /** `X wrote in a statement. "…"` — the sentence before introduces the quote. */
  | 'previous-sentence'
  /** A quote with no attribution of its own, right after one by the same speaker. */
  | 'continuation'
  /** A quotation inside a sentence (or after its colon) whose subject is the speaker. */
  | 'sentence-subject';

export interface QuoteEvidence {
  shape: AttributionShape;
  /** The attribution verb as written (`said`, `told`, `according to`); null for a continuation. */
  verb: string | null;
  verbStart: number | null;
  /** How the text names the speaker there: `Mujahid`, `he`, `the board chair`. */
  mention: string;
  mentionStart: number;
  /** Where the full name was introduced, when the mention is a surname, pronoun or role. */
  introducedAt: number | null;
}

export interface QuoteCandidate {
  /** The words inside the quotation marks (`text === documentText.slice(start, end)`). */
  text: string;
  start: number;
  end: number;
  /** The opening and closing quotation marks: the quotation with its marks is `[open, close + 1)`. */
  open: number;
  close: number;
  kind: QuoteKind;
  /** Full name as the document introduces it; null when nobody named is credited. */
  speaker: string | null;
  /** Title or role kept apart from the name (`board chair`), or an unnamed source's role. */
  role: string | null;
  evidence: QuoteEvidence | null;
  /** Whether the speaker is a person or an organisation (`the bank said in a statement`). */
  speakerKind: 'person' | 'organisation' | null;
  /** How sure the finder is of the speaker, 0–1 (0 when it names nobody). */
  confidence: number;
  /** Below the threshold: the card says "speaker unsure" instead of asserting `speaker`. */
  unsure: boolean;
  /** The next most likely speakers, best first, offered beside an unsure guess. */
  alternatives: string[];
}
