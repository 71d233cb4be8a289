import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readArchive } from '../../../electron/notebook/exchange/refi/read-archive.ts';
import { readCodebookFile } from '../../../electron/notebook/exchange/refi/read-codebook-file.ts';
import { readProject } from '../../../electron/notebook/exchange/refi/read-project.ts';
import { isTextAnnotation } from '../../../shared/annotations.ts';
import { emptyStore } from '../../../shared/model.ts';
import { REFI_DIR } from './refi-schema.ts';

const NOW = '2026-12-05T10:00:00.000Z';
const real = (name: string) => readFileSync(resolve(REFI_DIR, name));

function project(
  qde: string,
  files: Record<string, string | Uint8Array> = {},
  qdeName = 'project.qde',
) {
  const zip = zipSync({
    [qdeName]: strToU8(qde),
    ...Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]),
    ),
  });
  const archive = readArchive(zip, 'test.qdpx');
  return readProject(archive.qde, archive.files, emptyStore(), { now: NOW });
}

const quotes = (read: ReturnType<typeof project>) =>
  read.contents.annotations.filter(isTextAnnotation).map((a) => a.target.quote.exact);

describe('REFI-QDA import: real files', () => {
  it('reads the qc project: 2 sources, 158 selections, 262 codes 7 levels deep, 205 codings', () => {
    const archive = readArchive(new Uint8Array(real('qc-1.3.2_demo.qdpx')), 'qc-1.3.2_demo.qdpx');
    const read = readProject(archive.qde, archive.files, emptyStore(), { now: NOW });
    const { documents, annotations, tags } = read.contents;
    expect(read.report.producer).toBe('qc 1.3.2');
    expect(documents.map((d) => d.title).sort()).toEqual(['admin-1.txt', 'board_2017.txt']);
    expect(annotations).toHaveLength(158);
    expect(tags).toHaveLength(262);
    expect(Math.max(...tags.map((t) => t.name.split('/').length))).toBe(7);
    expect(annotations.reduce((n, a) => n + a.tagIds.length, 0)).toBe(205);
    expect(read.report.unplaced).toEqual([]);
    // The passage qc calls "line:6" (320–400, bare file path, end exclusive) is the sixth line.
    const board = documents.find((d) => d.title === 'board_2017.txt')!;
    const raw = readFileSync(resolve(REFI_DIR, 'qc-1.3.2_demo.qdpx')).length;
    expect(raw).toBeGreaterThan(0);
    const first = annotations.find(
      (a) => a.documentId === board.id && isTextAnnotation(a) && a.target.position.start === 320,
    );
    expect(first && isTextAnnotation(first) && first.target.quote.exact).toBe(
      'This district goal is engage every student in joyful, purposeful learning that \n',
    );
    // Every tag's parent path is a tag (the codebook invariant).
    const names = new Set(tags.map((t) => t.name.toLowerCase()));
    for (const t of tags)
      if (t.name.includes('/'))
        expect(names).toContain(t.name.slice(0, t.name.lastIndexOf('/')).toLowerCase());
  });

  it('reads the ATLAS.ti 23.4 codebook: colour, description, and names its code group as not carried', () => {
    const read = readCodebookFile(
      real('atlasti-win23.4.0_codebook_from-requal-test.qdc').toString('utf8'),
      'atlas.qdc',
      { tags: [] },
      { now: NOW },
    );
    expect(read.report.producer).toBe('ATLAS.ti Win 23.4.0');
    expect(read.contents.tags).toMatchObject([
      { name: 'code1', description: 'description', color: 'green' },
    ]);
    expect(read.report.notCarried).toEqual(['1 code group (“code group 1”)']);
  });

  it('reads Taguette’s codebook although it is invalid (empty <Sets/>), nesting its path names', () => {
    const read = readCodebookFile(
      real('taguette_tests-expected.qdc').toString('utf8'),
      'taguette.qdc',
      { tags: [] },
      { now: NOW },
    );
    expect(read.contents.tags.map((t) => t.name).sort()).toEqual([
      'interesting',
      'interesting/places',
      'people',
    ]);
  });
});

const TEXT_CRLF = 'Héllo 🙂 world.\r\nSecond line here.\r\nThird 🙂 line, last.';
// "line" on the third line, counted in each convention.
const third = TEXT_CRLF.indexOf('Third');
const lineUtf16 = TEXT_CRLF.indexOf('line,');
const cp = (s: string) => [...s].length;
const positions = {
  spec: [cp(TEXT_CRLF.slice(0, lineUtf16)), cp(TEXT_CRLF.slice(0, lineUtf16)) + 4],
  nvivo: [lineUtf16, lineUtf16 + 4],
  atlas: [
    cp(TEXT_CRLF.slice(0, lineUtf16).replace(/\r\n/g, '\n')),
    cp(TEXT_CRLF.slice(0, lineUtf16).replace(/\r\n/g, '\n')) + 4,
  ],
};

