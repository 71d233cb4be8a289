import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as mdastText } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { markdownExport } from '../../shared/export/markdown.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import {
  DEFAULT_EXPORT_OPTIONS,
  type ExportOptions,
  type ResolvedScope,
} from '../../shared/export/types.ts';
import { exportFixture, GENERATED_AT } from '../fixtures/export/notebook.ts';
import { citedFixture, citedSelection } from './citation-fixture.ts';
import { expectGolden } from './golden.ts';

/** As the app exports: the selection with its bibliography formatted by the core. */
function markdown(scope: ResolvedScope, options: Partial<ExportOptions> = {}) {
  const selection = citedSelection(exportFixture(), scope, options.citationStyle);
  return [...markdownExport(selection, { ...DEFAULT_EXPORT_OPTIONS, ...options })].join('');
}

/** The text of every block quote, as a Markdown reader sees it. */
function blockQuotes(md: string): string[] {
  const tree = fromMarkdown(md);
  const found: string[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'blockquote') {
      const [first] = node.children as { type: string }[];
      if (first) found.push(mdastText(first));
      return;
    }
    for (const child of (node.children ?? []) as { type: string }[]) walk(child);
  };
  walk(tree);
  return found;
}

describe('Markdown export', () => {
  it('matches the golden file: whole notebook, grouped by tag', () => {
    expectGolden('notebook.md', markdown({ kind: 'notebook' }));
  });

  it('matches the golden file: one document in text order, without notes', () => {
    expectGolden(
      'doc-bagram-text-order.md',
      markdown(
        { kind: 'document', documentId: 'doc-bagram' },
        { markdownOrder: 'text', includeNotes: false },
      ),
    );
  });

  it('matches the golden file: Chicago citations, a record with a key, pages of a PDF', () => {
    const selection = citedSelection(
      citedFixture(exportFixture()),
      { kind: 'notebook' },
      'chicago',
    );
    const options = { ...DEFAULT_EXPORT_OPTIONS, citationStyle: 'chicago' as const };
    const md = [...markdownExport(selection, { ...options, markdownOrder: 'text' })].join('');
    expectGolden('notebook-chicago.md', md);
    expect(md).toContain('> — (Gall and van der Berg 2025)');
    expect(md).toMatch(/> — \(Researcher 2025, (iv|v)\)/);
    expect(md).toContain('## References');
  });

  it('cites in APA by default: under each heading, after each quote, and a reference list', () => {
    const selection = citedSelection(citedFixture(exportFixture()), { kind: 'notebook' });
    const md = [...markdownExport(selection, DEFAULT_EXPORT_OPTIONS)].join('');
    expect(md).toContain(
      'Gall, C., \\& van der Berg, P. (2025, September 21). Afghan officials reject Trump’s demands to return Bagram Air Base. The Kabul Ledger. https://example.org/bagram',
    );
    expect(md).toContain('Citation key: `gallAfghanOfficials2025`');
    expect(md).toContain('> — (Gall \\& van der Berg, 2025)');
    expect(md).toMatch(/> — \(Researcher, 2025, p\. (iv|v)\)/);
    expect(md.indexOf('## References')).toBeGreaterThan(md.indexOf('## Notes'));
  });

  it('reads back, through a real Markdown parser, as the exact quotes', () => {
    const data = exportFixture();
    const md = markdown({ kind: 'notebook' }, { markdownOrder: 'text', includeNotes: false });
    // A Markdown reader turns the quote's line break into a soft break: compare words.
    const words = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(blockQuotes(md).map(words)).toEqual(
      data.annotations.map((a) => words(a.target.quote!.exact)),
    );
  });

  it('keeps Markdown syntax in quotes and comments as plain characters', () => {
    const data = exportFixture();
    const quote = data.annotations[0]!;
    quote.comment = '# not a heading\n*not emphasis* and [not](a link)\n===';
    // Obsidian's own syntax stays text too: tags, hidden text, maths, highlights.
    data.annotations[1]!.comment = 'see #defiance %%hidden%% $x$ ==marked==';
    quote.target.quote!.exact = 'The minister said:\n---';
    const selection = selectForExport(data, { kind: 'notebook' }, GENERATED_AT);
    // Notes are Markdown on purpose; quotes and comments are plain text.
    const md = [
      ...markdownExport(selection, { ...DEFAULT_EXPORT_OPTIONS, includeNotes: false }),
    ].join('');
    const tree = fromMarkdown(md);
    const headings: string[] = [];
    const visit = (node: { type: string; children?: unknown[] }) => {
      if (node.type === 'heading') headings.push(mdastText(node as never));
      if (
        (node.type === 'emphasis' || node.type === 'link') &&
        /^not/.test(mdastText(node as never))
      )
        throw new Error(`the comment became ${node.type}`);
      for (const child of (node.children ?? []) as { type: string }[]) visit(child);
    };
    visit(tree);
    expect(headings).not.toContain('not a heading');
    expect(headings.some((h) => h.includes('emphasis') || h.includes('minister'))).toBe(false);
    expect(md).not.toMatch(/^> ---$/m);
    expect(md).not.toMatch(/^===$/m);
    expect(md).toContain('see \\#defiance \\%\\%hidden\\%\\% \\$x\\$ \\=\\=marked\\=\\=');
    expect(mdastText(tree as never)).toContain('*not emphasis* and [not](a link)');
  });

  it('writes cited quotes as their citation, and says when a quote was deleted', () => {
    const md = markdown({ kind: 'notebook' });
    expect(md).not.toContain('marginalia://');
    expect(md).toContain('And the quote I deleted: gone *(quote deleted)*');
  });

  it('puts headings inside notes below the note heading', () => {
    const data = exportFixture();
    data.notes[0]!.body = '# Big heading\n\n```\n# not a heading in code\n```\n';
    const selection = selectForExport(data, { kind: 'notebook' }, GENERATED_AT);
    const md = [...markdownExport(selection, DEFAULT_EXPORT_OPTIONS)].join('');
    expect(md).toContain('\n#### Big heading\n');
    expect(md).toContain('\n# not a heading in code\n');
  });

  it('shows tags Obsidian can read as #tags, and others in code spans', () => {
    const data = exportFixture();
    data.tags.push({ ...data.tags[0]!, id: 'tag-spaced', name: 'open question' });
    data.annotations[4]!.tagIds = ['tag-spaced'];
    const selection = selectForExport(data, { kind: 'notebook' }, GENERATED_AT);
    const md = [...markdownExport(selection, DEFAULT_EXPORT_OPTIONS)].join('');
    expect(md).toContain('Tags: #actors/afghan #stance/defiance');
    expect(md).toContain('Tags: `open question`');
  });

  it('lists only the tag’s quotes for a tag scope, and reports progress to the end', () => {
    const selection = selectForExport(
      exportFixture(),
      { kind: 'tag', tagId: 'tag-defiance' },
      GENERATED_AT,
    );
    const calls: [number, number][] = [];
    const md = [
      ...markdownExport(selection, DEFAULT_EXPORT_OPTIONS, (d, t) => calls.push([d, t])),
    ].join('');
    expect(selection.annotations.map((a) => a.id)).toEqual(['q-mujahid', 'q-fitrat']);
    expect(md).not.toContain('کابل');
    expect(calls.at(-1)).toEqual([3, 3]); // two quotes and one note
  });

  it('says so when there is nothing to export', () => {
    const data = exportFixture();
    const selection = selectForExport(
      data,
      { kind: 'search', query: 'nothing', annotationIds: [], noteIds: [] },
      GENERATED_AT,
    );
    expect([...markdownExport(selection, DEFAULT_EXPORT_OPTIONS)].join('')).toContain(
      '_Nothing to export in this scope._',
    );
  });
});
