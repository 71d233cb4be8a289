import { describe, expect, it } from 'vitest';
import { parseInertHtml } from '../../electron/notebook/import/html-to-document.ts';
import { parseImportFile, parsePasted } from '../../electron/notebook/import/parse-import.ts';
import type { ParsedDocument } from '../../electron/notebook/import/parsed-document.ts';
import {
  blockOutline,
  expectWellFormed,
  fixtureFile,
  fixtureText,
  markOutline,
} from './import-fixtures.ts';

const parseFixture = (path: string) => parseImportFile(fixtureFile(path));

function expectContains(doc: ParsedDocument, passages: string[]) {
  for (const passage of passages) expect(doc.text, passage).toContain(passage);
}

function expectAbsent(doc: ParsedDocument, passages: string[]) {
  for (const passage of passages) expect(doc.text, passage).not.toContain(passage);
}

describe('a saved news article', () => {
  const path = 'html/news-article.html';

  it('takes title, byline, site name, canonical url and date from the page', async () => {
    const doc = await parseFixture(path);
    expect(doc).toMatchObject({
      format: 'html',
      title: 'Wheat prices climb as border crossings stay shut',
      author: 'Farida Noori',
      source: 'The Kabul Ledger',
      // The canonical link, not the og:url with its tracking parameter.
      url: 'https://www.kabulledger.example/economy/2024/06/12/wheat-prices-border-crossings',
      publishedDate: '2024-06-12',
    });
    expectWellFormed(doc);
  });

  it('keeps the article: its paragraphs, subheadings and the quote', async () => {
    const doc = await parseFixture(path);
    expectContains(doc, [
      "The price of a fifty-kilogram sack of flour in Herat's central bazaar reached 3,400 afghanis on Tuesday",
      '"There is wheat in the warehouses," said Abdul Rahim',
      'has been shut to commercial traffic since a clash between border guards',
      'found the average loaf weighed 160 grams, down from 210 grams in April.',
      'Traders in Herat greeted the announcement with scepticism.',
    ]);
    const outline = blockOutline(doc);
    expect(outline.filter((b) => b.type === 'heading')).toEqual([
      { type: 'heading', level: 2, text: 'Bakeries cut the size of the loaf' },
      { type: 'heading', level: 2, text: 'Relief stocks run low' },
    ]);
    expect(outline.filter((b) => b.type === 'blockquote')).toEqual([
      {
        type: 'blockquote',
        text: 'We used to buy two sacks at the start of every month. Now we buy one, and we mix it with barley.',
      },
    ]);
    // 8 paragraphs, 2 subheadings and the quote: nothing else.
    expect(doc.blocks).toHaveLength(11);
    expect(doc.text.startsWith('The price of a fifty-kilogram sack')).toBe(true);
    expect(doc.text.endsWith('greeted the announcement with scepticism.')).toBe(true);
  });

  it('leaves out navigation, ads, share buttons, related stories, comments and footer', async () => {
    const doc = await parseFixture(path);
    expectAbsent(doc, [
      // navigation and header
      'Politics',
      'Opinion',
      'Subscribe',
      // ads, including the one between the article's paragraphs
      'Advertisement',
      'Cheap flights',
      'Ariana Microfinance',
      'Learn English',
      // share buttons
      'Share on',
      'Copy link',
      'Email this story',
      // related stories
      'Related stories',
      'Afghani holds steady',
      'Saffron growers',
      // comments
      'Comments (3)',
      'reader_from_mazar',
      'Same story in Mazar',
      'cooking oil',
      'Post comment',
      // footer
      'All rights reserved',
      'Privacy policy',
      'Contact the newsroom',
      // scripts
      'dataLayer',
    ]);
    expect(doc.marks.filter((m) => m.type === 'link')).toEqual([]);
  });
});

