import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ArticleText } from '../../renderer/src/reader/ArticleText.tsx';
import {
  indexSegments,
  offsetsToRange,
  pointToOffset,
  selectionOffsets,
} from '../../renderer/src/reader/dom-offsets.ts';
import { documentSchema, type NotebookDocument } from '../../shared/model.ts';
import { paragraphsFromPlainText } from '../../shared/text/plain-text.ts';

const P1 = 'The quick brown fox jumps.';
const P2 = 'A second line with a link here.';
const { text, blocks } = paragraphsFromPlainText(`${P1}\n${P2}`);
const L1 = P1.length; // offset of the '\n' between the paragraphs
const linkStart = text.indexOf('a link');

const doc: NotebookDocument = {
  id: 'doc_1',
  title: 'Two paragraphs',
  author: '',
  source: '',
  url: '',
  publishedDate: '',
  importedAt: '2024-05-01T10:00:00.000Z',
  contentHash: 'sha256-test',
  text,
  blocks,
  marks: [
    { type: 'emphasis', start: 4, end: 15 }, // "quick brown"
    { type: 'strong', start: 10, end: 19 }, // "brown fox", overlapping the emphasis
    { type: 'link', start: linkStart, end: linkStart + 6, href: 'https://example.org/a' },
  ],
};

/** The text a DOM range shows: the stored text minus the paragraph separators. */
const visible = (start: number, end: number) => text.slice(start, end).replaceAll('\n', '');

function setup(document: NotebookDocument = doc) {
  const { container } = render(
    <article>
      <ArticleText document={document} shown={document.blocks.length} />
    </article>,
  );
  const root = container.querySelector('article') as HTMLElement;
  const index = indexSegments(root, document.text.length);
  return { root, index };
}

function select(anchor: Node, anchorOffset: number, focus: Node, focusOffset: number): Selection {
  const selection = window.getSelection()!;
  selection.setBaseAndExtent(anchor, anchorOffset, focus, focusOffset);
  return selection;
}

describe('ArticleText', () => {
  it('builds a valid document fixture', () => {
    expect(text).toBe(`${P1}\n${P2}`);
    expect(blocks).toEqual([
      { type: 'paragraph', start: 0, end: L1 },
      { type: 'paragraph', start: L1 + 1, end: text.length },
    ]);
    expect(documentSchema.parse(doc)).toEqual(doc);
  });

  it('renders one paragraph per block with offset-tagged runs and the marks around them', () => {
    const { root } = setup();
    const paragraphs = root.querySelectorAll('p');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]!.textContent).toBe(P1);
    expect(paragraphs[1]!.textContent).toBe(P2);
    expect(root.textContent).toBe(visible(0, text.length));

    const spans = Array.from(root.querySelectorAll<HTMLElement>('span[data-start]'));
    for (const span of spans) {
      const start = Number(span.dataset.start);
      expect(span.textContent).toBe(text.slice(start, start + span.textContent!.length));
    }
    expect(spans.map((s) => [s.dataset.start, s.textContent])).toEqual([
      ['0', 'The '],
      ['4', 'quick '],
      ['10', 'brown'],
      ['15', ' fox'],
      ['19', ' jumps.'],
      [String(L1 + 1), 'A second line with '],
      [String(linkStart), 'a link'],
      [String(linkStart + 6), ' here.'],
    ]);

    expect(Array.from(root.querySelectorAll('em')).map((e) => e.textContent)).toEqual([
      'quick ',
      'brown',
    ]);
    expect(Array.from(root.querySelectorAll('strong')).map((e) => e.textContent)).toEqual([
      'brown',
      ' fox',
    ]);
    const link = root.querySelector<HTMLElement>('.doc-link')!;
    expect(link.textContent).toBe('a link');
    expect(link.title).toBe('https://example.org/a\nCtrl+click to open in your browser');
    expect(link.dataset.href).toBe('https://example.org/a');
    expect(root.querySelector('a')).toBeNull(); // never a navigable link
  });

  it('renders the other block types as their elements', () => {
    const other: NotebookDocument = {
      ...doc,
      text: 'Title\nItem\nQuoted\ncode()',
      blocks: [
        { type: 'heading', start: 0, end: 5, level: 1 },
        { type: 'list-item', start: 6, end: 10, level: 2 },
        { type: 'blockquote', start: 11, end: 17 },
        { type: 'code', start: 18, end: 24 },
      ],
      marks: [],
    };
    const { root } = setup(other);
    expect(root.querySelector('h2')?.textContent).toBe('Title');
    const item = root.querySelector<HTMLElement>('p.list-item')!;
    expect(item.textContent).toBe('Item');
    expect(item.style.getPropertyValue('--depth')).toBe('2');
    expect(root.querySelector('blockquote')?.textContent).toBe('Quoted');
    expect(root.querySelector('pre')?.textContent).toBe('code()');
  });
});

