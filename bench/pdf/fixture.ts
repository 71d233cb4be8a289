import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { mulberry32, type Random } from '../search/random.ts';

/**
 * The PDFs the suite reads: one written here with pdf-lib at the page count asked for (so a
 * 500-page book exists without keeping one in the repository), and the real ones beside the
 * project in ../shared/pdf/ (never copied in; see its SOURCES.md).
 */

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const sharedPdf = (name: string) => resolve(repoRoot, '..', 'shared', 'pdf', name);

/** Every real PDF in ../shared/pdf/, by file name (empty when the folder is not there). */
export function sharedPdfNames(): string[] {
  try {
    return readdirSync(resolve(repoRoot, '..', 'shared', 'pdf'))
      .filter((name) => name.toLowerCase().endsWith('.pdf'))
      .sort();
  } catch {
    return [];
  }
}

/** The title the generated book carries in its info dictionary (the library lists it so). */
export const generatedTitle = (pages: number) => `Benchmark Book of ${pages} Pages`;

// Plain English words, so the text layer, the canonical text and word boundaries look like a
// real article's (and Helvetica's WinAnsi encoding can draw every letter).
const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at ' +
  'which but have an they you were her she there been one all we their has would when if so ' +
  'no will more can some what into them only other its time these two may first then do any ' +
  'like my now over such our man me even most made after also did many before must through ' +
  'years where much your way well down should because each just those people how too little ' +
  'state good very make world still own see men work long get here between both life being ' +
  'under never day same another know while last might us great old year off come since against ' +
  'go came right used take three states himself few house use during without again place ' +
  'around however home small found thought went say part once general high upon school every ' +
  'interpretation evidence archive correspondence municipal settlement negotiation ministry ' +
  'provincial harvest irrigation merchants caravan treaty council delegation testimony ' +
  'manuscript ledger periphery frontier governance customary jurisdiction reconstruction'
).split(' ');

/** One column line of about `width` characters: words, now and then a comma or a full stop. */
function line(random: Random, width: number, startSentence: boolean): string {
  const words: string[] = [];
  let length = 0;
  let capital = startSentence;
  while (length < width - 4) {
    let word = random.pick(WORDS);
    if (capital) word = word.charAt(0).toUpperCase() + word.slice(1);
    capital = false;
    if (length + word.length + 1 > width + 2) break;
    if (random.chance(0.08)) {
      word += '.';
      capital = true;
    } else if (random.chance(0.06)) word += ',';
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

/**
 * A book of `pages` US-letter pages, each with a running head, two columns of 40 lines of body
 * text (about 3,000 characters a page, as a journal article or a monograph has) and a page
 * number: the shape the import's reading order and the reader's text layer meet in real PDFs.
 * Seeded, so every run reads the same book.
 */
export async function makeBook(pages: number, seed = 500): Promise<Uint8Array> {
  const random = mulberry32(seed);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  doc.setTitle(generatedTitle(pages));
  doc.setAuthor('Marginalia benchmark');
  const [width, height] = [612, 792];
  const size = 9;
  const lineHeight = size * 1.25;
  const columnWidth = (width - 100) / 2;
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([width, height]);
    page.drawText(`Chapter ${Math.floor(p / 20) + 1}`, {
      x: 50,
      y: height - 50,
      size: 11,
      font: bold,
    });
    for (let c = 0; c < 2; c++) {
      let sentence = true;
      for (let i = 0; i < 40; i++) {
        const text = line(random, 38, sentence);
        sentence = text.endsWith('.');
        page.drawText(text, {
          x: 50 + c * columnWidth,
          y: height - 80 - i * lineHeight,
          size,
          font,
        });
      }
    }
    page.drawText(String(p + 1), { x: width / 2 - 6, y: 40, size, font });
  }
  return doc.save({ useObjectStreams: false });
}

/** Write the generated book into `dir` and return its path. */
export async function writeBook(dir: string, pages: number): Promise<string> {
  const path = join(dir, `benchmark-book-${pages}.pdf`);
  await writeFile(path, await makeBook(pages));
  return path;
}
