import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../electron/notebook/import/parse-import.ts';
import {
  blockOutline,
  encodeText,
  expectWellFormed,
  fixtureFile,
  markOutline,
} from './import-fixtures.ts';

const parseMarkdown = (markdown: string, name = 'note.md') =>
  parseImportFile({ name, bytes: encodeText(markdown, 'UTF-8') });

describe('Markdown import', () => {
  it('takes title, authors, date and url from the YAML front matter', async () => {
    const doc = await parseImportFile(fixtureFile('markdown/doha-guide.md'));
    expect(doc).toMatchObject({
      format: 'markdown',
      title: 'Reading the Doha Agreement: a field guide',
      author: 'Mariam Rahimi, Tom Ellison',
      source: '',
      url: 'https://notes.example.org/guides/doha/',
      publishedDate: '2024-03-05',
    });
    // The front matter itself is not text.
    expect(doc.text).not.toContain('afghanistan, treaties');
    expect(doc.text).not.toContain('title:');
    expectWellFormed(doc);
  });

  it('keeps headings, three levels of nested lists, a quote, code and a table as blocks', async () => {
    const doc = await parseImportFile(fixtureFile('markdown/doha-guide.md'));
    expect(blockOutline(doc)).toEqual([
      { type: 'heading', level: 1, text: 'Reading the Doha Agreement' },
      {
        type: 'paragraph',
        text: 'An introduction to the four parts of the text, with inline code and a link to the full text.',
      },
      {
        type: 'paragraph',
        text: 'See the annex, the timeline, a mail link and a bad link.',
      },
      { type: 'heading', level: 2, text: 'The four parts' },
      {
        type: 'list-item',
        level: 0,
        ordered: false,
        text: 'Guarantees against the use of Afghan soil',
      },
      { type: 'list-item', level: 1, ordered: true, text: 'First, the guarantees' },
      { type: 'list-item', level: 2, ordered: false, text: 'counter-terrorism commitments' },
      {
        type: 'list-item',
        level: 2,
        ordered: false,
        text: 'no visas for those who threaten the United States',
      },
      { type: 'list-item', level: 1, ordered: true, text: 'Second, the withdrawal timeline' },
      { type: 'list-item', level: 0, ordered: false, text: 'Intra-Afghan negotiations' },
      {
        type: 'list-item',
        level: 0,
        ordered: false,
        text: 'A permanent and comprehensive ceasefire',
      },
      { type: 'heading', level: 3, text: 'A voice from the talks' },
      {
        type: 'blockquote',
        text: '“Peace is not the absence of conflict,” one negotiator said, “it is the presence of a process.”',
      },
      {
        type: 'code',
        text: 'def troops_remaining(months):\n    return max(0, 8600 - 1200 * months)',
      },
      { type: 'paragraph', text: 'Part | Subject' },
      { type: 'paragraph', text: 'One | Guarantees' },
      { type: 'paragraph', text: 'Two | Withdrawal' },
      { type: 'paragraph', text: 'Raw HTML paragraph that stays.' },
      { type: 'paragraph', text: 'An inline image sits in this sentence.' },
    ]);
  });

  it('keeps emphasis, strong, code and safe links, resolving relative ones against the url', async () => {
    const doc = await parseImportFile(fixtureFile('markdown/doha-guide.md'));
    expect(markOutline(doc)).toEqual([
      { type: 'emphasis', text: 'introduction' },
      { type: 'strong', text: 'four parts' },
      { type: 'code', text: 'inline code' },
      {
        type: 'link',
        href: 'https://www.state.gov/wp-content/uploads/2020/02/Agreement-For-Bringing-Peace-to-Afghanistan-02.29.20.pdf',
        text: 'link to the full text',
      },
      { type: 'link', href: 'https://notes.example.org/guides/doha/annex.html', text: 'annex' },
      { type: 'link', href: 'https://notes.example.org/guides/timeline/', text: 'timeline' },
      { type: 'link', href: 'mailto:desk@example.org', text: 'mail link' },
      { type: 'emphasis', text: 'guarantees' },
      { type: 'strong', text: 'withdrawal' },
      { type: 'emphasis', text: 'presence' },
    ]);
  });

  it('reads raw HTML inertly: no script, no handler, no image', async () => {
    const doc = await parseImportFile(fixtureFile('markdown/doha-guide.md'));
    for (const leak of ['__pwned', 'owned', 'alert', 'onerror', 'tracker', 'javascript', 'cookie'])
      expect(doc.text).not.toContain(leak);
    expect(doc.marks.some((m) => m.href?.includes('tracker'))).toBe(false);
  });

  it.each([
    ['A <script>alert("LEAK")</script> B <SCRIPT type="x">LEAK</SCRIPT > C', 'A B C'],
    ['A <svg onload="x"><text>LEAK</text></svg> B <style>@import url(x)</style> C', 'A B C'],
    ['A <svg><script>alert(1)</script><text>LEAK</text></svg> B', 'A B'],
    ['<img src=x onerror=alert(1)>\n\nA <iframe srcdoc="<p>LEAK</p>">LEAK</iframe> B', 'A B'],
    ['<form><input value="LEAK"><label>LEAK</label></form>\n\nA <!-- LEAK --> B', 'A B'],
    ['A <a href="javascript:alert(1)">js</a> <span onclick="alert(2)">B</span>', 'A js B'],
  ])(
    'reads inline and block HTML without what is inside active elements: %s',
    async (markdown, text) => {
      const doc = await parseMarkdown(markdown);
      expect(doc.text).toBe(text);
      expect(doc.marks).toEqual([]);
    },
  );

  it('keeps only http, https and mailto links, however they are written', async () => {
    const doc = await parseMarkdown(
      'A [x](<javascript:alert(1)>) [y]( data:text/html,hi ) [z](  https://ok.example/ ) B',
    );
    expect(doc.text).toBe('A x y z B');
    expect(markOutline(doc)).toEqual([{ type: 'link', href: 'https://ok.example/', text: 'z' }]);
  });

  it('drops relative links when there is no url to resolve them, keeping their text', async () => {
    const doc = await parseImportFile(fixtureFile('markdown/no-front-matter.md'));
    expect(doc).toMatchObject({ title: 'Reading list', url: '', author: '', publishedDate: '' });
    expect(doc.text).toBe(
      [
        'Start with the annex and the timeline, then the agreement itself and a reference link.',
        'A script link, a data link and an autolink https://example.org/autolinked.',
      ].join('\n'),
    );
    expect(markOutline(doc)).toEqual([
      { type: 'link', href: 'https://www.state.gov/agreement', text: 'agreement itself' },
      { type: 'link', href: 'https://example.org/reference', text: 'reference link' },
      {
        type: 'link',
        href: 'https://example.org/autolinked',
        text: 'https://example.org/autolinked',
      },
    ]);
    expectWellFormed(doc);
  });

  it('ignores malformed front matter and takes the title from the first heading', async () => {
    const doc = await parseMarkdown(
      '---\ntitle: [unclosed\nauthor: : :\n---\n\n## Second level\n\n# First level\n\nBody text.',
    );
    expect(doc.title).toBe('First level');
    expect(doc.author).toBe('');
    expect(doc.text).toBe('Second level\nFirst level\nBody text.');
  });

  it('refuses to follow a front-matter url that is not a web address', async () => {
    const doc = await parseMarkdown(
      '---\nurl: javascript:alert(1)\n---\n\nSee the [annex](annex.html).\n\nMore text here.',
    );
    expect(doc.url).toBe('');
    expect(doc.marks).toEqual([]);
    expect(doc.text).toBe('See the annex.\nMore text here.');
  });

  it('keeps a hard line break as a new block, never as a line break inside one', async () => {
    const doc = await parseMarkdown('First line  \nsecond line\\\nthird line');
    expect(blockOutline(doc)).toEqual([
      { type: 'paragraph', text: 'First line' },
      { type: 'paragraph', text: 'second line' },
      { type: 'paragraph', text: 'third line' },
    ]);
  });

  it('carries a mark across a hard break as two marks, each on its own block', async () => {
    const doc = await parseMarkdown('Some **strong  \ntext** here, and *more*.');
    expectWellFormed(doc);
    expect(markOutline(doc)).toEqual([
      { type: 'strong', text: 'strong' },
      { type: 'strong', text: 'text' },
      { type: 'emphasis', text: 'more' },
    ]);
  });
});

describe('the headline above the text', () => {
  it('is left out when it repeats the title, with a "By" line naming the author, offsets shifted', async () => {
    const doc = await parseImportFile({
      name: 'piece.md',
      bytes: new TextEncoder().encode(
        '---\nauthor: Farida Noori\n---\n\n# The *Bagram* question\n\nBy Farida Noori\n\nThe first **real** paragraph.\n',
      ),
    });
    expect(doc.title).toBe('The Bagram question');
    expect(doc.text).toBe('The first real paragraph.');
    expect(doc.blocks).toEqual([{ type: 'paragraph', start: 0, end: 25 }]);
    expect(doc.marks).toEqual([{ type: 'strong', start: 10, end: 14 }]);
  });

  it('stays when it is not the title, and a "By" line stays when it names someone else', async () => {
    const doc = await parseImportFile({
      name: 'piece.md',
      bytes: new TextEncoder().encode(
        '---\ntitle: Field notes\nauthor: A. Researcher\n---\n\n# Chapter one\n\nBy the river we waited.\n',
      ),
    });
    expect(doc.text).toBe('Chapter one\nBy the river we waited.');
  });
});
