import { escapeHtml } from '../export/html-escape.ts';
import { REPORT_CSP } from '../export/html-report.ts';
import { formatPublishedDate, plural } from '../format.ts';
import { fixed, METHOD_NAME, shown, shownInterval } from './format.ts';
import { READING_SHORT, READING_TEXT, THRESHOLDS_TEXT } from './interpret.ts';
import { AGREEMENT_CSS } from './report-css.ts';
import type { AgreementFigures, AgreementTable, Disagreement, Reading } from './types.ts';

export interface AgreementReportOptions {
  title: string;
  /** ISO time the report was made (passed in: the writer is pure). */
  generatedAt: string;
  documents: readonly { id: string; title: string; text: string }[];
  coders: readonly { id: string; name: string }[];
  codes: readonly { id: string; name: string }[];
  /** Characters of context either side of a disagreement (default 80). */
  context?: number;
  /** Disagreements quoted at most (default 500); the rest are counted. */
  maxDisagreements?: number;
}

/**
 * The agreement report: one self-contained, printable HTML page, like the notebook report (no
 * script, nothing fetched, the same CSP and stylesheet, light and dark). It states the
 * thresholds beside the figures, tables α and NVivo's figures per code and per document, and
 * quotes each disagreement in its context with what each coder coded. Every piece of text from
 * the notebook is escaped.
 */
