import { REPORT_CSS } from '../export/html-report-css.ts';

/**
 * The agreement report's stylesheet: the notebook report's (system fonts, light and dark,
 * print rules), plus tables of figures, the verdict badges and the quoted disagreements.
 */
export const AGREEMENT_CSS = `${REPORT_CSS}
:root { --good: #1f6b35; --good-bg: #dcf1e1; --fair: #7a5300; --fair-bg: #fbefcf;
  --poor: #9c2a10; --poor-bg: #fbe1d9; --other: #b7d2f7; }
@media screen and (prefers-color-scheme: dark) {
  :root { --good: #8ed8a0; --good-bg: #1d3b25; --fair: #f0c869; --fair-bg: #43330c;
    --poor: #f4a58b; --poor-bg: #4a2015; --other: #1e3a63; }
}
.thresholds { margin-top: 1.5rem; padding: 0.8rem 1rem; background: var(--soft);
  border-inline-start: 4px solid var(--accent); border-radius: 6px; font-size: 0.92rem; }
.table-wrap { overflow-x: auto; }
.figures { width: 100%; border-collapse: collapse; font-size: 0.85rem; margin-top: 0.5rem; }
.figures th, .figures td { padding: 0.4rem 0.4rem; border-bottom: 1px solid var(--rule);
  text-align: end; vertical-align: top; }
.figures th:first-child, .figures td:first-child { text-align: start; }
.figures thead th { color: var(--muted); font-weight: 600; font-size: 0.78rem; }
.figures td { font-variant-numeric: tabular-nums; }
.figures .alpha { font-weight: 650; }
.figures .name { min-width: 8rem; overflow-wrap: break-word; }
.figures .ci, .figures thead th { white-space: nowrap; }
.verdict { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 4px; font-size: 0.78rem;
  font-weight: 650; white-space: nowrap; }
.verdict.reliable { color: var(--good); background: var(--good-bg); }
.verdict.tentative { color: var(--fair); background: var(--fair-bg); }
.verdict.unreliable { color: var(--poor); background: var(--poor-bg); }
.verdict.undefined { color: var(--muted); background: var(--soft); }
.headline { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1.25rem; }
.headline .value { font-size: 2.2rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.disagreement { margin: 0 0 1rem; padding: 0.9rem 1.1rem; border: 1px solid var(--rule);
  border-inline-start: 4px solid var(--accent); border-radius: 6px; break-inside: avoid; }
.disagreement h4 { font-size: 0.95rem; margin-bottom: 0.45rem; }
.disagreement .kind { color: var(--muted); font-weight: 400; }
.coders { list-style: none; margin: 0.6rem 0 0; padding: 0; font-size: 0.9rem; }
.coders li { padding: 0.15rem 0; }
.coders .who { font-weight: 650; }
.coders q { font-family: ${"'Iowan Old Style', Georgia, serif"}; }
.coders .none { color: var(--muted); font-style: italic; }
.methods p + p { margin-top: 0.6rem; }
.methods { font-size: 0.92rem; }
`;
