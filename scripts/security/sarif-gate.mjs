/**
 * The pass/fail rule of the security scan, over Electronegativity's SARIF.
 *
 * Electronegativity's SARIF does not carry its severities: every result's `level` is "warning",
 * or "note" when the finding asks for a manual review, whatever its severity (see writeIssues in
 * its util/file.js). So the scan writes each finding's severity and confidence, as the scanner
 * computed them, into the result's `properties` (annotateSarif), and the gate reads them from
 * there (evaluateSarif). A result without a known severity fails: the gate never guesses low.
 */

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
export const THRESHOLD = 'MEDIUM';

/**
 * Findings this project rates higher than Electronegativity does. Its node-integration check
 * reports `nodeIntegration: true` in a window as INFORMATIONAL (it only rates Node integration
 * HIGH when it is on by default, as before Electron 5): here it fails the scan like any other
 * renderer that can reach Node.
 */
export const ESCALATED = {
  NODE_INTEGRATION_JS_CHECK: 'HIGH',
  NODE_INTEGRATION_HTML_CHECK: 'HIGH',
  NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK: 'HIGH',
};

const rank = (severity) => SEVERITIES.indexOf(severity);
const SARIF_LEVEL = { HIGH: 'error', MEDIUM: 'error', LOW: 'warning', INFORMATIONAL: 'note' };

/** Where a result points: its file (relative to the scanned folder) and line. */
export function resultLocation(result) {
  const physical = result.locations?.[0]?.physicalLocation;
  const uri = physical?.artifactLocation?.uri ?? '';
  return {
    file: uri === 'file:///' || uri === 'N/A' ? null : uri,
    line: physical?.region?.startLine ?? null,
  };
}

/**
 * Copy the scanner's own verdict on each finding into the SARIF it wrote. `issues` is what
 * Electronegativity's runner returned, in the order it wrote the results.
 */
export function annotateSarif(sarif, issues) {
  const results = sarif?.runs?.[0]?.results;
  if (!Array.isArray(results) || results.length !== issues.length) {
    throw new Error(
      `The SARIF has ${results?.length ?? 'no'} results for ${issues.length} findings: cannot match them`,
    );
  }
  results.forEach((result, i) => {
    const issue = issues[i];
    if (result.ruleId !== issue.id)
      throw new Error(`Result ${i} is ${result.ruleId}, not ${issue.id}`);
    const reported = issue.severity?.name;
    const severity = ESCALATED[issue.id] ?? reported;
    result.properties = {
      ...result.properties,
      severity,
      ...(severity !== reported ? { reportedSeverity: reported } : {}),
      confidence: issue.confidence?.name,
      manualReview: issue.manualReview === true,
    };
    if (SARIF_LEVEL[severity]) result.level = SARIF_LEVEL[severity];
  });
  return sarif;
}

/**
 * Sort every result: `failing` (severity at or above the threshold, not accepted), `accepted`
 * (a manual-review finding the project has reviewed, see accepted-findings.mjs), `below` (under
 * the threshold). Accepted results get a SARIF suppression with the justification. `stale` lists
 * acceptances that matched nothing (the code they excused has gone).
 */
export function evaluateSarif(sarif, accepted = [], threshold = THRESHOLD) {
  const results = sarif?.runs?.[0]?.results;
  if (!Array.isArray(results)) throw new Error('Not Electronegativity SARIF: no runs[0].results');
  const out = { failing: [], accepted: [], below: [], stale: [] };
  const used = new Set();
  for (const result of results) {
    const { file, line } = resultLocation(result);
    const severity = result.properties?.severity;
    const finding = {
      ruleId: result.ruleId,
      severity: rank(severity) >= 0 ? severity : 'UNKNOWN',
      confidence: result.properties?.confidence ?? null,
      manualReview: result.properties?.manualReview === true,
      file,
      line,
      message: result.message?.text ?? '',
    };
    if (rank(severity) < 0) {
      out.failing.push({ ...finding, reason: 'no severity recorded' });
      continue;
    }
    if (rank(severity) < rank(threshold)) {
      out.below.push(finding);
      continue;
    }
    // Only a finding that asks for a review can be accepted; a misconfiguration is fixed.
    const acceptance = finding.manualReview
      ? accepted.find((a) => a.ruleId === finding.ruleId && a.file === finding.file)
      : undefined;
    if (acceptance) {
      used.add(acceptance);
      result.suppressions = [
        { kind: 'external', status: 'accepted', justification: acceptance.justification },
      ];
      out.accepted.push({ ...finding, justification: acceptance.justification });
    } else {
      out.failing.push(finding);
    }
  }
  out.stale = accepted.filter((a) => !used.has(a));
  return out;
}