const qde = (origin: string, [start, end]: number[], extra = '', ns = 'urn:QDA-XML:project:1.0') =>
  `<Project xmlns="${ns}" name="p" origin="${origin}"><CodeBook><Codes><Code guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="place" isCodable="true" color="#FF0000"/></Codes></CodeBook><Sources><TextSource guid="BBBBBBBB-0000-0000-0000-000000000001" name="Interview" plainTextPath="internal://bbbbbbbb-0000-0000-0000-000000000001.txt"><PlainTextSelection guid="CCCCCCCC-0000-0000-0000-000000000001" startPosition="${start}" endPosition="${end}"><Coding guid="DDDDDDDD-0000-0000-0000-000000000001"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding></PlainTextSelection></TextSource></Sources>${extra}</Project>`;

describe('REFI-QDA import: positions, where tools disagree', () => {
  expect(third).toBeGreaterThan(0);
  it.each([
    ['the specification (code points, CR LF as two)', 'QualCoder 3.5', positions.spec],
    ['NVivo for Windows (UTF-16 units, CR LF as two)', 'NVivo 14', positions.nvivo],
    ['ATLAS.ti (code points, CR LF as one)', 'ATLAS.ti Win 24', positions.atlas],
  ])('reads positions as %s', (_label, origin, range) => {
    const read = project(qde(origin, range!), {
      'sources/BBBBBBBB-0000-0000-0000-000000000001.txt': TEXT_CRLF,
    });
    expect(quotes(read)).toEqual(['line']);
    expect(read.contents.documents[0]!.text).toBe(TEXT_CRLF.replace(/\r\n/g, '\n'));
    expect(read.contents.annotations[0]!.tagIds).toEqual([read.contents.tags[0]!.id]);
  });

  it('tries the other conventions when the producer’s puts a passage mid-word, and says so', () => {
    // Written by NVivo's rules but claiming to be another tool.
    const read = project(qde('SomeTool 1.0', positions.nvivo), {
      'Sources/bbbbbbbb-0000-0000-0000-000000000001.txt': TEXT_CRLF,
    });
    expect(quotes(read)).toEqual(['line']);
    expect(read.report.notes.join(' ')).toMatch(/UTF-16 units/);
  });

  it('names a passage it cannot place instead of guessing', () => {
    const read = project(qde('QualCoder', [500, 510]), {
      'sources/bbbbbbbb-0000-0000-0000-000000000001.txt': TEXT_CRLF,
    });
    expect(read.contents.annotations).toEqual([]);
    expect(read.report.unplaced).toMatchObject([
      { what: expect.stringContaining('Interview'), reason: expect.stringMatching(/outside/) },
    ]);
  });
});