describe('page metadata from variants of the saved pages', () => {
  const variant = (path: string, edit: (html: string) => string) => {
    const html = fixtureText(path);
    const edited = edit(html);
    expect(edited).not.toBe(html);
    return parseImportFile({
      name: path.split('/').pop()!,
      bytes: new TextEncoder().encode(edited),
    });
  };

  it('never takes a profile address (article:author) for the author’s name', async () => {
    const doc = await variant('html/news-article.html', (html) =>
      html
        .replace('<meta name="author" content="Farida Noori">', '')
        .replace(/<p class="byline">.*?<\/p>/, ''),
    );
    expect(doc.author).toBe('');
  });

  it('takes a name from article:author when that is what it holds', async () => {
    const doc = await variant('html/news-article.html', (html) =>
      html
        .replace('<meta name="author" content="Farida Noori">', '')
        .replace(/<p class="byline">.*?<\/p>/, '')
        .replace(
          'content="https://www.kabulledger.example/staff/farida-noori"',
          'content="Farida Noori"',
        ),
    );
    expect(doc.author).toBe('Farida Noori');
  });

  it('falls back to og:url when the canonical link is relative and nothing resolves it', async () => {
    const doc = await variant('html/news-article.html', (html) =>
      html.replace(
        'href="https://www.kabulledger.example/economy/2024/06/12/wheat-prices-border-crossings"',
        'href="/economy/2024/06/12/wheat-prices-border-crossings"',
      ),
    );
    expect(doc.url).toBe(
      'https://www.kabulledger.example/economy/2024/06/12/wheat-prices-border-crossings?utm_source=social',
    );
  });

  it('reads a relative canonical link against the address the page was saved from', async () => {
    const doc = await variant('html/blog-post.html', (html) =>
      html.replace(
        '<meta name="author"',
        '<link rel="canonical" href="/2023/11/reading-treaties-slowly/?from=canonical">\n<meta name="author"',
      ),
    );
    expect(doc.url).toBe(
      'https://mariamreads.example/2023/11/reading-treaties-slowly/?from=canonical',
    );
  });
});

describe('a saved personal blog post', () => {
  const path = 'html/blog-post.html';

  it('takes the address from the "saved from url" note and the date from <time>', async () => {
    const doc = await parseFixture(path);
    expect(doc).toMatchObject({
      format: 'html',
      // Readability keeps a short <title> whole, site name included.
      title: 'Reading treaties slowly – Slow Notes',
      author: 'Mariam Rahimi',
      // No site name in the page: the host of its address stands in.
      source: 'mariamreads.example',
      url: 'https://mariamreads.example/2023/11/reading-treaties-slowly/',
      publishedDate: '2023-11-04',
    });
    expectWellFormed(doc);
  });

  it('keeps the ordered list, the quote, the code block and the mail link', async () => {
    const doc = await parseFixture(path);
    const outline = blockOutline(doc);
    expect(outline.filter((b) => b.type === 'list-item').map((b) => b.text.slice(0, 30))).toEqual([
      'Read the defined terms first, ',
      'Number the obligations yoursel',
      'Keep a second column for what ',
    ]);
    for (const item of outline.filter((b) => b.type === 'list-item'))
      expect(item).toMatchObject({ level: 0, ordered: true });
    expect(outline.filter((b) => b.type === 'blockquote').map((b) => b.text)).toEqual([
      'A treaty is not a story about what will happen. It is a list of what each side is willing to be blamed for if it does not.',
    ]);
    // Code keeps its line breaks and indentation, and its text is not collapsed.
    expect(outline.filter((b) => b.type === 'code').map((b) => b.text)).toEqual([
      [
        'import re',
        '',
        'DEADLINE = re.compile(r"within (\\d+) (days|months)")',
        '',
        'for sentence in text.split(". "):',
        '    if DEADLINE.search(sentence):',
        '        print("-", sentence.strip())',
      ].join('\n'),
    ]);
    expect(outline.filter((b) => b.type === 'heading')).toEqual([
      { type: 'heading', level: 2, text: 'Three habits that helped' },
      { type: 'heading', level: 2, text: 'A small tool' },
    ]);
    expect(markOutline(doc)).toEqual([
      { type: 'emphasis', text: 'not' },
      {
        type: 'link',
        href: 'mailto:mariam@mariamreads.example',
        text: 'mariam@mariamreads.example',
      },
    ]);
  });

  it('keeps the prose and leaves out the site header, navigation, tags and footer', async () => {
    const doc = await parseFixture(path);
    expectContains(doc, [
      'For most of last year I kept a printed copy of the Doha Agreement on my desk',
      'A treaty, read slowly, turns out to be a timetable with a preamble.',
      'My count came to fourteen distinct obligations on one side and nine on the other',
      'Reading slowly and reading with a machine are not opposites',
    ]);
    expectAbsent(doc, [
      'All posts',
      'About me',
      'RSS feed',
      'Tags:',
      'CC BY 4.0',
      'Built with Hugo',
      'saved from',
    ]);
  });
});

