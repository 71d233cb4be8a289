import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../shared/export/html-escape.ts';
import { htmlReport, REPORT_CSP } from '../../shared/export/html-report.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import {
  DEFAULT_EXPORT_OPTIONS,
  type ExportOptions,
  type ResolvedScope,
} from '../../shared/export/types.ts';
import type { StoreData } from '../../shared/model.ts';
import { exportFixture, GENERATED_AT } from '../fixtures/export/notebook.ts';
import { citedSelection } from './citation-fixture.ts';
import { expectGolden } from './golden.ts';

const options: ExportOptions = { ...DEFAULT_EXPORT_OPTIONS, includeNotes: true };

function report(
  scope: ResolvedScope,
  data: StoreData = exportFixture(),
  opts: ExportOptions = options,
): string {
  // As the app exports: the bibliography formatted by the core, in the report's HTML.
  return [...htmlReport(citedSelection(data, scope, opts.citationStyle, 'html'), opts)].join('');
}

/** Parse as a browser would, failing on anything jsdom reports (CSS parse errors included). */
function parseHtml(html: string): Document {
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (e) => errors.push(e.message));
  virtualConsole.on('error', (e) => errors.push(String(e)));
  const dom = new JSDOM(html, { virtualConsole });
  expect(errors).toEqual([]);
  return dom.window.document;
}

/** Nothing in the page runs, and nothing points outside it. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  // Remote addresses only ever appear escaped, as visible text.
  expect(html).not.toMatch(
    /(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i,
  );
  const doc = parseHtml(html);
  // The stylesheet parsed whole (jsdom does not report CSS syntax errors).
  expect(doc.styleSheets[0]!.cssRules.length).toBeGreaterThan(50);
  expect(doc.querySelectorAll('script, iframe, object, embed, img, link, base, form')).toHaveLength(
    0,
  );
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name).not.toMatch(/^on/i);
      expect(attr.value).not.toMatch(/^\s*(?:javascript|vbscript|data):/i);
      expect(attr.value).not.toMatch(/https?:|\/\/|url\(|@import/i);
      if (attr.name === 'href') expect(attr.value).toMatch(/^#/);
    }
  }
  for (const style of doc.querySelectorAll('style'))
    expect(style.textContent).not.toMatch(/https?:|url\(|@import|@font-face/i);
  return doc;
}

/** The text of a quote's marks, its pieces joined across paragraphs. */
const markedText = (doc: Document, id: string) =>
  Array.from(doc.querySelectorAll(`mark[data-quote="${id}"]`), (m) => m.textContent).join('\n');