export function agreementReportHtml(
  table: AgreementTable,
  options: AgreementReportOptions,
): string {
  const coderName = lookup(options.coders);
  const codeName = lookup(options.codes);
  const docs = new Map(options.documents.map((d) => [d.id, d]));
  const docTitle = (id: string) => docs.get(id)?.title || 'Untitled document';
  const max = options.maxDisagreements ?? 500;
  const parts: string[] = [];
  const title = escapeHtml(options.title);
  parts.push(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Marginalia">
<title>${title} · Marginalia agreement report</title>
<style>${AGREEMENT_CSS}</style>
</head>
<body>
<main>
<header class="masthead">
<p class="eyebrow">Marginalia · Agreement report</p>
<h1 dir="auto">${title}</h1>
<p class="generated">Generated ${escapeHtml(formatGenerated(options.generatedAt))} · coders ${table.coders.map((c) => `<span dir="auto">${escapeHtml(coderName(c))}</span>`).join(', ')}</p>
</header>
`);
  parts.push(`<section class="summary" aria-label="Summary">
<dl class="stats">${[
    ['Coders', table.coders.length],
    ['Documents', table.documents.length],
    ['Codes', table.codes.length],
    ['Disagreements', table.disagreements.length],
  ]
    .map(([label, n]) => `<div><dt>${label}</dt><dd>${n}</dd></div>`)
    .join('')}</dl>
</section>
`);
  const o = table.overall;
  parts.push(`<section aria-labelledby="overall">
<div class="section-head"><h2 id="overall">Overall</h2><p class="section-note">${escapeHtml(METHOD_NAME[table.method])}, all codes and documents pooled</p></div>
<div class="headline"><span class="value">α = ${shown(o.alpha)}</span>${verdict(o.reading)}<span>${intervalText(o)}</span></div>
<p>NVivo’s figures over characters: ${percent(o.percentAgreement)} agreement, κ = ${shown(o.kappa)}${table.coders.length > 2 ? ' (mean over the coder pairs)' : ''}.</p>
<p class="thresholds">${escapeHtml(THRESHOLDS_TEXT)}</p>
</section>
`);
  // α is the headline coefficient; the other one is shown beside it for comparison.
  const other = table.method === 'u-alpha' ? '(k)uα' : 'uα';
  const otherOf = (f: AgreementFigures) => (table.method === 'u-alpha' ? f.kAlpha : f.uAlpha);
  const header = `<thead><tr><th scope="col">%NAME%</th><th scope="col">α</th><th scope="col">${Math.round(table.bootstrap.level * 100)} % interval</th><th scope="col">Reading</th><th scope="col">${other}</th><th scope="col">Agreement</th><th scope="col">κ</th><th scope="col">Units</th></tr></thead>`;
  const row = (name: string, f: AgreementFigures) =>
    `<tr><td class="name" dir="auto">${escapeHtml(name)}</td><td class="alpha">${shown(f.alpha)}</td><td class="ci">${f.ci ? `[${shown(f.ci.low)}, ${shown(f.ci.high)}]` : '—'}</td><td>${verdict(f.reading, true)}</td><td>${shown(otherOf(f))}</td><td>${percent(f.percentAgreement)}</td><td>${shown(f.kappa)}</td><td>${f.units}</td></tr>`;
  parts.push(`<section aria-labelledby="per-code">
<div class="section-head"><h2 id="per-code">Per code</h2><p class="section-note">α ≥ 0.800 reliable · 0.667–0.800 tentative only · below 0.667 not reliable</p></div>
<div class="table-wrap"><table class="figures">${header.replace('%NAME%', 'Code')}<tbody>
${table.perCode.map((f) => row(codeName(f.code), f)).join('\n')}
</tbody></table></div>
</section>
<section aria-labelledby="per-document">
<div class="section-head"><h2 id="per-document">Per document</h2><p class="section-note">All codes; no interval within one document</p></div>
<div class="table-wrap"><table class="figures">${header.replace('%NAME%', 'Document')}<tbody>
${table.perDocument.map((f) => row(docTitle(f.document), f)).join('\n')}
</tbody></table></div>
</section>
`);
  parts.push(`<section aria-labelledby="disagreements">
<div class="section-head"><h2 id="disagreements">Disagreements</h2><p class="section-note">${plural(table.disagreements.length, 'passage')} where the coders differ</p></div>
`);
  if (table.disagreements.length === 0)
    parts.push('<p class="empty">The coders agree everywhere.</p>\n');
  let current = '';
  for (const d of table.disagreements.slice(0, max)) {
    if (d.document !== current) {
      current = d.document;
      parts.push(`<h3 dir="auto">${escapeHtml(docTitle(d.document))}</h3>\n`);
    }
    parts.push(
      disagreementHtml(
        d,
        docs.get(d.document)?.text ?? '',
        codeName,
        coderName,
        options.context ?? 80,
      ),
    );
  }
  if (table.disagreements.length > max)
    parts.push(
      `<p class="empty">And ${plural(table.disagreements.length - max, 'more passage')}, not quoted here (the command line's <code>agreement --json</code> lists them all).</p>\n`,
    );
  parts.push('</section>\n');
  parts.push(`<section class="methods" aria-labelledby="methods">
<div class="section-head"><h2 id="methods">How these figures are made</h2></div>
<p>uα is Krippendorff’s α for unitized data (1995; 2004, ch. 12): each coder’s text is cut into passages coded and gaps, and passages that overlap cost by how far their beginnings and ends differ (squared). (k)uα is the per-code coefficient of the 2016 family (Krippendorff, Mathet, Bouvry &amp; Widlöcher): characters both coders cover are counted as coinciding values. The α column shows ${table.coders.length === 2 ? 'uα, as two coders are compared; (k)uα is beside it' : '(k)uα, as three or more coders are compared; uα (pairs of coders averaged) is beside it'}.</p>
<p>The interval is a percentile bootstrap over documents (${table.bootstrap.samples.toLocaleString('en')} resamples, seed ${table.bootstrap.seed}); it needs several documents and is too narrow with few. Agreement and κ are NVivo’s coding comparison over characters${table.coders.length > 2 ? ', averaged over the pairs of coders' : ''}.</p>
</section>
<footer>Made with Marginalia · ${title} · ${escapeHtml(formatGenerated(options.generatedAt))}</footer>
</main>
</body>
</html>
`);
  return parts.join('');
}

function lookup(list: readonly { id: string; name: string }[]): (id: string) => string {
  const map = new Map(list.map((x) => [x.id, x.name]));
  return (id) => map.get(id) ?? id;
}

function verdict(reading: Reading, short = false): string {
  const text = (short ? READING_SHORT : READING_TEXT)[reading];
  return `<span class="verdict ${reading}" title="${escapeHtml(READING_TEXT[reading])}">${escapeHtml(text)}</span>`;
}

function percent(value: number | null): string {
  const text = fixed(value, 1);
  return text === '' ? '—' : `${text} %`;
}

function intervalText(f: AgreementFigures): string {
  if (!f.ci) return 'no interval (it needs two documents or more)';
  return `${Math.round(f.ci.level * 100)} % interval ${shownInterval(f.ci)}; below 0.667 in ${fixed(f.ci.belowTentative * 100, 1)} % of resamples`;
}

function disagreementHtml(
  d: Disagreement,
  text: string,
  codeName: (id: string) => string,
  coderName: (id: string) => string,
  context: number,
): string {
  const from = Math.min(d.start, wordStart(text, Math.max(0, d.start - context)));
  const to = Math.max(d.end, wordEnd(text, Math.min(text.length, d.end + context)));
  const passage = `${from > 0 ? '…' : ''}${escapeHtml(text.slice(from, d.start))}<mark>${escapeHtml(text.slice(d.start, d.end))}</mark>${escapeHtml(text.slice(d.end, to))}${to < text.length ? '…' : ''}`;
  const kind = d.kind === 'missing' ? 'not coded by everyone' : 'coded with different ends';
  const coders = d.coders
    .map(({ coder, ranges }) => {
      const what =
        ranges.length === 0
          ? '<span class="none">did not code this passage</span>'
          : ranges
              .map(
                ([s, e]) =>
                  `<q dir="auto">${escapeHtml(text.slice(s, e))}</q> <span class="count-text">(${s}–${e})</span>`,
              )
              .join('; ');
      return `<li><span class="who" dir="auto">${escapeHtml(coderName(coder))}</span>: ${what}</li>`;
    })
    .join('\n');
  return `<div class="disagreement">
<h4><span dir="auto">${escapeHtml(codeName(d.code))}</span> <span class="kind">· ${kind} · characters ${d.start}–${d.end}</span></h4>
<div class="context"><p dir="auto">${passage}</p></div>
<ul class="coders">
${coders}
</ul>
</div>
`;
}

/** Move a context's start forward to the next word's beginning (within 30 characters). */
function wordStart(text: string, at: number): number {
  if (at === 0) return 0;
  const space = text.slice(at, at + 30).search(/\s/);
  return space < 0 ? at : at + space + 1;
}

/** Move a context's end back to the previous word's end (within 30 characters). */
function wordEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const before = text.slice(Math.max(0, at - 30), at);
  const space = before.search(/\s\S*$/);
  return space < 0 ? at : at - before.length + space;
}

function formatGenerated(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${formatPublishedDate(date.toISOString(), 'en')}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}
