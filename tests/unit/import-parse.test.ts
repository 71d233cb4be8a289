import { describe, expect, it } from 'vitest';
import { parseImportFile, parsePasted } from '../../electron/notebook/import/parse-import.ts';
import { ImportProblem } from '../../electron/notebook/import/problems.ts';
import type { ImportProblemCode } from '../../shared/import.ts';
import {
  byteVariants,
  encodeText,
  expectWellFormed,
  fixtureBytes,
  fixtureFile,
  fixtureText,
  tooLargeBytes,
  withLineEndings,
} from './import-fixtures.ts';

/** What a parse throws, checked to be an ImportProblem. */
async function problem(file: { name: string; bytes: Uint8Array }): Promise<ImportProblem> {
  const error = await parseImportFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportProblem);
  return error as ImportProblem;
}

async function expectProblem(
  file: { name: string; bytes: Uint8Array },
  code: ImportProblemCode,
  message: RegExp,
) {
  const error = await problem(file);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
  return error;
}

// The plain-text fixture, read by hand: blank lines separate paragraphs, single line breaks are
// soft wraps, indentation and trailing spaces go, and the decomposed "e + U+0301" of "café" is
// stored composed (NFC). The Dari keeps its zero-width non-joiner (U+200C) in "می‌شود".
const FIELD_NOTES = [
  'Field notes from Herat',
  '“We waited three days at the crossing,” the driver said. ‘Nobody told us why.’ The line of lorries stretched past the old caravanserai.',
  'In Dari the word for patience is صبر, and the market traders used it often: صبر کنید، فردا باز می\u200cشود — be patient, it opens tomorrow.',
  'The caf\u00e9 by the gate served green tea 🍵 and naan until dark.',
  'Indented line with trailing spaces.',
].join('\n');

