import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PdfInfo } from '../../../shared/model.ts';
import { pageOfDestination } from '../../../shared/pdf/destination.ts';
import { buildPdfText } from '../../../shared/pdf/document-text.ts';
import { describePages } from '../../../shared/pdf/page-ranges.ts';
import { PDF_TEXT_BUILDER_VERSION, type PdfTextItem } from '../../../shared/pdf/page-text.ts';
import {
  cleanField,
  normalizeDate,
  type ParsedDocument,
  titleFromFileName,
} from './parsed-document.ts';
import { ImportProblem } from './problems.ts';

/** A PDF's first bytes: `%PDF-`, allowed a little junk before it as readers do. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
// Only the legacy build runs in Node 22, and pdf.js parses on the calling thread in Node: this
// module runs in the import worker, never on the thread that owns the store.
const loadPdfJs = () => {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
};

/** pdf.js's data folders (CMaps for CJK and Arabic fonts, the 14 standard fonts), as paths. */
function dataFolders(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: `${join(root, 'cmaps')}/`,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
  };
}

/** A ParsedDocument for a PDF, with what the store keeps beside its text. */
export type ParsedPdf = Omit<ParsedDocument, 'pdf'> & { pdf: Omit<PdfInfo, 'file' | 'byteLength'> };

/**
 * A PDF's bytes to a document: canonical text (shared/pdf/page-text.ts) over every page, the
 * info dictionary's title, author and date, page sizes, labels and outline, and the pages
 * without readable text named. pdf.js never runs the PDF's JavaScript here (scripting is a
 * viewer feature this code never loads, and pdf.js 6 has no `eval` left).
 */
export async function pdfToDocument(
  bytes: Uint8Array,
  options: { fileName: string },
): Promise<ParsedPdf> {
  if (!looksLikePdf(bytes)) {
    throw new ImportProblem('unsupported', 'it is named .pdf but is not a PDF (no %PDF header)');
  }
  const { getDocument, version } = await loadPdfJs();
  const task = getDocument({
    // pdf.js may take the buffer over; the caller still needs its bytes.
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    verbosity: 0,
    ...dataFolders(),
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      throw refusal(error);
    }
    const pageSizes: [number, number][] = [];
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      pageSizes.push([round(viewport.width), round(viewport.height)]);
      let items: PdfTextItem[] = [];
      try {
        const content = await page.getTextContent();
        items = content.items.filter((i): i is PdfTextItem & typeof i => 'str' in i);
      } catch {
        // A page whose content cannot be read is a page without readable text.
      }
      pages.push(
        items.map(({ str, hasEOL, transform, width, height }) => ({
          str,
          hasEOL,
          transform,
          width,
          height,
        })),
      );
      page.cleanup();
    }
    const text = buildPdfText(pages);
    const info = await readInfo(doc);
    const firstHeading = text.blocks.find((b) => b.type === 'heading');
    const headingText = firstHeading ? text.text.slice(firstHeading.start, firstHeading.end) : '';
    const title = info.title || cleanField(headingText, 300) || titleFromFileName(options.fileName);
    const warnings: string[] = [];
    if (text.unreadablePages.length > 0) {
      const all = text.unreadablePages.length === doc.numPages;
      warnings.push(
        all
          ? `${doc.numPages === 1 ? 'Its page has no' : `None of its ${doc.numPages} pages has`} readable text (a scan or images). It reads as pages; mark figures and scanned passages with area highlights. Text recognition (OCR) is not available offline.`
          : `${describePages(text.unreadablePages)} no readable text (scanned or images); the other pages read as usual. Text recognition (OCR) is not available offline.`,
      );
    }
    return {
      format: 'pdf',
      title,
      author: info.author,
      source: '',
      url: '',
      publishedDate: info.date,
      text: text.text,
      blocks: text.blocks,
      marks: [],
      warnings,
      pdf: {
        pageCount: doc.numPages,
        pageLabels: await readPageLabels(doc),
        pageSizes,
        pageStarts: text.pageStarts,
        outline: await readOutline(doc),
        unreadablePages: text.unreadablePages,
        textBuilder: PDF_TEXT_BUILDER_VERSION,
        pdfjs: version,
      },
    };
  } finally {
    await task.destroy();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** pdf.js's exceptions, in words that say what is wrong with the file. */
function refusal(error: unknown): ImportProblem {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new ImportProblem(
      'unsupported',
      'it is encrypted with a password; open it in a PDF reader, save a copy without the password, and import that',
    );
  }
  if (name === 'InvalidPDFException') {
    return new ImportProblem(
      'unreadable',
      'it is not a valid PDF (it may be damaged or cut short)',
    );
  }
  return new ImportProblem('unreadable', `it could not be read as a PDF (${message})`);
}

type PdfDocumentProxy = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** Title, author and date from the info dictionary, when they say something. */
async function readInfo(
  doc: PdfDocumentProxy,
): Promise<{ title: string; author: string; date: string }> {
  try {
    const { info } = (await doc.getMetadata()) as { info: Record<string, unknown> };
    const title = cleanField(info.Title, 1000);
    return {
      // Word and LaTeX fill Title with a file name or a placeholder often enough to check.
      title: /^(untitled|microsoft word - .*|.*\.(docx?|pdf|tex|dvi))$/i.test(title) ? '' : title,
      author: cleanField(info.Author, 1000),
      date: pdfDate(typeof info.CreationDate === 'string' ? info.CreationDate : ''),
    };
  } catch {
    return { title: '', author: '', date: '' };
  }
}

/** `D:20090401163925-07'00'` → `2009-04-01`. */
export function pdfDate(raw: string): string {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(raw.trim());
  if (!m) return normalizeDate(raw);
  const [, y, mo = '01', d = '01'] = m;
  return `${y}-${mo}-${d}`;
}

async function readPageLabels(doc: PdfDocumentProxy): Promise<string[] | null> {
  try {
    const labels = await doc.getPageLabels();
    if (!labels || labels.length !== doc.numPages) return null;
    const cleaned = labels.map((l) => cleanField(l, 100));
    // Labels that only repeat 1, 2, 3… add nothing.
    return cleaned.every((l, i) => l === String(i + 1)) ? null : cleaned;
  } catch {
    return null;
  }
}

async function readOutline(doc: PdfDocumentProxy): Promise<PdfInfo['outline']> {
  const out: PdfInfo['outline'] = [];
  type Node = { title: string; dest: unknown; items: Node[] };
  let outline: Node[] | null;
  try {
    outline = (await doc.getOutline()) as Node[] | null;
  } catch {
    return out;
  }
  const walk = async (nodes: Node[], depth: number) => {
    for (const node of nodes) {
      if (out.length >= 5000) return;
      out.push({
        title: cleanField(node.title, 1000),
        page: await pageOfDestination(doc, node.dest),
        depth,
      });
      if (depth < 20 && node.items?.length) await walk(node.items, depth + 1);
    }
  };
  await walk(outline ?? [], 0);
  return out;
}
