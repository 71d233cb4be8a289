import { describe, expect, it } from 'vitest';
import {
  appendBlock,
  citedQuoteIds,
  escapeMarkdown,
  noteExcerpt,
  quoteBlock,
  quoteIdFromLink,
  quoteLink,
} from '../../shared/note-links.ts';

const doc = { title: 'Bagram [report]', author: '', source: 'Sample', publishedDate: '2025-09-21' };
const quote = (id: string, exact: string) => ({
  id,
  target: {
    documentId: 'doc_1',
    position: { type: 'TextPositionSelector' as const, start: 0, end: exact.length },
    quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
  },
});

describe('note links', () => {
  it('cites a quote as a block quote with a link back, and finds the citation again', () => {
    const block = quoteBlock(quote('ann_1', 'we are ready\nto fight'), doc);
    expect(block).toBe(
      '> we are ready\n> to fight\n>\n> — [Bagram \\[report\\] · Sample · September 21, 2025](marginalia://quote/ann_1)\n',
    );
    expect(citedQuoteIds(`${block}\ntext ${quoteLink('ann_2')} ${quoteLink('ann_1')}`)).toEqual([
      'ann_1',
      'ann_2',
    ]);
  });

  it('keeps quoted words as words: Markdown and HTML in a quote are escaped', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('- not a bullet')).toBe('\\- not a bullet');
    expect(escapeMarkdown('<script>x</script> *y* _z_ `c` [l](u)')).toBe(
      '\\<script\\>x\\</script\\> \\*y\\* \\_z\\_ \\`c\\` \\[l\\](u)',
    );
    expect(escapeMarkdown('a - b, 20 years.')).toBe('a - b, 20 years.');
  });

  it('reads only well-formed quote links', () => {
    expect(quoteIdFromLink('marginalia://quote/ann_1')).toBe('ann_1');
    expect(quoteIdFromLink('marginalia://quote/ann_1?x=1')).toBeNull();
    expect(quoteIdFromLink('marginalia://quote/')).toBeNull();
    expect(quoteIdFromLink('https://example.com/ann_1')).toBeNull();
  });

  it('appends a block one blank line after the text', () => {
    expect(appendBlock('', '> q\n')).toBe('> q\n');
    expect(appendBlock('Intro.\n\n\n', '> q\n')).toBe('Intro.\n\n> q\n');
  });

  it('makes a short plain excerpt, quickly, even from a huge body', () => {
    expect(noteExcerpt('# Title\n> [quoted](marginalia://quote/a) *text*')).toBe(
      'Title quoted text',
    );
    const huge = `${'['.repeat(500_000)}end`;
    const started = performance.now();
    noteExcerpt(huge);
    expect(performance.now() - started).toBeLessThan(1000); // generous: it used to take seconds
  });
});
