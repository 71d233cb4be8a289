import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_CSV_COLUMNS, agreementCsv } from '../../shared/agreement/csv.ts';
import { agreementReportHtml } from '../../shared/agreement/report-html.ts';
import { agreementTable } from '../../shared/agreement/table.ts';
import type { AgreementInput, CodedSegment } from '../../shared/agreement/types.ts';
import { REPORT_CSP } from '../../shared/export/html-report.ts';
import { expectGolden } from './golden.ts';

const TEXTS = {
  interview1:
    'We moved here in 1998 because the rent was cheap. Nobody asked us what we wanted; the council decided everything. Later the landlord sold the block and we had to leave.',
  interview2:
    'The clinic closed on Fridays. I waited four hours with my daughter, and the nurse said "come back Monday". Trust? I trust my neighbours, not the clinic.',
  interview3:
    'Work is far away, two buses. My husband drives for a delivery firm & sleeps little. <We manage.>',
};

const seg = (
  coder: string,
  document: string,
  code: string,
  phrase: string,
  extend = 0,
): CodedSegment => {
  const text = TEXTS[document as keyof typeof TEXTS];
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`no "${phrase}" in ${document}`);
  return {
    coder,
    document,
    code,
    start,
    end: Math.min(text.length, start + phrase.length + extend),
  };
};

/** Two coders over three interviews, codes "housing" and "=trust, institutions". */
function fixture(coders: string[] = ['ana', 'bo']): AgreementInput {
  const segments: CodedSegment[] = [
    seg('ana', 'interview1', 'housing', 'We moved here in 1998 because the rent was cheap.'),
    seg('bo', 'interview1', 'housing', 'because the rent was cheap.'),
    seg('ana', 'interview1', 'trust', 'the council decided everything.'),
    seg(
      'bo',
      'interview1',
      'trust',
      'Nobody asked us what we wanted; the council decided everything.',
    ),
    seg('ana', 'interview1', 'housing', 'the landlord sold the block and we had to leave.'),
    seg('bo', 'interview1', 'housing', 'the landlord sold the block and we had to leave.'),
    seg('ana', 'interview2', 'trust', 'I trust my neighbours, not the clinic.'),
    seg('bo', 'interview2', 'trust', 'I trust my neighbours, not the clinic.'),
    seg('ana', 'interview2', 'trust', 'the nurse said "come back Monday".'),
    seg('bo', 'interview3', 'housing', 'Work is far away, two buses.'),
    seg('ana', 'interview3', 'housing', '<We manage.>'),
    seg('bo', 'interview3', 'housing', '<We manage.>'),
  ];
  if (coders.includes('cy')) {
    segments.push(
      seg('cy', 'interview1', 'housing', 'We moved here in 1998 because the rent was cheap.'),
      seg('cy', 'interview1', 'trust', 'the council decided everything.'),
      seg('cy', 'interview2', 'trust', 'I trust my neighbours, not the clinic.'),
      seg('cy', 'interview3', 'housing', '<We manage.>'),
    );
  }
  return {
    documents: Object.entries(TEXTS).map(([id, text]) => ({ id, length: text.length })),
    coders,
    segments,
  };
}

const LABELS = {
  codes: { housing: 'Housing', trust: '=Trust, institutions' },
  documents: {
    interview1: 'Interview 1: "Ana"',
    interview2: 'Interview 2',
    interview3: 'Interview <3>',
  },
};

const REPORT_OPTIONS = {
  title: 'Pilot round <1> & "calibration"',
  generatedAt: '2026-11-24T09:00:00.000Z',
  documents: Object.entries(TEXTS).map(([id, text]) => ({
    id,
    text,
    title: LABELS.documents[id as keyof typeof LABELS.documents],
  })),
  coders: [
    { id: 'ana', name: 'Ana <A.>' },
    { id: 'bo', name: 'Bo' },
    { id: 'cy', name: 'Cy' },
  ],
  codes: Object.entries(LABELS.codes).map(([id, name]) => ({ id, name })),
  context: 40,
};

function parseHtml(html: string): Document {
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (e) => errors.push(e.message));
  virtualConsole.on('error', (e) => errors.push(String(e)));
  const dom = new JSDOM(html, { virtualConsole });
  expect(errors).toEqual([]);
  return dom.window.document;
}

describe('agreement CSV', () => {
  it('matches its golden file (two coders)', () => {
    const csv = agreementCsv(agreementTable(fixture(), { bootstrapSamples: 200, seed: 3 }), LABELS);
    expectGolden('agreement.csv', csv);
  });

  it('matches its golden file (three coders)', () => {
    const table = agreementTable(fixture(['ana', 'bo', 'cy']), { bootstrapSamples: 200, seed: 3 });
    expectGolden('agreement-three-coders.csv', agreementCsv(table, LABELS));
  });

  it('is RFC 4180 with a byte order mark, a row per scope, formulas defused, negative numbers kept', () => {
    const table = agreementTable(fixture(), { bootstrapSamples: 0 });
    const csv = agreementCsv(table, LABELS);
    expect(csv.startsWith('\uFEFFscope,document_id,')).toBe(true);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(AGREEMENT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 1 + 2 + 3 + 6);
    expect(csv).toContain(`"'=Trust, institutions"`);
    expect(csv).toContain('"Interview 1: ""Ana"""');
    expect(csv).toMatch(/,-\d\.\d{4},/);
  });
});

describe('agreement report (HTML)', () => {
  const table = agreementTable(fixture(), { bootstrapSamples: 200, seed: 3 });
  const html = agreementReportHtml(table, REPORT_OPTIONS);

  it('matches its golden file', () => {
    expectGolden('agreement-report.html', html);
  });

  it('is inert and self-contained, and escapes the notebook’s text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain(`content="${REPORT_CSP}"`);
    const doc = parseHtml(html);
    expect(doc.querySelector('h1')!.textContent).toBe('Pilot round <1> & "calibration"');
    expect(doc.body.textContent).toContain('Interview <3>');
    expect(doc.querySelectorAll('script, iframe, object, embed, link')).toHaveLength(0);
  });

  it('states the thresholds beside the figures and reads each code', () => {
    const doc = parseHtml(html);
    expect(doc.querySelector('.thresholds')!.textContent).toContain('0.800');
    expect(doc.querySelector('.thresholds')!.textContent).toContain('0.667');
    const rows = [...doc.querySelectorAll('#per-code ~ table tbody tr, section table tbody tr')];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.querySelector('.verdict')).not.toBeNull();
  });

  it('quotes every disagreement in context with what each coder coded', () => {
    const doc = parseHtml(html);
    const items = [...doc.querySelectorAll('.disagreement')];
    expect(items).toHaveLength(table.disagreements.length);
    const missing = items.find((i) => i.textContent!.includes('come back Monday'))!;
    expect(missing.querySelector('mark')!.textContent).toBe('the nurse said "come back Monday".');
    expect(missing.textContent).toContain('Bo: did not code this passage');
    expect(missing.textContent).toContain('Ana <A.>: the nurse said');
  });

  it('caps the quoted disagreements and says how many are left out', () => {
    const capped = agreementReportHtml(table, { ...REPORT_OPTIONS, maxDisagreements: 1 });
    const doc = parseHtml(capped);
    expect(doc.querySelectorAll('.disagreement')).toHaveLength(1);
    expect(doc.body.textContent).toContain(`And ${table.disagreements.length - 1} more passage`);
  });
});
