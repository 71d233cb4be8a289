export interface Finding {
  ruleId: string;
  severity: string;
  confidence: string | null;
  manualReview: boolean;
  file: string | null;
  line: number | null;
  message: string;
  reason?: string;
  justification?: string;
}
export interface Acceptance {
  ruleId: string;
  file: string;
  justification: string;
  coveredBy?: string;
}
export interface Issue {
  id: string;
  severity?: { name: string };
  confidence?: { name: string };
  manualReview?: boolean;
}
// biome-ignore lint/suspicious/noExplicitAny: SARIF is a large JSON format, read loosely.
type Sarif = any;
export declare const SEVERITIES: readonly string[];
export declare const THRESHOLD: string;
export declare const ESCALATED: Record<string, string>;
export declare function resultLocation(result: Sarif): { file: string | null; line: number | null };
export declare function annotateSarif(sarif: Sarif, issues: Issue[]): Sarif;
export declare function evaluateSarif(
  sarif: Sarif,
  accepted?: Acceptance[],
  threshold?: string,
): { failing: Finding[]; accepted: Finding[]; below: Finding[]; stale: Acceptance[] };