describe('plain text import', () => {
  it('reads the UTF-8 source as paragraphs of canonical text', async () => {
    const doc = await parseImportFile(fixtureFile('text/field-notes.txt'));
    expect(fixtureText('text/field-notes.txt')).toContain('cafe\u0301'); // the source is decomposed
    expect(doc.text).toBe(FIELD_NOTES);
    expect(doc.blocks.map((b) => b.type)).toEqual(Array(5).fill('paragraph'));
    expect(doc.marks).toEqual([]);
    expect(doc).toMatchObject({
      format: 'text',
      title: 'Field notes from Herat',
      author: '',
      source: '',
      url: '',
      publishedDate: '',
    });
    expectWellFormed(doc);
  });

  // 4 encodings × 3 line endings, all generated from the one UTF-8 source.
  it.each(byteVariants('text/field-notes.txt'))('gives the same text from $label', async (file) => {
    const doc = await parseImportFile(file);
    expect(doc.text).toBe(FIELD_NOTES);
    expect(doc.title).toBe('Field notes from Herat');
    expectWellFormed(doc);
  });

  it('keeps the emoji as one surrogate pair in UTF-16 offsets', async () => {
    const doc = await parseImportFile(fixtureFile('text/field-notes.txt'));
    const at = doc.text.indexOf('🍵');
    expect(doc.text.codePointAt(at)).toBe(0x1f375);
    expect(doc.text.slice(at, at + 2)).toBe('🍵');
  });

  it('reads a file without blank lines one paragraph per line', async () => {
    const text = 'First line of a list\r\nSecond line\r\n\r\n';
    const doc = await parseImportFile({ name: 'lines.txt', bytes: encodeText(text, 'UTF-8') });
    expect(doc.text).toBe('First line of a list\nSecond line');
    expect(doc.blocks).toEqual([
      { type: 'paragraph', start: 0, end: 20 },
      { type: 'paragraph', start: 21, end: 32 },
    ]);
  });

  it('drops control characters and stray byte-order marks inside the text', async () => {
    const text = 'Before\u0007 the bell\n\nAfter\uFEFF the mark\u0000';
    const doc = await parsePasted({ text, html: '' });
    expect(doc.text).toBe('Before the bell\nAfter the mark');
    expectWellFormed(doc);
  });

  it('reads pasted text as HTML when it is a page, else as text', async () => {
    const page = await parsePasted({
      text: '<!doctype html><title>Pasted page</title><p>A paragraph of a pasted page.</p>',
      html: '',
    });
    expect(page.format).toBe('html');
    expect(page.text).toBe('A paragraph of a pasted page.');
    const plain = await parsePasted({ text: 'Just a line of text.\nAnd another.', html: '' });
    expect(plain.format).toBe('text');
    expect(plain.text).toBe('Just a line of text.\nAnd another.');
  });

  it('refuses an empty clipboard', async () => {
    const error = await parsePasted({ text: ' \n ', html: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportProblem);
    expect((error as ImportProblem).code).toBe('empty');
  });
});

describe('file format', () => {
  it('takes the format from the ending, or from the content when the ending says nothing', async () => {
    const html = fixtureBytes('html/blog-post.html');
    expect((await parseImportFile({ name: 'saved.htm', bytes: html })).format).toBe('html');
    expect((await parseImportFile({ name: 'saved', bytes: html })).format).toBe('html');
    expect((await parseImportFile({ name: 'saved.page', bytes: html })).format).toBe('html');
    // A .txt ending is believed: the markup is the text.
    const asText = await parseImportFile({ name: 'saved.txt', bytes: html });
    expect(asText.format).toBe('text');
    expect(asText.text).toContain('<article class="post">');
    const md = fixtureBytes('markdown/doha-guide.md');
    expect((await parseImportFile({ name: 'guide.MARKDOWN', bytes: md })).format).toBe('markdown');
  });

  it('decodes an HTML page in the charset it declares', async () => {
    // “Kabul” in Windows-1252: the curly quotes are single bytes 0x93 and 0x94.
    const head = '<html><head><meta charset="windows-1252"><title>Old page</title></head><body><p>';
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(head),
      0x93,
      ...new TextEncoder().encode('Kabul'),
      0x94,
      ...new TextEncoder().encode(' in an old encoding, with caf'),
      0xe9,
      ...new TextEncoder().encode('.</p></body></html>'),
    ]);
    const doc = await parseImportFile({ name: 'old.html', bytes });
    expect(doc.text).toBe('“Kabul” in an old encoding, with café.');
  });

  it('lets a byte-order mark win over the charset a page declares', async () => {
    const source = fixtureText('html/blog-post.html');
    expect(source).toContain('charset=UTF-8');
    const utf8 = await parseImportFile({ name: 'b.html', bytes: encodeText(source, 'UTF-8') });
    const utf16 = await parseImportFile({
      name: 'b.html',
      bytes: encodeText(source, 'UTF-16LE BOM'),
    });
    expect(utf16.text).toBe(utf8.text);
    expect(utf16.title).toBe(utf8.title);
  });

  it('reads Markdown and HTML with CRLF or CR line endings as with LF', async () => {
    for (const path of ['markdown/doha-guide.md', 'html/blog-post.html']) {
      const source = fixtureText(path);
      const name = path.split('/').pop()!;
      const lf = await parseImportFile({ name, bytes: encodeText(source, 'UTF-8') });
      for (const ending of ['CRLF', 'CR'] as const) {
        const other = await parseImportFile({
          name,
          bytes: encodeText(withLineEndings(source, ending), 'UTF-8'),
        });
        expect(other.text, `${path} with ${ending}`).toBe(lf.text);
        expect(other.blocks).toEqual(lf.blocks);
        expect(other.marks).toEqual(lf.marks);
      }
    }
  });
});

