import { describe, expect, it } from 'vitest';
import {
  buildPdfText,
  PageTextMap,
  pageAt,
  pageRanges,
} from '../../../shared/pdf/document-text.ts';
import { describePages } from '../../../shared/pdf/page-ranges.ts';
import { buildPageText, isReadable, type PdfTextItem } from '../../../shared/pdf/page-text.ts';

/** A line of items at (x, y) in 10 pt type, each item's width its length × 5. */
function line(x: number, y: number, strs: string[], size = 10): PdfTextItem[] {
  let at = x;
  return strs.map((str, i) => {
    const item = {
      str,
      hasEOL: i === strs.length - 1,
      transform: [size, 0, 0, size, at, y],
      width: str.length * 5,
      height: size,
    };
    at += item.width;
    return item;
  });
}

const mapOf = (items: PdfTextItem[]) => {
  const page = buildPageText(items);
  return {
    page,
    map: new PageTextMap(
      page,
      0,
      items.map((i) => i.str.length),
    ),
  };
};

describe('the canonical text of a PDF page', () => {
  it('joins a line-end hyphen between lower-case letters and the lines of a paragraph', () => {
    const items = [
      ...line(50, 700, ['Compilers rely on type informa-']),
      ...line(50, 688, ['tion to generate code. A well-']),
      ...line(50, 676, ['Known case stays hyphenated.']),
    ];
    expect(buildPageText(items).text).toBe(
      'Compilers rely on type information to generate code. A well- Known case stays hyphenated.',
    );
  });

  it('unfolds ligatures and presentation forms, keeping each mapped to its glyph', () => {
    const items = line(50, 700, ['e\uFB03cient \uFB02ow', ' \uFB05']);
    const { page, map } = mapOf(items);
    expect(page.text).toBe('efficient flow st');
    // "ffi" comes from the one glyph at offset 1 of item 0.
    expect([...page.offsetOf.slice(1, 4)]).toEqual([1, 1, 1]);
    expect(map.offsetAt(0, 1)).toBe(1);
    expect(map.offsetAt(0, 2)).toBe(4);
    expect(map.placesOf(1, 4)).toEqual({ startItem: 0, startOffset: 1, endItem: 0, endOffset: 2 });
  });

  it('starts a block at a blank line, an indent, a new column, a change of type size and a short last line', () => {
    const items = [
      ...line(50, 700, ['A heading'], 16),
      ...line(50, 680, ['First paragraph runs the whole width of the column here']),
      ...line(50, 668, ['and ends short.']),
      ...line(50, 656, ['Second paragraph after a short line ends the first one']),
      ...line(50, 630, ['Third after a blank line']),
      ...line(62, 618, ['Fourth, indented.']),
      ...line(320, 700, ['Top of the second column']),
    ];
    const page = buildPageText(items);
    const blocks = page.blocks.map((b) => [b.type, page.text.slice(b.start, b.end)]);
    expect(blocks).toEqual([
      ['heading', 'A heading'],
      ['paragraph', 'First paragraph runs the whole width of the column here and ends short.'],
      ['paragraph', 'Second paragraph after a short line ends the first one'],
      ['paragraph', 'Third after a blank line'],
      ['paragraph', 'Fourth, indented.'],
      ['paragraph', 'Top of the second column'],
    ]);
  });

  it('maps every place in every item to an offset and back (a round trip over the text layer)', () => {
    const items = [
      ...line(50, 700, ['Dynamic  lan-', '']),
      ...line(50, 688, ['guages ', 'are ', 'e\uFB00ective.']),
    ];
    const { page, map } = mapOf(items);
    expect(page.text).toBe('Dynamic languages are effective.');
    for (let c = 0; c < page.text.length; c++) {
      const places = map.placesOf(c, c + 1);
      if (page.itemOf[c]! < 0) continue;
      expect(places).not.toBeNull();
      // Turning the place back gives the character (or the first of its ligature).
      const back = map.offsetAt(places!.startItem, places!.startOffset);
      expect(page.text[back]).toBe(
        page.text[c] === 'f' && page.text[c - 1] === 'f' ? 'f' : page.text[c],
      );
    }
    // The dropped hyphen maps to where the word goes on; the end of an item after its last character.
    expect(map.offsetAt(0, 12)).toBe(page.text.indexOf('guages'));
    expect(map.offsetAt(0, 13)).toBe(page.text.indexOf('guages'));
    expect(map.offsetAt(2, 0)).toBe(page.text.indexOf('guages'));
  });

  it('composes a letter and a separately drawn accent (NFC) and keeps the map', () => {
    const items = line(50, 700, ['Mu\u0308ller sagt']);
    const { page, map } = mapOf(items);
    expect(page.text).toBe('Müller sagt');
    expect(page.text).toBe(page.text.normalize('NFC'));
    expect(map.offsetAt(0, 4)).toBe(3);
  });

  it('tells pages without readable text: none at all, or symbols with few letters', () => {
    expect(isReadable('')).toBe(false);
    expect(isReadable('12')).toBe(false);
    expect(
      isReadable('∗∗∗ 1 2 3 4 5 6 7 8 9 0 ¶ § ∗∗∗ 1 2 3 4 5 6 7 8 9 0 ¶ § ab 1 2 3 4 5 6 7'),
    ).toBe(false);
    expect(isReadable('An ordinary sentence.')).toBe(true);
  });
});

describe('a whole PDF', () => {
  it('gives each page its start, and names pages without text', () => {
    const pdf = buildPdfText([line(50, 700, ['Page one.']), [], line(50, 700, ['Page three.'])]);
    expect(pdf.text).toBe('Page one.\nPage three.');
    expect(pdf.pageStarts).toEqual([0, 10, 10]);
    expect(pdf.unreadablePages).toEqual([1]);
    expect(pageAt(pdf.pageStarts, 3)).toBe(0);
    expect(pageAt(pdf.pageStarts, 12)).toBe(2);
    const ranges = pageRanges(pdf.pageStarts, pdf.blocks).map((r) =>
      pdf.text.slice(r.start, r.end),
    );
    expect(ranges).toEqual(['Page one.', '', 'Page three.']);
    expect(describePages([1, 2, 3, 7])).toBe('Pages 2–4 and 8 have');
    expect(describePages([0])).toBe('Page 1 has');
  });
});
