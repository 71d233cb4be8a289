import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../shared/import.ts';
import type { Block, Mark } from '../../shared/model.ts';

/**
 * The import fixture corpus: files checked in under tests/fixtures/import (kept byte-exact by
 * .gitattributes), and the byte-level variants generated here from them, so that no encoding or
 * line ending depends on how git or an editor treated a file.
 */
export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures', 'import');

export const fixturePath = (relative: string) => join(FIXTURES_DIR, relative);

export const fixtureBytes = (relative: string) =>
  new Uint8Array(readFileSync(fixturePath(relative)));

/** A checked-in fixture as its name and bytes, the way the parsers take a file. */
export const fixtureFile = (relative: string) => ({
  name: basename(relative),
  bytes: fixtureBytes(relative),
});

/** A UTF-8 fixture as a string (its exact bytes decoded; no BOM in the checked-in sources). */
export const fixtureText = (relative: string) => new TextDecoder().decode(fixtureBytes(relative));

export type LineEnding = 'LF' | 'CRLF' | 'CR';
export type Encoding = 'UTF-8' | 'UTF-8 BOM' | 'UTF-16LE BOM' | 'UTF-16BE BOM';

const ENDINGS: Record<LineEnding, string> = { LF: '\n', CRLF: '\r\n', CR: '\r' };

/** The same text with every line ending replaced by another kind. */
export const withLineEndings = (text: string, ending: LineEnding) =>
  text.replace(/\r\n|\r|\n/g, ENDINGS[ending]);

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, !bigEndian); // the byte-order mark, in the file's own order
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), !bigEndian);
  return bytes;
}

/** Text as the bytes a file in that encoding holds. */
export function encodeText(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'UTF-8':
      return new TextEncoder().encode(text);
    case 'UTF-8 BOM':
      return new TextEncoder().encode(`\uFEFF${text}`);
    case 'UTF-16LE BOM':
      return utf16(text, false);
    case 'UTF-16BE BOM':
      return utf16(text, true);
  }
}

export const ENCODINGS: Encoding[] = ['UTF-8', 'UTF-8 BOM', 'UTF-16LE BOM', 'UTF-16BE BOM'];
export const LINE_ENDINGS: LineEnding[] = ['LF', 'CRLF', 'CR'];

/** Every encoding × line ending of one UTF-8 fixture, named like the file it stands for. */
export function byteVariants(relative: string) {
  const source = fixtureText(relative);
  const name = basename(relative);
  return ENCODINGS.flatMap((encoding) =>
    LINE_ENDINGS.map((ending) => ({
      label: `${encoding}, ${ending}`,
      name,
      bytes: encodeText(withLineEndings(source, ending), encoding),
    })),
  );
}

/** One byte over the import limit, made of ordinary text (only its size is wrong). */
export function tooLargeBytes(): Uint8Array {
  const bytes = new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x61);
  for (let i = 80; i < bytes.length; i += 81) bytes[i] = 0x0a;
  return bytes;
}

/** A file as the renderer sends it to `importFiles`. */
export const wireFile = (name: string, bytes: Uint8Array) => ({
  name,
  size: bytes.length,
  data: Buffer.from(bytes).toString('base64'),
});

/**
 * The shape every imported document must have, whatever it came from: canonical text (NFC, no
 * carriage returns), blocks in order that tile the text with exactly one "\n" between them and
 * none empty, and marks inside the text that neither start nor end on white space.
 */
export function expectWellFormed(doc: { text: string; blocks: Block[]; marks: Mark[] }) {
  const { text, blocks, marks } = doc;
  expect(text.trim()).not.toBe('');
  expect(text.normalize('NFC')).toBe(text);
  expect(text).not.toContain('\r');
  expect(text).not.toContain('\uFEFF');
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks[0]!.start).toBe(0);
  expect(blocks.at(-1)!.end).toBe(text.length);
  for (const [i, block] of blocks.entries()) {
    expect(block.start).toBeLessThan(block.end);
    expect(block.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(block.start, block.end).trim()).not.toBe('');
    const next = blocks[i + 1];
    if (next) expect(text.slice(block.end, next.start)).toBe('\n');
  }
  for (const mark of marks) {
    expect(mark.start).toBeGreaterThanOrEqual(0);
    expect(mark.start).toBeLessThan(mark.end);
    expect(mark.end).toBeLessThanOrEqual(text.length);
    expect(text[mark.start]).toMatch(/\S/);
    expect(text[mark.end - 1]).toMatch(/\S/);
    if (mark.type === 'link') expect(mark.href).toMatch(/^(https?|mailto):/);
    else expect(mark.href).toBeUndefined();
  }
  for (let i = 1; i < marks.length; i++)
    expect(marks[i]!.start).toBeGreaterThanOrEqual(marks[i - 1]!.start);
}

/** The text of each block, with its kind: what a reader sees, in order. */
export const blockOutline = (doc: { text: string; blocks: Block[] }) =>
  doc.blocks.map((b) => ({
    type: b.type,
    ...(b.level !== undefined ? { level: b.level } : {}),
    ...(b.ordered !== undefined ? { ordered: b.ordered } : {}),
    text: doc.text.slice(b.start, b.end),
  }));

/** Each mark with the text it covers. */
export const markOutline = (doc: { text: string; marks: Mark[] }) =>
  doc.marks.map((m) => ({
    type: m.type,
    ...(m.href !== undefined ? { href: m.href } : {}),
    text: doc.text.slice(m.start, m.end),
  }));