describe('every fixture that imports', () => {
  const files = [
    'text/field-notes.txt',
    'markdown/doha-guide.md',
    'markdown/no-front-matter.md',
    'html/news-article.html',
    'html/blog-post.html',
    'html/scripted-page.html',
    'html/malicious.html',
  ];

  it.each(files)(
    '%s: canonical text, tiled blocks, trimmed marks, in every encoding',
    async (path) => {
      const reference = await parseImportFile(fixtureFile(path));
      expectWellFormed(reference);
      for (const variant of byteVariants(path)) {
        const doc = await parseImportFile(variant);
        expectWellFormed(doc);
        expect(doc.text, variant.label).toBe(reference.text);
        expect(doc.blocks, variant.label).toEqual(reference.blocks);
        expect(doc.marks, variant.label).toEqual(reference.marks);
      }
    },
  );
});

describe('files that are refused', () => {
  it('refuses an empty file', async () => {
    await expectProblem(fixtureFile('bad/empty.txt'), 'empty', /empty/);
  });

  it('refuses a file of white space only', async () => {
    await expectProblem(fixtureFile('bad/whitespace-only.txt'), 'empty', /white space/);
  });

  it('refuses a binary file', async () => {
    await expectProblem(fixtureFile('bad/program.dat'), 'binary', /binary/);
    // Also when its name claims text.
    const bytes = fixtureBytes('bad/program.dat');
    await expectProblem({ name: 'program.txt', bytes }, 'binary', /binary/);
  });

  it('reads a PDF as a PDF whatever its name says (this one is broken), and refuses a PNG by name', async () => {
    await expectProblem(fixtureFile('bad/report.txt'), 'unreadable', /not a valid PDF/);
    await expectProblem(fixtureFile('bad/chart.html'), 'unsupported', /PNG image/);
  });

  it('refuses invalid UTF-8 and says where the first bad byte is', async () => {
    const bytes = fixtureBytes('bad/invalid-utf8.txt');
    const at = bytes.indexOf(0xff);
    expect(at).toBe(70);
    const error = await expectProblem(fixtureFile('bad/invalid-utf8.txt'), 'encoding', /UTF-8/);
    expect(error.message).toContain(`position ${at}`);
  });

  it('counts the bad byte position from the start of the file, byte-order mark included', async () => {
    const body = fixtureBytes('bad/invalid-utf8.txt');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const error = await expectProblem({ name: 'bom.txt', bytes }, 'encoding', /UTF-8/);
    expect(error.message).toContain(`position ${bytes.indexOf(0xff)}`);
  });

  it('finds a truncated multi-byte sequence', async () => {
    // "Kāb" with the ā (0xC4 0x81) cut after its first byte.
    const bytes = new Uint8Array([0x4b, 0xc4, 0x62, 0x75, 0x6c]);
    const error = await expectProblem({ name: 'k.md', bytes }, 'encoding', /UTF-8/);
    expect(error.message).toContain('position 1');
  });

  it('names the bad byte in a page that declares UTF-8 under another label', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<html><head><meta charset="utf8"></head><body><p>Broken '),
      0xc0,
      ...new TextEncoder().encode(' here.</p></body></html>'),
    ]);
    const at = bytes.indexOf(0xc0);
    const error = await expectProblem({ name: 'page.html', bytes }, 'encoding', /UTF-8/);
    expect(error.message).toContain(`position ${at}`);
  });

  it('refuses a file over 20 MB before decoding it', async () => {
    const bytes = tooLargeBytes();
    expect(bytes.length).toBe(20 * 1024 * 1024 + 1);
    const error = await expectProblem({ name: 'huge.txt', bytes }, 'too-large', /20 MB/);
    expect(error.message).toMatch(/20\.0 MB/);
  });

  it('refuses a page with no readable text', async () => {
    const html = '<html><body><nav>Home</nav><script>alert(1)</script><img src="x"></body></html>';
    await expectProblem(
      { name: 'blank.html', bytes: encodeText(html, 'UTF-8') },
      'no-text',
      /no readable text/,
    );
  });
});
