import type { Notebook } from '../../electron/notebook/notebook.ts';
import type { LayerHighlight, NotebookDocument, Round } from '../../shared/model.ts';
import { prose, documentOf as readerDocument } from '../reader/fixture.ts';
import { mulberry32, type Random } from '../search/random.ts';

/** The case: one document compared, 3 coders × 500 highlights on it. */
export const COMPARE_CODERS = 3;
export const COMPARE_HIGHLIGHTS = 500;
/** Words of the long document (the reader suite's large size). */
export const COMPARE_WORDS = 100_000;
/** Highlights per coder on the small second document. */
const SMALL_HIGHLIGHTS = 12;
const CODES = ['stance/defiance', 'actors', 'economy', 'security'];

export interface CompareCase {
  roundId: string;
  longId: string;
  smallId: string;
  longTitle: string;
  /** The long document's words and paragraphs (blocks). */
  words: number;
  blocks: number;
  /** The first few characters of the long document's first paragraph, to know it is drawn. */
  longFirstText: string;
  smallFirstText: string;
  /** The coders' highlights on the long document, all layers together. */
  highlights: number;
}

const documentOf = (id: string, title: string, raw: string, at: string) =>
  readerDocument(id, title, raw, at, 'compare bench');

/** A word boundary at or after `i` (the start of the next word), within the text. */
function wordStart(text: string, i: number): number {
  let k = Math.max(0, Math.min(text.length, i));
  while (k > 0 && /\S/.test(text[k - 1]!)) k--;
  return k;
}
function wordEnd(text: string, i: number): number {
  let k = Math.max(0, Math.min(text.length, i));
  while (k < text.length && /\S/.test(text[k]!)) k++;
  return k;
}

/**
 * A team's coding of one document, seeded: `count` reference passages (40 to 600 characters at
 * word boundaries, one of the codes, spread evenly over the text); each coder takes every one
 * of them as it is (7 in 10), with its ends moved by a few words (2 in 10), under another code
 * (1 in 20) or leaves it for a passage of their own elsewhere (1 in 20). Each coder so has
 * exactly `count` highlights; where all three took a passage as it is they agree, and the rest
 * are disagreements of every kind (ends, code, one coder silent).
 */
export function teamLayers(
  random: Random,
  text: string,
  documentId: string,
  coders: number,
  count: number,
  tagIds: readonly string[],
  prefix: string,
): LayerHighlight[][] {
  const span = text.length / count;
  const passage = (from: number, to: number) => {
    const start = wordStart(text, random.int(Math.floor(from), Math.floor(to)));
    const end = wordEnd(text, Math.min(text.length, start + random.int(40, 600)));
    return { start, end: Math.max(end, Math.min(text.length, start + 1)) };
  };
  const reference = Array.from({ length: count }, (_, i) => ({
    ...passage(i * span, i * span + span * 0.6),
    tagId: random.pick(tagIds),
  }));
  return Array.from({ length: coders }, (_, c) =>
    reference.map((r, i): LayerHighlight => {
      const roll = random.next();
      let { start, end, tagId } = r;
      if (roll >= 0.7 && roll < 0.9) {
        start = wordStart(text, start + random.int(-40, 40));
        end = wordEnd(text, end + random.int(-40, 40));
        if (end <= start) ({ start, end } = r);
      } else if (roll >= 0.9 && roll < 0.95) {
        tagId = tagIds[(tagIds.indexOf(tagId) + 1) % tagIds.length]!;
      } else if (roll >= 0.95) {
        ({ start, end } = passage(0, text.length - 1));
      }
      return {
        id: `${prefix}_c${c}_${i}`,
        documentId,
        start,
        end,
        tagIds: [tagId],
        comment: i % 7 === 0 ? 'Coded as a refusal in context.' : '',
      };
    }),
  );
}

/**
 * The notebook the suite reads, written straight into the store (as the reader suite writes
 * its documents): a long document of `words` words of prose, a short one, four codes, and a
 * lead's round on both with `COMPARE_CODERS` coders' layers, `COMPARE_HIGHLIGHTS` highlights
 * each on the long document and a few on the short one.
 */
export async function writeCompareNotebook(
  notebook: Notebook,
  words: number,
  log: (line: string) => void,
): Promise<CompareCase> {
  log(
    `compare: writing ${words.toLocaleString('en')} words, ${COMPARE_CODERS} coders × ${COMPARE_HIGHLIGHTS} highlights`,
  );
  const random = mulberry32(20);
  const base = Date.UTC(2025, 2, 1);
  const at = (i: number) => new Date(base + i * 60_000).toISOString();
  const longTitle = `Compare bench ${words / 1000}k words`;
  const long = documentOf('doc_compare_long', longTitle, prose(random, words), at(1));
  const small = documentOf(
    'doc_compare_small',
    'Compare bench short interview',
    prose(random, 300),
    at(2),
  );
  notebook.store.change((data) => data.documents.push(long, small));
  const tags = [];
  for (const name of CODES) tags.push(await notebook.handlers.createTag({ name }));
  const tagIds = tags.map((t) => t.id);
  const onLong = teamLayers(
    random,
    long.text,
    long.id,
    COMPARE_CODERS,
    COMPARE_HIGHLIGHTS,
    tagIds,
    'hl_long',
  );
  const onSmall = teamLayers(
    random,
    small.text,
    small.id,
    COMPARE_CODERS,
    SMALL_HIGHLIGHTS,
    tagIds,
    'hl_small',
  );
  const names = ['Amina', 'Bruno', 'Chen'];
  const round: Round = {
    id: 'round_compare_bench',
    name: 'Compare bench round',
    instructions: 'Code every refusal as stance/defiance.',
    role: 'lead',
    documentIds: [long.id, small.id],
    tagIds,
    proposals: [],
    layers: onLong.map((highlights, c) => ({
      coder: { id: `coder_${c + 1}`, name: names[c] ?? `Coder ${c + 1}` },
      importedAt: at(10 + c),
      fileName: `coder-${c + 1}.mcoding`,
      highlights: [...highlights, ...onSmall[c]!],
    })),
    createdAt: at(3),
    updatedAt: at(13),
  };
  notebook.store.change((data) => data.rounds.push(round));
  await notebook.store.flush();
  const firstText = (d: NotebookDocument) =>
    d.text.slice(d.blocks[0]!.start, Math.min(d.blocks[0]!.end, d.blocks[0]!.start + 60));
  return {
    roundId: round.id,
    longId: long.id,
    smallId: small.id,
    longTitle,
    words,
    blocks: long.blocks.length,
    longFirstText: firstText(long),
    smallFirstText: firstText(small),
    highlights: COMPARE_CODERS * COMPARE_HIGHLIGHTS,
  };
}
