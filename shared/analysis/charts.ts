/**
 * The four pictures of the coding the Analysis view draws. Apart from query.ts (the zod schemas)
 * because the page imports this: zod 4 probes `new Function` when it builds an object schema,
 * which the page's CSP forbids.
 */
export const CHARTS = ['matrix', 'cooccurrence', 'speakers', 'timeline'] as const;
export type ChartKind = (typeof CHARTS)[number];
