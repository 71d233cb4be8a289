import type { Acceptance } from './sarif-gate.mjs';

export declare const ACCEPTED_FINDINGS: Acceptance[];