describe('HTML report', () => {
  it('matches the golden files', () => {
    expectGolden('notebook-report.html', report({ kind: 'notebook' }));
    expectGolden(
      'doc-field-report.html',
      report({ kind: 'document', documentId: 'doc-field' }, exportFixture(), {
        ...options,
        includeNotes: false,
      }),
    );
    expectGolden('tag-defiance-report.html', report({ kind: 'tag', tagId: 'tag-defiance' }));
  });

  it('is a self-contained page: no script, no handlers, nothing remote, a strict CSP', () => {
    for (const scope of [
      { kind: 'notebook' },
      { kind: 'document', documentId: 'doc-field' },
      { kind: 'tag', tagId: 'tag-actors' },
    ] as ResolvedScope[]) {
      const html = report(scope);
      expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
      const doc = expectInert(html);
      const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
      expect(csp?.getAttribute('content')).toBe(REPORT_CSP);
      expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    }
    // The document's address is there, as text only.
    const doc = parseHtml(report({ kind: 'notebook' }));
    expect(doc.querySelector('.url')?.textContent).toBe('https://example.org/notes/kabul?a=1&b=2');
  });

  it('shows every quote in its context, marked with its exact text and colour', () => {
    const data = exportFixture();
    const doc = parseHtml(report({ kind: 'notebook' }, data));
    for (const a of data.annotations) {
      expect(markedText(doc, a.id)).toBe(a.target.quote!.exact);
      const marks = doc.querySelectorAll(`mark[data-quote="${a.id}"]`);
      for (const m of marks) {
        expect(m.className).toBe(`c-${a.color}`);
        expect(m.getAttribute('dir')).toBe('auto');
      }
    }
    // Its paragraph around it; a quote across two paragraphs shows both.
    const fitrat = doc.querySelector('#quote-q-fitrat .context')!;
    expect(fitrat.textContent).toBe(
      `"A deal over even an inch of Afghanistan's soil is not possible. We don't need it," Fitrat stated, according to local media.`,
    );
    expect(doc.querySelectorAll('#quote-q-trump-talks .context p')).toHaveLength(2);
    // Comments keep their line breaks and text exactly, right to left where it is.
    const comment = doc.querySelector('#quote-q-fitrat .comment [dir="auto"]')!;
    expect(comment.textContent).toBe(data.annotations[1]!.comment);
    expect(doc.querySelector('#quote-q-dari .comment [dir="auto"]')!.textContent).toBe(
      data.annotations[3]!.comment,
    );
    expect(doc.querySelector('#quote-q-dari .tags')!.textContent).toBe(
      'actors/afghanlanguage/dari',
    );
    expect(doc.querySelector('#quote-q-emoji .tags')).toBeNull();
  });

  it('summarises the scope and charts tag use, rolled up, in tree order', () => {
    const doc = parseHtml(report({ kind: 'notebook' }));
    const stats = Array.from(doc.querySelectorAll('.stats div'), (d) => [
      d.querySelector('dt')!.textContent,
      d.querySelector('dd')!.textContent,
    ]);
    expect(stats).toEqual([
      ['Documents', '2'],
      ['Quotes', '5'],
      ['Notes', '2'],
      ['Tags used', '4'],
    ]);
    const rows = Array.from(doc.querySelectorAll('.chart li'), (li) => [
      li.querySelector('.label')!.getAttribute('title'),
      li.querySelector('.count')!.textContent,
      (li.querySelector('.bar') as HTMLElement).style.width,
    ]);
    expect(rows).toEqual([
      ['actors', '4', '80%'],
      ['actors/afghan', '3', '60%'],
      ['actors/us', '1', '20%'],
      ['language', '1', '20%'],
      ['language/dari', '1', '20%'],
      ['stance', '2', '40%'],
      ['stance/defiance', '2', '40%'],
    ]);
  });

  it('escapes everything that comes from the notebook', () => {
    const data = exportFixture();
    const evil = '<script>alert(1)</script>';
    const a = data.annotations[0]!;
    a.comment = `${evil} & "quoted" 'single'`;
    data.documents[0]!.title = `"><img src=x onerror=alert(1)>`;
    data.documents[0]!.url = 'javascript:alert(1)';
    data.tags[0]!.name = 'actors<b onclick="x()">';
    data.notes[0]!.title = `${evil} title`;
    data.notes[0]!.body =
      `${evil}\n\n[link](https://evil.example/x.js) [js](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n> <style>@import url(https://evil.example/);</style>`;
    const html = report({ kind: 'notebook' }, data);
    expect(html).toContain(escapeHtml(evil));
    const doc = expectInert(html);
    expect(doc.querySelector('#quote-q-mujahid .comment [dir="auto"]')!.textContent).toBe(
      a.comment,
    );
    expect(doc.querySelector('.document h2')!.textContent).toBe(data.documents[0]!.title);
    expect(doc.querySelector('.note h3')!.textContent).toBe(`${evil} title`);
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelector('.note-body')!.textContent).toContain(
      'link (https://evil.example/x.js)',
    );
  });

  it('shows an unplaced quote as saved, flagged, without context', () => {
    const data = exportFixture();
    const a = data.annotations[0]!;
    a.orphan = true;
    a.target.quote!.exact = 'A sentence that was\nedited away';
    const doc = parseHtml(report({ kind: 'notebook' }, data));
    const section = doc.querySelector('#quote-q-mujahid')!;
    expect(section.querySelector('.context')!.textContent).toBe(a.target.quote!.exact);
    expect(markedText(doc, a.id)).toBe(a.target.quote!.exact);
    expect(section.querySelector('.flag')!.textContent).toBe('Unplaced');
    expect(doc.querySelectorAll('.flag')).toHaveLength(1);
    expect(doc.querySelector('.stats')!.textContent).toContain('Unplaced quotes1');
  });

  it('trims a long paragraph around the quote, and falls back to nearby text without blocks', () => {
    const data = exportFixture();
    const doc0 = data.documents[0]!;
    const filler = 'word '.repeat(200);
    const quoteText = 'the quoted words';
    doc0.text = `${filler}${quoteText} ${filler.trim()}`;
    doc0.blocks = [{ type: 'paragraph', start: 0, end: doc0.text.length }];
    const start = filler.length;
    const a = data.annotations[0]!;
    a.target.position = { type: 'TextPositionSelector', start, end: start + quoteText.length };
    a.target.quote = { type: 'TextQuoteSelector', exact: quoteText, prefix: '', suffix: '' };
    data.annotations = [a];
    const context = () =>
      parseHtml(report({ kind: 'notebook' }, data)).querySelector('#quote-q-mujahid .context')!
        .textContent!;
    let text = context();
    expect(text).toMatch(/^…word word .* the quoted words word .* word…$/);
    expect(text.length).toBeLessThan(700);

    doc0.blocks = [];
    text = context();
    expect(text).toMatch(/^…word .*the quoted words word .*word…$/);
    expect(text.length).toBeLessThan(450);
  });

  it('writes the notes with their cited quotes, or says a cited quote is gone', () => {
    const doc = parseHtml(report({ kind: 'notebook' }));
    const notes = doc.querySelectorAll('.note');
    expect(notes).toHaveLength(2);
    const cited = Array.from(notes[0]!.querySelectorAll('.cited blockquote'), (b) => b.textContent);
    const data = exportFixture();
    expect(cited).toEqual([
      data.annotations[0]!.target.quote!.exact,
      data.annotations[1]!.target.quote!.exact,
    ]);
    expect(notes[0]!.querySelector('strong')!.textContent).toBe('time');
    expect(notes[0]!.querySelector('em')!.textContent).toBe('soil');
    expect(notes[1]!.querySelector('.deleted')!.textContent).toBe('(deleted quote)');
    expect(notes[1]!.textContent).not.toContain('marginalia://');

    const without = parseHtml(
      report({ kind: 'notebook' }, exportFixture(), { ...options, includeNotes: false }),
    );
    expect(without.querySelector('.notes')).toBeNull();
    expect(without.querySelector('.stats')!.textContent).not.toContain('Notes');
  });

  it('reports an empty document and an empty scope', () => {
    const data = exportFixture();
    data.annotations = data.annotations.filter((a) => a.documentId !== 'doc-field');
    const doc = parseHtml(report({ kind: 'document', documentId: 'doc-field' }, data));
    expect(doc.querySelector('.document .empty')!.textContent).toBe(
      'No quotes in this document yet.',
    );
    expect(doc.querySelector('.tag-summary .empty')).not.toBeNull();
    // The whole notebook lists every document, highlighted or not…
    data.annotations = [];
    data.notes = [];
    const all = parseHtml(report({ kind: 'notebook' }, data));
    expect(all.querySelectorAll('.document').length).toBe(2);
    // …while a scope that found nothing lists none.
    const none = parseHtml(
      report({ kind: 'search', query: 'nothing', annotationIds: [], noteIds: [] }, data),
    );
    expect(none.querySelector('.document') === null).toBe(true);
  });

  it('reports progress through quotes and notes, ending at the total', () => {
    const calls: [number, number][] = [];
    const selection = selectForExport(exportFixture(), { kind: 'notebook' }, GENERATED_AT);
    const pieces = [...htmlReport(selection, options, (done, total) => calls.push([done, total]))];
    expect(pieces.length).toBeGreaterThan(5);
    expect(calls.at(-1)).toEqual([7, 7]);
    expect(calls.map(([done]) => done)).toEqual([1, 2, 3, 4, 5, 6, 7, 7]);
  });
});
