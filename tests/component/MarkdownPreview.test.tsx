import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MarkdownPreview } from '../../renderer/src/notes/MarkdownPreview.tsx';
import type { QuoteReference } from '../../shared/model.ts';
import { quoteBlock } from '../../shared/note-links.ts';

// A note is the user's own text, but it may hold pasted HTML or links from anywhere: the preview
// must show it as text and never run, load or navigate to anything.
function preview(
  markdown: string,
  refs = new Map<string, QuoteReference>(),
  onOpenQuote = vi.fn(),
) {
  const { container } = render(
    <MarkdownPreview markdown={markdown} refs={refs} onOpenQuote={onOpenQuote} />,
  );
  return { container, onOpenQuote };
}

describe('MarkdownPreview', () => {
  it('renders no raw HTML: no script, no iframe, no inline handler, no style', () => {
    const { container } = preview(
      [
        '<script>window.pwned = true</script>',
        '<img src="x" onerror="window.pwned = true">',
        '<iframe src="https://example.com"></iframe>',
        '<div style="position:fixed">overlay</div>',
        '<a href="javascript:alert(1)">html link</a>',
      ].join('\n\n'),
    );
    for (const tag of [
      'script',
      'img',
      'iframe',
      'div[style]',
      '[onerror]',
      'a[href^="javascript"]',
    ]) {
      expect(container.querySelector(tag), tag).toBeNull();
    }
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('drops dangerous link targets and loads no images', () => {
    const { container } = preview(
      '[click](javascript:alert(1)) [data](data:text/html,hi) [file](file:///etc/passwd) ![remote](https://example.com/x.png) <https://example.com/auto>',
    );
    expect(container.querySelector('img')).toBeNull();
    const hrefs = Array.from(container.querySelectorAll('[href]'), (a) => a.getAttribute('href'));
    expect(hrefs.filter((h) => h && !/^https?:|^mailto:|^marginalia:/.test(h))).toEqual([]);
    expect(container.textContent).toContain('click');
    expect(container.textContent).toContain('[remote]');
  });

  it('shows a cited quote as a button that opens it in the reader', async () => {
    const quote = {
      id: 'ann_1',
      target: {
        documentId: 'doc_1',
        position: { type: 'TextPositionSelector' as const, start: 0, end: 5 },
        quote: {
          type: 'TextQuoteSelector' as const,
          exact: '<b>not bold</b> *really*',
          prefix: '',
          suffix: '',
        },
      },
    };
    const doc = { title: 'Bagram', author: '', source: '', publishedDate: '' };
    const refs = new Map<string, QuoteReference>([
      [
        'ann_1',
        {
          id: 'ann_1',
          found: true,
          exact: quote.target.quote!.exact,
          color: 'yellow',
          documentId: 'doc_1',
          documentTitle: 'Bagram',
        },
      ],
    ]);
    const { container, onOpenQuote } = preview(quoteBlock(quote, doc), refs);
    // The quoted words appear as written: escaped Markdown and HTML stay text.
    expect(container.querySelector('blockquote')?.textContent).toContain(
      '<b>not bold</b> *really*',
    );
    expect(container.querySelector('b, em')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: /^Open quote/ }));
    expect(onOpenQuote).toHaveBeenCalledWith('ann_1');
  });
});
