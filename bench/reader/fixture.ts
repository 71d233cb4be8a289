import { contentHash } from '../../electron/notebook/content-hash.ts';
import type { Notebook } from '../../electron/notebook/notebook.ts';
import type { HighlightColor } from '../../shared/colors.ts';
import type { NotebookDocument } from '../../shared/model.ts';
import { paragraphsFromPlainText } from '../../shared/text/plain-text.ts';
import { spreadRanges, type TextRange } from '../pdf/ranges.ts';
import { mulberry32, type Random } from '../search/random.ts';

/** One reader case: a document of `words` words of prose with `highlights` spread over it. */
export interface ReaderSize {
  words: number;
  highlights: number;
}

export const READER_SIZES: ReaderSize[] = [
  { words: 10_000, highlights: 500 },
  { words: 10_000, highlights: 2000 },
  { words: 10_000, highlights: 5000 },
  { words: 100_000, highlights: 2000 },
  { words: 100_000, highlights: 5000 },
];

/** Documents besides the measured ones: a library of this size, as in the issue. */
export const FILLER_DOCUMENTS = 500;

const WORDS = (
  'the of and to in a is that for it as was with be by on not this are or from at which but ' +
  'have an they were there been one all their has would when if so no will more can some into ' +
  'them only other its time these two may first then any over such our even most made after ' +
  'also many before through years where much way well down should because each those people ' +
  'archive correspondence municipal settlement negotiation ministry provincial harvest ' +
  'irrigation merchants caravan treaty council delegation testimony manuscript ledger periphery ' +
  'frontier governance customary jurisdiction reconstruction interview fieldwork respondent'
).split(' ');

/** Prose of `count` words: sentences of 8–30 words, paragraphs of 3–8 sentences. */
export function prose(random: Random, count: number): string {
  const paragraphs: string[] = [];
  let left = count;
  while (left > 0) {
    const sentences: string[] = [];
    for (let s = random.int(3, 8); s > 0 && left > 0; s--) {
      const n = Math.min(left, random.int(8, 30));
      left -= n;
      const words = Array.from({ length: n }, () => random.pick(WORDS));
      words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
      sentences.push(`${words.join(' ')}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

export const caseTitle = (size: ReaderSize) =>
  `Reader bench ${size.words / 1000}k words ${size.highlights} highlights`;

const COLORS: HighlightColor[] = ['yellow', 'green', 'blue', 'pink', 'orange'];
/** The colour of the highlight each run adds: none of the fixture's are this colour. */
export const ADDED_COLOR: HighlightColor = 'purple';

/** A bench's document of plain-text paragraphs, as an import would store it. */
export function documentOf(
  id: string,
  title: string,
  raw: string,
  at: string,
  source = 'reader bench',
): NotebookDocument {
  const { text, blocks } = paragraphsFromPlainText(raw);
  return {
    id,
    title,
    author: 'Bench',
    source,
    url: '',
    publishedDate: '',
    importedAt: at,
    updatedAt: at,
    contentHash: contentHash(text),
    text,
    blocks,
    marks: [],
  };
}

export interface ReaderCase {
  size: ReaderSize;
  documentId: string;
  title: string;
  /** Where the fixture's highlights are (the added one goes between them, near the top). */
  ranges: TextRange[];
  text: string;
}

/**
 * The notebook the suite reads: `FILLER_DOCUMENTS` short documents, then one document per size
 * (the newest, so each is at the top of the library), its highlights made through the core's
 * own `createAnnotation` (every third tagged, every fifth with a comment, five colours).
 */
export async function writeReaderNotebook(
  notebook: Notebook,
  sizes: readonly ReaderSize[],
  log: (line: string) => void,
): Promise<ReaderCase[]> {
  const random = mulberry32(18);
  const base = Date.UTC(2025, 0, 1);
  const at = (i: number) => new Date(base + i * 60_000).toISOString();
  const fillers = Array.from({ length: FILLER_DOCUMENTS }, (_, i) =>
    documentOf(`doc_filler_${i}`, `Filler document ${i}`, prose(random, 200), at(i)),
  );
  notebook.store.change((data) => data.documents.push(...fillers));
  const tags = await Promise.all(
    ['method', 'context', 'open question', 'quote'].map((name) =>
      notebook.handlers.createTag({ name }),
    ),
  );
  const cases: ReaderCase[] = [];
  for (const [i, size] of sizes.entries()) {
    log(`reader: writing ${size.words.toLocaleString('en')} words, ${size.highlights} highlights`);
    const title = caseTitle(size);
    const doc = documentOf(
      `doc_reader_${size.words}_${size.highlights}`,
      title,
      prose(random, size.words),
      at(FILLER_DOCUMENTS + i),
    );
    notebook.store.change((data) => data.documents.push(doc));
    const ranges = spreadRanges(doc.text, size.highlights);
    for (const [k, r] of ranges.entries()) {
      await notebook.handlers.createAnnotation({
        documentId: doc.id,
        ...r,
        color: COLORS[k % COLORS.length]!,
        tagIds: k % 3 === 0 ? [tags[k % tags.length]!.id] : [],
        comment: k % 5 === 0 ? 'A comment on this passage, as a researcher would write one.' : '',
      });
    }
    cases.push({ size, documentId: doc.id, title, ranges, text: doc.text });
  }
  await notebook.store.flush();
  return cases;
}