describe('a page built by scripts', () => {
  const path = 'html/scripted-page.html';

  it('takes headline, author, publisher and date from JSON-LD, and the address from og:url', async () => {
    const doc = await parseFixture(path);
    expect(doc).toMatchObject({
      format: 'html',
      title: 'The Helmand water dispute, explained',
      author: 'Daniel Ortega-Haas',
      source: 'South Asia Brief',
      url: 'https://www.southasiabrief.example/analysis/water-sharing-helmand',
      publishedDate: '2023-05-18',
    });
    expectWellFormed(doc);
  });

  it('reads the article as the page delivered it, without running anything', async () => {
    const doc = await parseFixture(path);
    expectContains(doc, [
      'The Helmand River rises in the Hindu Kush west of Kabul',
      'guarantees Iran an average of 22 cubic metres per second',
      'What the numbers say',
      'Many have already left for the cities or for work across the border.',
    ]);
    expectAbsent(doc, [
      'Injected by script',
      'Loading…',
      'Owned',
      '__pwned',
      'enable JavaScript',
      'Dark mode',
      'Larger text',
      'Read more',
      'schema.org',
      'NewsArticle',
      'fetch(',
    ]);
  });

  it('parses the page in a document where no script runs and nothing is fetched', async () => {
    const doc = await parseInertHtml(fixtureText(path));
    const window = doc.defaultView as unknown as Record<string, unknown>;
    expect(window.__pwned).toBeUndefined();
    expect(doc.title).toBe('Loading…');
    expect(doc.querySelector('.article-container')?.textContent).toContain('Helmand River');
    expect(doc.querySelector('.article-container')?.textContent).not.toContain('Injected');
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });
});

describe('hostile HTML', () => {
  const path = 'html/malicious.html';

  it('keeps the report text and nothing from scripts, handlers, frames, forms or styles', async () => {
    const doc = await parseFixture(path);
    expect(doc).toMatchObject({
      title: 'Checkpoint report from Spin Boldak',
      url: 'https://reports.example.net/2024/checkpoint-report',
      source: 'reports.example.net',
    });
    expectContains(doc, [
      'Drivers waiting at the Spin Boldak checkpoint on Monday',
      'a load of pomegranates from Kandahar. He estimated',
      'The Pakistani side of the crossing, at Chaman',
      'interviews with eleven drivers and two customs officers',
      // Link text stays as plain text when its link is dropped.
      'plain javascript link, mixed case link, tab entity link, entity j link, leading spaces link, newline link, data link, upper data link, vbscript link, file link, the fees table, our methodology and the desk.',
    ]);
    // Every piece of text a hostile element holds is tagged LEAK in the fixture.
    expectAbsent(doc, ['LEAK', 'alert', 'javascript:', 'data:', '__pwned', 'evil.example']);
    expectWellFormed(doc);
  });

  it('keeps only http(s) and mailto links, resolved against the page, never the hostile base', async () => {
    const doc = await parseFixture(path);
    expect(markOutline(doc)).toEqual([
      { type: 'link', href: 'https://reports.example.net/2024/fees', text: 'the fees table' },
      {
        type: 'link',
        href: 'https://reports.example.net/2024/methodology',
        text: 'our methodology',
      },
      { type: 'link', href: 'mailto:desk@reports.example.net', text: 'the desk' },
    ]);
  });

  it('reads a pasted hostile selection (all of it, without article extraction) just as safely', async () => {
    const html = `
      <nav>Menu</nav>
      <p onclick="alert('LEAK')">A short note.</p>
      <SCRIPT type="text/javascript">alert('LEAK')</SCRIPT>
      <svg onload="alert('LEAK')"><script>alert('LEAK')</script><text>LEAK</text></svg>
      <iframe srcdoc="&lt;p&gt;LEAK&lt;/p&gt;">LEAK</iframe>
      <form><label>LEAK</label><input value="LEAK"><button>LEAK</button></form>
      <style>@import url("https://evil.example/x.css"); .LEAK {}</style>
      <noscript>LEAK</noscript><template>LEAK</template>
      <object data="x.swf">LEAK</object><embed src="x.swf">
      <div style="display: none">LEAK</div><div aria-hidden="true">LEAK</div>
      <p><a href=" JaVaScRiPt:alert('LEAK')">js</a> <a href="data:text/html,LEAK">data</a>
      <a href="https://example.org/ok" onclick="alert('LEAK')">ok</a></p>
      <footer>Footer</footer>`;
    const doc = await parsePasted({ text: 'A short note.', html });
    // A copied selection keeps everything the user chose, navigation and footer included.
    expect(doc.text).toBe('Menu\nA short note.\njs data ok\nFooter');
    expect(doc.text).not.toContain('LEAK');
    expect(markOutline(doc)).toEqual([
      { type: 'link', href: 'https://example.org/ok', text: 'ok' },
    ]);
    expectWellFormed(doc);
  });
});