describe('REFI-QDA import: what real files do differently', () => {
  it('reads a .qde named after the project, namespace 1:0, text inline, comments as <Description>', () => {
    const xml = qde('ATLAS.ti 26', [0, 5], '', 'urn:QDA-XML:project:1:0')
      .replace(
        /plainTextPath="[^"]*">/,
        '><PlainTextContent>Hello there, friend.</PlainTextContent>',
      )
      .replace('<Coding ', '<Description>A greeting.</Description><Coding ');
    const read = project(xml, {}, 'Trial.qde');
    expect(quotes(read)).toEqual(['Hello']);
    expect(read.contents.annotations[0]!.comment).toBe('A greeting.');
  });

  it('joins an NVivo annotation (a Note linked by a Link) to its passage as the comment', () => {
    const notes = `<Notes><Note guid="EEEEEEEE-0000-0000-0000-000000000001" name="Annotation"><PlainTextContent>Said with a smile.</PlainTextContent></Note></Notes><Links><Link guid="FFFFFFFF-0000-0000-0000-000000000001" originGUID="EEEEEEEE-0000-0000-0000-000000000001" targetGUID="CCCCCCCC-0000-0000-0000-000000000001"/></Links>`;
    const read = project(qde('NVivo 14', positions.nvivo, notes), {
      'Sources/BBBBBBBB-0000-0000-0000-000000000001.txt': TEXT_CRLF,
    });
    expect(read.contents.annotations[0]!.comment).toBe('Said with a smile.');
    expect(read.contents.notes).toEqual([]);
  });

  it('keeps a memo that several passages point at as a note citing them', () => {
    const xml = qde('MAXQDA 24', [0, 5])
      .replace(
        '</PlainTextSelection>',
        '<NoteRef targetGUID="EEEEEEEE-0000-0000-0000-000000000001"/></PlainTextSelection><PlainTextSelection guid="CCCCCCCC-0000-0000-0000-000000000002" startPosition="6" endPosition="7"><NoteRef targetGUID="EEEEEEEE-0000-0000-0000-000000000001"/></PlainTextSelection>',
      )
      .replace(
        '</Sources>',
        '</Sources><Notes><Note guid="EEEEEEEE-0000-0000-0000-000000000001" name="Memo: greetings"><PlainTextContent>Both are greetings.</PlainTextContent></Note></Notes>',
      );
    const read = project(xml, { 'sources/bbbbbbbb-0000-0000-0000-000000000001.txt': TEXT_CRLF });
    expect(read.contents.notes).toMatchObject([
      {
        title: 'Memo: greetings',
        body: 'Both are greetings.',
        annotationIds: read.contents.annotations.map((a) => a.id),
      },
    ]);
  });

  it('lists what Marginalia does not keep: cases, variables, pictures, audio, code sets', () => {
    const extra =
      '<Sets><Set guid="12345678-0000-0000-0000-000000000001" name="Codes I like"><MemberCode targetGUID="AAAAAAAA-0000-0000-0000-000000000001"/></Set></Sets>';
    const xml = qde('NVivo 14', positions.nvivo, extra)
      .replace(
        '<Sources>',
        '<Cases><Case guid="12345678-0000-0000-0000-000000000002" name="Ana"/></Cases><Variables><Variable guid="12345678-0000-0000-0000-000000000003" name="Age" typeOfVariable="Integer"/></Variables><Sources><PictureSource guid="12345678-0000-0000-0000-000000000004" path="internal://x.png"/><AudioSource guid="12345678-0000-0000-0000-000000000005" path="internal://x.mp3"/>',
      )
      .replace('<Sources>', '<Sources>');
    const read = project(xml, { 'sources/bbbbbbbb-0000-0000-0000-000000000001.txt': TEXT_CRLF });
    expect(read.report.notCarried).toEqual(
      expect.arrayContaining([
        '1 case',
        '1 variable',
        '1 set of codes or notes',
        '1 pictures',
        '1 audio sources',
      ]),
    );
    expect(quotes(read)).toEqual(['line']);
  });

  it('treats a code that is a folder (isCodable="false") as a tag holding its sub-codes', () => {
    const xml = qde('QualCoder', positions.spec).replace(
      /<Code guid="\{AAAAAAAA[^>]*\/>/,
      '<Code guid="AAAAAAAA-0000-0000-0000-000000000009" name="Folder" isCodable="false"><Code guid="AAAAAAAA-0000-0000-0000-000000000001" name="place" isCodable="true"/></Code>',
    );
    const read = project(xml, { 'sources/bbbbbbbb-0000-0000-0000-000000000001.txt': TEXT_CRLF });
    expect(read.contents.tags.map((t) => t.name)).toEqual(['Folder', 'Folder/place']);
    expect(read.report.notes.join(' ')).toMatch(/folder/);
  });

  it('names a source whose text is missing, and its passages, without failing the rest', () => {
    const read = project(qde('QualCoder', positions.spec), {});
    expect(read.contents.documents).toEqual([]);
    expect(read.report.unplaced[0]!.what).toMatch(/Interview.*1 coded passage/);
    expect(read.report.unplaced[0]!.reason).toMatch(/not in the project/);
  });

  it.each([
    [
      'a file that is not a zip',
      new TextEncoder().encode('hello'),
      /not a REFI-QDA project: a \.qdpx is a zip archive/,
    ],
    ['a zip without a .qde', zipSync({ 'a.txt': strToU8('x') }), /no project file/],
    [
      'a zip with two',
      zipSync({ 'a.qde': strToU8('<Project/>'), 'b.qde': strToU8('<Project/>') }),
      /2 project files/,
    ],
  ])('refuses %s with a clear error', (_label, bytes, message) => {
    expect(() => readArchive(bytes, 'x.qdpx')).toThrow(message);
  });

  it('refuses XML that is not well formed, naming the file', () => {
    const zip = zipSync({ 'project.qde': strToU8('<Project><Sources></Project>') });
    const archive = readArchive(zip, 'x.qdpx');
    expect(() => readProject(archive.qde, archive.files, emptyStore(), { now: NOW })).toThrow(
      /project\.qde is not well-formed XML/,
    );
  });
});
