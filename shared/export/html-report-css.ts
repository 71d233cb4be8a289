import { HIGHLIGHT_COLORS, type HighlightColor } from '../colors.ts';

/**
 * The HTML report's stylesheet, inlined in the page: system fonts only (nothing is fetched), a
 * light theme with a dark variant for screens, and print rules (the page always prints light,
 * colours kept, no quote split across pages).
 */

/** Highlight colours: the mark's background and a stronger accent (bars, rules, dots). */
const LIGHT: Record<HighlightColor, [mark: string, accent: string]> = {
  yellow: ['#fdeb9b', '#d9a800'],
  green: ['#cdeec5', '#3f9a3a'],
  blue: ['#d3e4fd', '#3a78d4'],
  pink: ['#fcd5e5', '#d2457d'],
  purple: ['#e6dafd', '#8052d0'],
  orange: ['#fddcbd', '#dd7413'],
};

const DARK: Record<HighlightColor, [mark: string, accent: string]> = {
  yellow: ['#5c4d12', '#e8c240'],
  green: ['#234a22', '#6cc466'],
  blue: ['#1e3a63', '#6aa3f0'],
  pink: ['#5c2340', '#ee78a8'],
  purple: ['#3e2d66', '#ad8cf0'],
  orange: ['#5e3614', '#f0a05a'],
};

const colorRules = (palette: Record<HighlightColor, [string, string]>) =>
  HIGHLIGHT_COLORS.map((c) => `.c-${c}{--mark:${palette[c][0]};--accent:${palette[c][1]}}`).join(
    '\n',
  );

const SANS = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'`;
const SERIF = `'Iowan Old Style', 'Palatino Linotype', Palatino, 'Book Antiqua', Georgia, 'Noto Serif', 'Times New Roman', serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'`;

export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f5f1; --paper: #ffffff; --ink: #1d2126; --muted: #5c636d; --faint: #868d97;
  --rule: #e3e0d8; --soft: #f4f2ed; --track: #eceae4; --flag: #9c3d10; --flag-bg: #fdebd9;
  --mark: #fdeb9b; --accent: #9aa1ab;
}
${colorRules(LIGHT)}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #15171a; --paper: #1d2024; --ink: #e4e6e9; --muted: #a4abb4; --faint: #7d858f;
    --rule: #33373d; --soft: #262a2f; --track: #2c3036; --flag: #f4b183; --flag-bg: #4a2a14;
    --mark: #5c4d12; --accent: #7d858f;
  }
${colorRules(DARK)}
}
* { box-sizing: border-box; }
html { background: var(--bg); -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); font: 16px/1.55 ${SANS};
  font-kerning: normal; text-rendering: optimizeLegibility;
}
main {
  max-width: 50rem; margin: 2.5rem auto; padding: 3rem 3.5rem 2.5rem;
  background: var(--paper); border: 1px solid var(--rule); border-radius: 10px;
}
h1, h2, h3, h4 { line-height: 1.25; margin: 0; font-weight: 650; overflow-wrap: anywhere; }
h1 { font-size: 2rem; letter-spacing: -0.015em; }
h2 { font-size: 1.35rem; letter-spacing: -0.01em; }
h3 { font-size: 1.1rem; }
p { margin: 0; }
.eyebrow, .section-label {
  font-size: 0.72rem; font-weight: 650; letter-spacing: 0.09em; text-transform: uppercase;
  color: var(--faint);
}
.masthead { padding-bottom: 1.5rem; border-bottom: 2px solid var(--ink); }
.masthead h1 { margin: 0.35rem 0 0.5rem; }
.generated { color: var(--muted); font-size: 0.9rem; }
section, nav { margin-top: 2.25rem; }
.section-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
  margin-bottom: 0.9rem; }
.section-note { color: var(--muted); font-size: 0.85rem; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr)); gap: 0.75rem;
  margin: 0; }