describe('dom-offsets', () => {
  it('indexes every run with its document range', () => {
    const { index } = setup();
    expect(index.textLength).toBe(text.length);
    expect(index.starts).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 10 },
      { start: 10, end: 15 },
      { start: 15, end: 19 },
      { start: 19, end: L1 },
      { start: L1 + 1, end: linkStart },
      { start: linkStart, end: linkStart + 6 },
      { start: linkStart + 6, end: text.length },
    ]);
    expect(index.spans.map((s) => s.dataset.start)).toEqual(
      index.starts.map((s) => String(s.start)),
    );
  });

  it('maps every document offset to a DOM point and back', () => {
    const { root, index } = setup();
    for (let offset = 0; offset <= text.length; offset++) {
      const range = offsetsToRange(index, offset, offset);
      expect(range, `offset ${offset}`).not.toBeNull();
      expect(range!.collapsed).toBe(true);
      expect(range!.startContainer.nodeType).toBe(Node.TEXT_NODE);
      expect(pointToOffset(index, root, range!.startContainer, range!.startOffset)).toBe(offset);
    }
  });

  it.each([
    ['inside one run', 1, 3],
    ['exactly an emphasis', 4, 15],
    ['across mark boundaries', 6, 17],
    ['the whole first paragraph', 0, L1],
    ['the link', linkStart, linkStart + 6],
    ['across the two paragraphs', 16, L1 + 9],
    ['from the separator into the second paragraph', L1, L1 + 8],
    ['the whole document', 0, text.length],
  ])('offsets → DOM range: %s', (_name, start, end) => {
    const { index } = setup();
    const range = offsetsToRange(index, start, end)!;
    expect(range).not.toBeNull();
    // The stored '\n' between paragraphs is not in the DOM, so the range text lacks it.
    expect(range.toString()).toBe(visible(start, end));
  });

  it('a range across paragraphs differs from the stored text only by the separator', () => {
    const { index } = setup();
    const start = text.indexOf('fox');
    const end = text.indexOf('second') + 'second'.length;
    expect(text.slice(start, end)).toBe('fox jumps.\nA second');
    expect(offsetsToRange(index, start, end)!.toString()).toBe('fox jumps.A second');
  });

  it('offsets outside the text give no range', () => {
    const { index } = setup();
    expect(offsetsToRange(index, 0, text.length + 1)).toBeNull();
    expect(offsetsToRange(index, -1, 3)).toBeNull();
  });

  it.each([
    [1, 3],
    [4, 15],
    [6, 17],
    [16, L1 + 9],
    [linkStart, linkStart + 6],
    [0, text.length],
  ])('a DOM selection of [%i, %i) maps back to the same offsets', (start, end) => {
    const { root, index } = setup();
    const range = offsetsToRange(index, start, end)!;
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    expect(selection.toString()).toBe(visible(start, end));
    expect(selectionOffsets(index, root, selection)).toEqual({ start, end });
  });

  it('a backwards selection (made from right to left) gives the same offsets', () => {
    const { root, index } = setup();
    const from = offsetsToRange(index, 6, 6)!;
    const to = offsetsToRange(index, L1 + 5, L1 + 5)!;
    const selection = select(
      to.startContainer,
      to.startOffset,
      from.startContainer,
      from.startOffset,
    );
    expect(selectionOffsets(index, root, selection)).toEqual({ start: 6, end: L1 + 5 });
  });

  it('element-boundary points snap to the next run, and range ends to the previous one', () => {
    const { root, index } = setup();
    const [p1, p2] = Array.from(root.querySelectorAll('p'));
    const em = root.querySelector('em')!;
    expect(pointToOffset(index, root, root, 0)).toBe(0);
    expect(pointToOffset(index, root, p1!, 0)).toBe(0);
    expect(pointToOffset(index, root, em, 0)).toBe(4);
    expect(pointToOffset(index, root, p2!, 0)).toBe(L1 + 1);
    expect(pointToOffset(index, root, root, root.childNodes.length)).toBe(text.length);
    expect(pointToOffset(index, root, p2!, p2!.childNodes.length)).toBe(text.length);

    expect(pointToOffset(index, root, p2!, 0, 'end')).toBe(L1);
    expect(pointToOffset(index, root, root, 0, 'end')).toBe(0);

    // Triple-click style: from the start of one paragraph to the start of the next. The range's
    // end belongs to the first paragraph, without the stored paragraph break.
    expect(selectionOffsets(index, root, select(p1!, 0, p2!, 0))).toEqual({
      start: 0,
      end: L1,
    });
    expect(selectionOffsets(index, root, select(p2!, 0, root, 2))).toEqual({
      start: L1 + 1,
      end: text.length,
    });
  });

  it('gives nothing for no selection, a caret, or a selection entirely outside the article', () => {
    const { root, index } = setup();
    const before = document.createElement('p');
    before.textContent = 'toolbar';
    const after = document.createElement('p');
    after.textContent = 'elsewhere';
    document.body.prepend(before);
    document.body.append(after);
    try {
      expect(selectionOffsets(index, root, null)).toBeNull();
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      expect(selectionOffsets(index, root, selection)).toBeNull();

      const caret = offsetsToRange(index, 5, 5)!;
      expect(
        selectionOffsets(index, root, select(caret.startContainer, 1, caret.startContainer, 1)),
      ).toBeNull();

      expect(pointToOffset(index, root, after.firstChild!, 2)).toBeNull();
      expect(pointToOffset(index, root, before.firstChild!, 2)).toBeNull();
      expect(
        selectionOffsets(index, root, select(after.firstChild!, 2, after.firstChild!, 7)),
      ).toBeNull();
      expect(
        selectionOffsets(index, root, select(before.firstChild!, 1, before.firstChild!, 4)),
      ).toBeNull();
      // Outside, up to the article's edge but not into it.
      expect(selectionOffsets(index, root, select(before.firstChild!, 1, root, 0))).toBeNull();
    } finally {
      before.remove();
      after.remove();
    }
  });

  // A drag that starts or ends in the margin still selects the article's text up to its edge.
  it('clamps a selection that starts or ends outside the article to the article', () => {
    const { root, index } = setup();
    const before = document.createElement('p');
    before.textContent = 'toolbar';
    const after = document.createElement('p');
    after.textContent = 'elsewhere';
    document.body.prepend(before);
    document.body.append(after);
    const at = (offset: number) => {
      const range = offsetsToRange(index, offset, offset)!;
      return [range.startContainer, range.startOffset] as const;
    };
    try {
      // From outside after the article, backwards into it: the end is the end of the text.
      expect(selectionOffsets(index, root, select(after.firstChild!, 2, ...at(5)))).toEqual({
        start: 5,
        end: text.length,
      });
      // From inside out past the end, forwards.
      expect(selectionOffsets(index, root, select(...at(L1 + 3), after.firstChild!, 4))).toEqual({
        start: L1 + 3,
        end: text.length,
      });
      // From before the article into it: the start is the start of the text.
      const forward = select(before.firstChild!, 3, ...at(10));
      expect(selectionOffsets(index, root, forward)).toEqual({ start: 0, end: 10 });
      const backward = select(...at(L1 + 5), before.firstChild!, 3);
      expect(selectionOffsets(index, root, backward)).toEqual({ start: 0, end: L1 + 5 });
      // Both ends outside it (Select All, say) is not a quote to highlight.
      expect(
        selectionOffsets(index, root, select(before.firstChild!, 0, after.firstChild!, 1)),
      ).toBeNull();
      // A selection from before the article that stops at its very first character is empty.
      expect(selectionOffsets(index, root, select(before.firstChild!, 3, ...at(0)))).toBeNull();
    } finally {
      before.remove();
      after.remove();
    }
  });

  // A range ending after a paragraph's last child ends with that paragraph, without the stored
  // '\n' separator.
  it('a selection ending after the last child of a paragraph ends at that paragraph', () => {
    const { root, index } = setup();
    const p1 = root.querySelector('p')!;
    const first = offsetsToRange(index, 0, 0)!;
    const selection = select(first.startContainer, 0, p1, p1.childNodes.length);
    expect(selection.toString()).toBe(P1);
    expect(selectionOffsets(index, root, selection)).toEqual({ start: 0, end: L1 });
  });
});
