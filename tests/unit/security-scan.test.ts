/**
 * The pass/fail rule of the security scan (scripts/security/scan.mjs) over Electronegativity's
 * SARIF. The scan itself runs in .ci/run (it installs Electronegativity apart from the project);
 * here, SARIF shaped exactly as Electronegativity 1.10.3 writes it checks that every finding at
 * MEDIUM or above fails, whatever `level` says, and that nothing passes by default.
 */
import { describe, expect, it } from 'vitest';
import { ACCEPTED_FINDINGS } from '../../scripts/security/accepted-findings.mjs';
import { annotateSarif, evaluateSarif, type Issue } from '../../scripts/security/sarif-gate.mjs';

type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
const issue = (id: string, severity: Severity, manualReview = false): Issue => ({
  id,
  severity: { name: severity },
  confidence: { name: 'FIRM' },
  manualReview,
});

/** What Electronegativity writes: level "warning", or "note" for manual review; no severity. */
function sarifFor(issues: (Issue & { file?: string })[]) {
  return {
    $schema: 'http://json.schemastore.org/sarif-2.1.0',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', version: '1.10.3', rules: [] } },
        results: issues.map((i) => ({
          ruleId: i.id,
          level: i.manualReview ? 'note' : 'warning',
          message: { text: `${i.id} description` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: i.file ?? 'file:///' },
                region: { startLine: 12, startColumn: 5, charLength: 10 },
              },
            },
          ],
        })),
      },
    ],
  };
}

function verdict(issues: (Issue & { file?: string })[], accepted = ACCEPTED_FINDINGS) {
  return evaluateSarif(annotateSarif(sarifFor(issues), issues), accepted);
}

describe('the security scan gate', () => {
  it('fails on MEDIUM and HIGH, whether SARIF calls them a warning or a note', () => {
    const result = verdict([
      { ...issue('SANDBOX_JS_CHECK', 'MEDIUM'), file: 'electron/main/window.ts' },
      { ...issue('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'), file: 'electron/main/window.ts' },
      { ...issue('LIMIT_NAVIGATION_GLOBAL_CHECK', 'HIGH') },
      // A manual-review item ("note" in its SARIF) that nobody has reviewed.
      { ...issue('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', true), file: 'electron/main/other.ts' },
    ]);
    expect(result.failing.map((f) => [f.ruleId, f.severity])).toEqual([
      ['SANDBOX_JS_CHECK', 'MEDIUM'],
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH'],
      ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'HIGH'],
      ['OPEN_EXTERNAL_JS_CHECK', 'MEDIUM'],
    ]);
    expect(result.failing[2]!.file).toBeNull();
  });

  it('lets LOW and INFORMATIONAL through, listed', () => {
    const result = verdict([
      { ...issue('CSP_GLOBAL_CHECK', 'LOW', true), file: 'out/renderer/index.html' },
      { ...issue('EXPERIMENTAL_FEATURES_JS_CHECK', 'INFORMATIONAL') },
    ]);
    expect(result.failing).toEqual([]);
    expect(result.below.map((f) => f.ruleId)).toEqual([
      'CSP_GLOBAL_CHECK',
      'EXPERIMENTAL_FEATURES_JS_CHECK',
    ]);
  });

  it('rates Node integration HIGH, though Electronegativity calls it INFORMATIONAL', () => {
    const issues = [{ ...issue('NODE_INTEGRATION_JS_CHECK', 'INFORMATIONAL'), file: 'x.ts' }];
    const sarif = annotateSarif(sarifFor(issues), issues);
    expect(sarif.runs[0].results[0].properties).toMatchObject({
      severity: 'HIGH',
      reportedSeverity: 'INFORMATIONAL',
    });
    expect(sarif.runs[0].results[0].level).toBe('error');
    expect(evaluateSarif(sarif).failing.map((f) => f.ruleId)).toEqual([
      'NODE_INTEGRATION_JS_CHECK',
    ]);
  });

  it('fails a result with no severity recorded, rather than guessing', () => {
    const sarif = sarifFor([issue('SANDBOX_JS_CHECK', 'MEDIUM')]);
    const result = evaluateSarif(sarif);
    expect(result.failing).toEqual([
      expect.objectContaining({ ruleId: 'SANDBOX_JS_CHECK', reason: 'no severity recorded' }),
    ]);
  });

  it('refuses to annotate SARIF that does not match the findings', () => {
    const issues = [issue('SANDBOX_JS_CHECK', 'MEDIUM')];
    expect(() => annotateSarif(sarifFor([]), issues)).toThrow(/0 results for 1 findings/);
    expect(() => annotateSarif(sarifFor([issue('OTHER', 'LOW')]), issues)).toThrow(/not SANDBOX/);
    expect(() => evaluateSarif({})).toThrow(/Not Electronegativity SARIF/);
  });

  it('accepts only reviewed manual-review findings, in the file they were reviewed in', () => {
    const result = verdict([
      { ...issue('PRELOAD_JS_CHECK', 'MEDIUM', true), file: 'electron/main/window.ts' },
      {
        ...issue('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', true),
        file: 'electron/main/external-link.ts',
      },
      // The same rules elsewhere, or not as a review item, still fail.
      { ...issue('PRELOAD_JS_CHECK', 'MEDIUM', true), file: 'electron/main/second-window.ts' },
      {
        ...issue('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', false),
        file: 'electron/main/external-link.ts',
      },
    ]);
    expect(result.accepted.map((f) => `${f.ruleId} ${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK electron/main/window.ts',
      'OPEN_EXTERNAL_JS_CHECK electron/main/external-link.ts',
    ]);
    expect(result.failing.map((f) => `${f.ruleId} ${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK electron/main/second-window.ts',
      'OPEN_EXTERNAL_JS_CHECK electron/main/external-link.ts',
    ]);
    expect(result.stale).toEqual([]);
    for (const acceptance of ACCEPTED_FINDINGS) {
      expect(acceptance.justification.length).toBeGreaterThan(40);
      expect(acceptance.coveredBy).toMatch(/tests\/unit\//);
    }
  });

  it('writes accepted findings as SARIF suppressions and reports acceptances that match nothing', () => {
    const issues = [
      { ...issue('PRELOAD_JS_CHECK', 'MEDIUM', true), file: 'electron/main/window.ts' },
    ];
    const sarif = annotateSarif(sarifFor(issues), issues);
    const result = evaluateSarif(sarif, ACCEPTED_FINDINGS);
    expect(sarif.runs[0].results[0].suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: expect.stringContaining('preload') },
    ]);
    expect(result.stale.map((a) => a.ruleId)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
  });
});