describe('pasted HTML', () => {
  it('keeps all of a copied selection, but reads a whole copied page like an imported one', async () => {
    const selection = await parsePasted({
      text: 'Related stories',
      html: '<meta charset="utf-8"><aside><h3>Related stories</h3><p>A short aside the reader chose to copy.</p></aside>',
    });
    expect(selection.text).toContain('A short aside the reader chose to copy.');
    const marked = await parsePasted({
      text: '',
      html: '<html><body><nav>Site menu</nav><!--StartFragment--><p>Only the copied words.</p><!--EndFragment--><footer>Footer</footer></body></html>',
    });
    expect(marked.text).toBe('Only the copied words.');
    const page = await parsePasted({
      text: '',
      html: `<html><head><title>A page</title></head><body><nav>Site menu</nav><article>${'<p>The article itself, long enough to be found as one by the reader view.</p>'.repeat(6)}</article><footer>Footer</footer></body></html>`,
    });
    expect(page.title).toBe('A page');
    expect(page.text).not.toContain('Site menu');
    expect(page.text).not.toContain('Footer');
  });

  it('keeps headings, lists, emphasis and links from the clipboard', async () => {
    const doc = await parsePasted({
      text: 'Pasted heading',
      html: '<h1>Pasted heading</h1><p>Some <b>bold</b> and a <a href="https://example.org/x">link</a> <script>alert(1)</script>here.</p><ul><li>one<ul><li>two</li></ul></li></ul>',
    });
    expect(doc.title).toBe('Pasted heading');
    // The heading that became the title is shown above the text, not again in it.
    expect(doc.text).toBe('Some bold and a link here.\none\ntwo');
    expect(blockOutline(doc).map((b) => [b.type, b.level, b.ordered])).toEqual([
      ['paragraph', undefined, undefined],
      ['list-item', 0, false],
      ['list-item', 1, false],
    ]);
    expect(markOutline(doc)).toEqual([
      { type: 'strong', text: 'bold' },
      { type: 'link', href: 'https://example.org/x', text: 'link' },
    ]);
  });

  it('keeps the text NFC when a combining accent arrives in its own text node', async () => {
    const doc = await parsePasted({
      text: '',
      html: '<p>cafe<span>\u0301</span> and <b>cafe</b>\u0301 again</p>',
    });
    expect(doc.text).toBe('caf\u00e9 and caf\u00e9 again');
    // The accent joins the bold letter it sits on.
    expect(markOutline(doc)).toEqual([{ type: 'strong', text: 'caf\u00e9' }]);
    expectWellFormed(doc);
  });

  it('titles a fragment without a heading by the first line of its plain text', async () => {
    const doc = await parsePasted({
      text: 'Copied from a browser, relative.',
      html: '<meta charset="utf-8"><p>Copied <i>from</i> a browser, <a href="/relative">relative</a>.</p>',
    });
    expect(doc.title).toBe('Copied from a browser, relative.');
    expect(doc.text).toBe('Copied from a browser, relative.');
    // A relative link with no page address to resolve it is left as text.
    expect(markOutline(doc)).toEqual([{ type: 'emphasis', text: 'from' }]);
  });
});
