import { render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { documentOf as benchDocument } from '../../bench/reader/fixture.ts';
import { ArticleText } from '../../renderer/src/reader/ArticleText.tsx';
import {
  blocksToShow,
  FIRST_CHARS,
  LAZY_LAYOUT_CHARS,
  NEXT_CHARS,
} from '../../renderer/src/reader/lazy-layout.ts';
import { useBlocksShown } from '../../renderer/src/reader/use-blocks-shown.ts';
import type { NotebookDocument } from '../../shared/model.ts';

/** A document of `n` paragraphs of about 600 characters each (built as the reader bench builds one). */
function documentOf(n: number, id = 'doc_long'): NotebookDocument {
  const paragraph = (i: number) => `Paragraph ${i}. ${'The archive holds the ledger. '.repeat(20)}`;
  const raw = Array.from({ length: n }, (_, i) => paragraph(i)).join('\n\n');
  return benchDocument(id, 'Long', raw, '2025-01-01T00:00:00.000Z');
}

describe('blocksToShow', () => {
  it('draws a short text whole', () => {
    const doc = documentOf(20);
    expect(doc.text.length).toBeLessThan(LAZY_LAYOUT_CHARS);
    expect(blocksToShow(doc, 0, FIRST_CHARS)).toBe(doc.blocks.length);
  });

  it('draws a long text in slices that cover the characters asked for and end with the text', () => {
    const doc = documentOf(400);
    expect(doc.text.length).toBeGreaterThan(LAZY_LAYOUT_CHARS);
    const first = blocksToShow(doc, 0, FIRST_CHARS);
    expect(first).toBeLessThan(doc.blocks.length);
    // The first slice reaches at least FIRST_CHARS into the text, and not a block more than needed.
    expect(doc.blocks[first - 1]!.end).toBeGreaterThanOrEqual(FIRST_CHARS - 700);
    expect(doc.blocks[first - 1]!.start).toBeLessThan(FIRST_CHARS);
    const slices = [first];
    while (slices.at(-1)! < doc.blocks.length)
      slices.push(blocksToShow(doc, slices.at(-1)!, NEXT_CHARS));
    expect(slices.at(-1)).toBe(doc.blocks.length);
    // Every slice grows: nothing is drawn twice or skipped.
    for (let i = 1; i < slices.length; i++) expect(slices[i]!).toBeGreaterThan(slices[i - 1]!);
    expect(blocksToShow(doc, doc.blocks.length, NEXT_CHARS)).toBe(doc.blocks.length);
  });

  it("draws a long PDF's blocks whole: its pages draw themselves near the viewport", () => {
    const doc = documentOf(400);
    const pdf = { pageCount: 1 } as NonNullable<NotebookDocument['pdf']>;
    expect(blocksToShow({ ...doc, pdf }, 0, FIRST_CHARS)).toBe(doc.blocks.length);
  });
});

function Article({ document }: { document: NotebookDocument }) {
  const { shown, complete } = useBlocksShown(document);
  return (
    <article aria-busy={complete ? undefined : true}>
      <ArticleText document={document} shown={shown} />
    </article>
  );
}

describe('useBlocksShown', () => {
  it('draws a long text first screens first, then the rest, and is busy until then', async () => {
    const doc = documentOf(400);
    const { container } = render(<Article document={doc} />);
    const article = container.querySelector('article')!;
    const first = blocksToShow(doc, 0, FIRST_CHARS);
    // The first render has the first slice only (later slices come in tasks of their own).
    expect(article.children.length).toBe(first);
    expect(article.getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(article.children.length).toBe(doc.blocks.length));
    expect(article.hasAttribute('aria-busy')).toBe(false);
    expect(article.textContent).toBe(doc.text.replaceAll('\n', ''));
  });

  it('starts again from the first screens for another document', async () => {
    const one = documentOf(400, 'doc_one');
    const two = documentOf(300, 'doc_two');
    const { container, rerender } = render(<Article document={one} />);
    const article = () => container.querySelector('article')!;
    await waitFor(() => expect(article().children.length).toBe(one.blocks.length));
    rerender(<Article document={two} />);
    expect(article().children.length).toBe(blocksToShow(two, 0, FIRST_CHARS));
    await waitFor(() => expect(article().children.length).toBe(two.blocks.length));
  });

  it('draws a short text whole at once', () => {
    const doc = documentOf(10);
    const { container } = render(<Article document={doc} />);
    expect(container.querySelector('article')!.children.length).toBe(doc.blocks.length);
    expect(container.querySelector('article')!.hasAttribute('aria-busy')).toBe(false);
  });
});