.stats div { padding: 0.8rem 1rem; background: var(--soft); border-radius: 8px; }
.stats dt { font-size: 0.78rem; color: var(--muted); }
.stats dd { margin: 0.1rem 0 0; font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.chart { list-style: none; margin: 0; padding: 0; }
.chart li {
  display: grid; grid-template-columns: minmax(8rem, 15rem) 1fr 2.5rem; align-items: center;
  gap: 0.75rem; padding: 0.22rem 0; font-size: 0.9rem;
}
.chart .label {
  padding-inline-start: calc(var(--depth, 0) * 1.1rem); overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap;
}
.chart .depth-0 .label { font-weight: 600; }
.track { height: 0.8rem; background: var(--track); border-radius: 3px; overflow: hidden; }
.bar { display: block; height: 100%; min-width: 2px; background: var(--accent); border-radius: 3px; }
.count { text-align: end; font-variant-numeric: tabular-nums; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
.contents ol { margin: 0; padding-inline-start: 1.4rem; }
.contents li { padding: 0.15rem 0; }
.contents a { color: inherit; text-decoration: none; border-bottom: 1px solid var(--rule); }
.contents .count-text { color: var(--faint); font-size: 0.85rem; margin-inline-start: 0.4rem; }
.document { margin-top: 2.75rem; padding-top: 1.75rem; border-top: 1px solid var(--rule); }
.document > header { margin-bottom: 1.4rem; }
.document h2 { margin: 0.3rem 0 0.4rem; font-size: 1.5rem; }
.citation { color: var(--muted); }
.reference { overflow-wrap: anywhere; }
.references { margin-top: 2.75rem; padding-top: 1.75rem; border-top: 1px solid var(--rule); }
.references ul { margin: 1rem 0 0; padding: 0; list-style: none; }
.references li { margin: 0 0 0.6rem; padding-inline-start: 2em; text-indent: -2em;
  overflow-wrap: anywhere; }
.url { color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere;
  font-family: ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace; }
.quote {
  margin: 0 0 1.25rem; padding: 1rem 1.25rem 0.9rem; background: var(--paper);
  border: 1px solid var(--rule); border-inline-start: 4px solid var(--accent); border-radius: 6px;
  break-inside: avoid;
}
.quote.orphan { border-style: dashed; border-inline-start-style: solid; }
.orphan-note { display: flex; align-items: center; gap: 0.6rem; margin-bottom: 0.7rem;
  color: var(--muted); font-size: 0.8rem; }
.context { margin: 0; font: 1.04rem/1.65 ${SERIF}; color: var(--muted); }
.context p { white-space: pre-line; overflow-wrap: break-word; }
.context p + p { margin-top: 0.6rem; }
.context .ctx-heading { font-weight: 700; }
.context .ctx-code { white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace;
  font-size: 0.9em; }
mark {
  color: var(--ink); background: var(--mark); padding: 0.08em 0.12em; border-radius: 2px;
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
.context .orphan-text { white-space: pre-wrap; }
.meta { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.9rem; margin-top: 0.8rem;
  font-size: 0.8rem; color: var(--muted); }
.tags { display: flex; flex-wrap: wrap; gap: 0.35rem; margin: 0; padding: 0; list-style: none; }
.tag {
  display: inline-flex; align-items: center; gap: 0.35rem; padding: 0.1rem 0.55rem;
  background: var(--soft); border: 1px solid var(--rule); border-radius: 999px; color: var(--ink);
  font-size: 0.78rem; line-height: 1.5;
}
.dot { width: 0.55rem; height: 0.55rem; border-radius: 50%; background: var(--accent); flex: none; }
.swatch { display: inline-flex; align-items: center; gap: 0.35rem; }
.flag {
  padding: 0.05rem 0.5rem; border-radius: 4px; background: var(--flag-bg); color: var(--flag);
  font-weight: 650; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em;
}
.comment {
  margin-top: 0.75rem; padding-top: 0.65rem; border-top: 1px dashed var(--rule);
  white-space: pre-wrap; overflow-wrap: break-word; font-size: 0.95rem;
}
.comment-label { display: block; color: var(--faint); font-size: 0.72rem; font-weight: 650;
  letter-spacing: 0.08em; text-transform: uppercase; white-space: normal; }
.notes > .section-head { margin-bottom: 0; }
.note { margin-top: 1.25rem; padding: 1.1rem 1.3rem; background: var(--soft); border-radius: 8px;
  break-inside: avoid-page; }
.note h3 { margin-bottom: 0.5rem; }
.note .tags { margin-bottom: 0.75rem; }
.note-body p, .note-body h4 { margin: 0.6rem 0 0; overflow-wrap: break-word; }
.note-body > :first-child { margin-top: 0; }
.note-body code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
.note-body .link-url { color: var(--muted); font-size: 0.85em; overflow-wrap: anywhere; }
.cited { margin: 0.75rem 0 0; padding: 0.6rem 0.9rem; background: var(--paper);
  border-inline-start: 3px solid var(--accent); border-radius: 4px; break-inside: avoid; }
.cited blockquote { margin: 0; font: 1rem/1.6 ${SERIF}; white-space: pre-line; }
.cited figcaption { margin-top: 0.35rem; color: var(--muted); font-size: 0.8rem; }
.deleted { color: var(--flag); font-style: italic; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--faint);
  font-size: 0.8rem; }
@media (max-width: 40rem) {
  main { margin: 0; padding: 1.5rem 1.1rem; border: 0; border-radius: 0; }
  .chart li { grid-template-columns: minmax(6rem, 9rem) 1fr 2rem; }
}
@page { margin: 16mm 15mm 18mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html, body { background: #fff; }
  body { font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  .quote, .chart li, .stats, .cited { break-inside: avoid; }
  h1, h2, h3, .document > header, .section-head { break-after: avoid; }
  .contents a { border: 0; }
}
`;
