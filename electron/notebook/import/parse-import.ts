import { readFile } from 'node:fs/promises';
import { type ImportFormat, isPdfName, PDF_MAX_BYTES } from '../../../shared/import.ts';
import { documentSchema } from '../../../shared/model.ts';
import { stripControlCharacters } from '../../../shared/text/control-chars.ts';
import { canonicalizeText, paragraphsFromPlainText } from '../../../shared/text/plain-text.ts';
import { keepPdf, sha256Hex } from '../stored-files.ts';
import { checkBytes, decodeText } from './decode.ts';
import { formatFromName, sniffFormat } from './detect.ts';
import { htmlToDocument } from './html-to-document.ts';
import { markdownToDocument } from './markdown-to-document.ts';
import {
  cleanField,
  type ParsedDocument,
  titleFromFileName,
  titleFromText,
  withoutRepeatedHeader,
} from './parsed-document.ts';
import { looksLikePdf, pdfToDocument } from './pdf-to-document.ts';
import { ImportProblem, tooLarge } from './problems.ts';

function plainTextToDocument(
  raw: string,
  options: { fileName: string; fallbackTitle?: string },
): ParsedDocument {
  const { text, blocks } = paragraphsFromPlainText(stripControlCharacters(raw));
  if (text.trim() === '') throw new ImportProblem('no-text', 'no readable text was found in it');
  return {
    format: 'text',
    title:
      titleFromText(text, blocks) ?? options.fallbackTitle ?? titleFromFileName(options.fileName),
    author: '',
    source: '',
    url: '',
    publishedDate: '',
    text,
    blocks,
    marks: [],
  };
}

async function convert(
  text: string,
  format: ImportFormat,
  options: { fileName: string; fallbackTitle?: string },
): Promise<ParsedDocument> {
  switch (format) {
    case 'html':
      return htmlToDocument(text, options);
    case 'markdown':
      return markdownToDocument(canonicalizeText(text), options);
    case 'text':
      return plainTextToDocument(text, options);
    case 'pdf':
      // PDFs are read from their bytes (parsePdf), never decoded as text.
      throw new ImportProblem('unsupported', 'a PDF cannot be pasted as text');
  }
}

/** The last step of every import: no repeated headline, and some text left to read. */
function finish(parsed: ParsedDocument): ParsedDocument {
  const document = withoutRepeatedHeader(parsed);
  if (document.text.trim() === '')
    throw new ImportProblem('no-text', 'no readable text was found in it');
  return checkedAndSerialized(document);
}

/**
 * The store is only ever given what its schema accepts: the body of the document (text, blocks,
 * marks, pages) is checked here, where it was parsed, and its text's JSON made here too, so the
 * thread that owns the store checks only the small fields and never serialises the text
 * (import-service.ts, store/preserialized.ts).
 */
function checkedAndSerialized(document: ParsedDocument): ParsedDocument {
  const checked = documentBodySchema.safeParse(document);
  const outside = [...document.blocks, ...document.marks].some(
    (r) => r.start > r.end || r.end > document.text.length,
  );
  if (!checked.success || outside) {
    const detail = checked.success
      ? 'a range outside its text'
      : checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    console.error(`[import] a parser produced a document the store would refuse: ${detail}`);
    throw new ImportProblem(
      'unreadable',
      'it could not be turned into a valid document (this is a bug in Marginalia)',
    );
  }
  return {
    ...document,
    serialized: { text: JSON.stringify(document.text) },
  };
}

const documentBodySchema = documentSchema.pick({
  text: true,
  blocks: true,
  marks: true,
  pdf: true,
});

/**
 * A file's bytes to a document, or an ImportProblem saying why not. The format comes from the
 * name's ending, or from the content when the ending says nothing.
 */
export async function parseImportFile(file: {
  name: string;
  /** The file's bytes, or where to read them (a PDF from disk need not pass through memory twice). */
  bytes?: Uint8Array;
  path?: string;
  /** Where a PDF's bytes are kept (`files/` in the notebook folder); unset, they are not kept. */
  filesDir?: string;
}): Promise<ParsedDocument> {
  const bytes = file.bytes ?? (file.path ? new Uint8Array(await readFile(file.path)) : null);
  if (!bytes) throw new ImportProblem('unreadable', 'no content was sent');
  if (bytes.length > 0 && (isPdfName(file.name) || looksLikePdf(bytes))) {
    return parsePdf(file.name, bytes, file.filesDir);
  }
  checkBytes(bytes);
  const claimed = formatFromName(file.name);
  const text = decodeText(bytes, claimed);
  const format = claimed ?? sniffFormat(text);
  return finish(await convert(text, format, { fileName: file.name }));
}

/**
 * A PDF: its text and pages, and its bytes kept once under their hash (written before the
 * document reaches the store, so a document never points at a file that is not there).
 */
async function parsePdf(
  name: string,
  bytes: Uint8Array,
  filesDir?: string,
): Promise<ParsedDocument> {
  if (bytes.length > PDF_MAX_BYTES) throw tooLarge(bytes.length, PDF_MAX_BYTES);
  const parsed = await pdfToDocument(bytes, { fileName: name });
  const hash = sha256Hex(bytes);
  const document = checkedAndSerialized({
    ...parsed,
    pdf: { ...parsed.pdf, file: hash, byteLength: bytes.length },
  });
  // Kept only once it is known to make a valid document.
  if (filesDir) await keepPdf(filesDir, hash, bytes);
  return document;
}

/** Pasted content: HTML when the clipboard has it (keeps headings and links), else plain text. */
export async function parsePasted(content: {
  text: string;
  html: string;
}): Promise<ParsedDocument> {
  const fallbackTitle = (text: string) => {
    const line = cleanField(text.trim().split('\n')[0] ?? '', 80);
    return line || 'Pasted text';
  };
  if (content.html.trim() !== '') {
    // Windows marks the copied part of the page; elsewhere the clipboard holds just that part.
    const marked = /<!--StartFragment-->([\s\S]*)<!--EndFragment-->/i.exec(content.html)?.[1];
    const html = marked ?? content.html;
    const parsed = await htmlToDocument(html, {
      fileName: 'Pasted text',
      fallbackTitle: fallbackTitle(content.text),
      // A copied selection keeps all of itself; a whole page is read like an imported one.
      selection: !/<(html|body)[\s>]/i.test(html),
    });
    if (parsed.text.trim() !== '') return finish(parsed);
  }
  if (content.text.trim() === '') throw new ImportProblem('empty', 'the clipboard holds no text');
  const format = sniffFormat(content.text);
  return finish(
    await convert(content.text, format, {
      fileName: 'Pasted text',
      fallbackTitle: fallbackTitle(content.text),
    }),
  );
}
