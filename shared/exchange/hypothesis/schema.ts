import { z } from 'zod';
import { NotebookError } from '../../result.ts';

/**
 * The two shapes Hypothesis hands annotations out in, read leniently: real files vary (older
 * servers, other clients, hand-made exports), so every field may be missing or odd and is then
 * taken as absent, never a reason to refuse the file. Only a file that is neither shape is
 * refused.
 *
 * - The client's export (Share › Export, JSON): `{ export_date, export_userid, client_version,
 *   annotations: [...] }` (hypothesis/client, src/sidebar/services/annotations-exporter).
 * - API search results (`GET /api/search`): `{ total, rows: [...] }`, with replies in `replies`
 *   when `_separate_replies` was asked for (hypothesis/client, src/types/api.ts SearchResponse).
 *
 * Each annotation is the API's (h, docs/_extra/api-reference/schemas/annotation.yaml): `uri`,
 * `text` (Markdown), `tags`, `created`/`updated`, `document.title` (a list of strings; some
 * clients write one string), `target: [{ source, selector: [...] }]` with RangeSelector,
 * TextPositionSelector (UTF-16 units of the page's `textContent`), TextQuoteSelector and, on
 * PDFs and EPUBs, PageSelector / EPUBContentSelector. A page note has a target without a
 * selector (or none at all); a reply has a non-empty `references` list.
 */

const optionalString = z.string().optional().catch(undefined);

export const textQuoteSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string().optional().catch(undefined),
  suffix: z.string().optional().catch(undefined),
});
export type HypothesisQuote = z.infer<typeof textQuoteSchema>;

export const textPositionSchema = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type HypothesisPosition = z.infer<typeof textPositionSchema>;

const selectorSchema = z.looseObject({ type: z.string() });

const targetSchema = z.looseObject({
  source: optionalString,
  selector: z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((list) => (list ?? []).flatMap((s) => selectorSchema.safeParse(s).data ?? [])),
});

/** `document.link` is a list of `{ href }` in the client's metadata (a string from some tools). */
const linkSchema = z
  .unknown()
  .optional()
  .transform((value): string[] => {
    const list = Array.isArray(value) ? value : [value];
    return list.flatMap((item) => {
      if (typeof item === 'string') return [item];
      if (item && typeof item === 'object' && typeof (item as { href?: unknown }).href === 'string')
        return [(item as { href: string }).href];
      return [];
    });
  });

const documentSchema = z.looseObject({
  title: z
    .unknown()
    .optional()
    .transform((value): string => {
      const list = Array.isArray(value) ? value : [value];
      const first = list.find((t): t is string => typeof t === 'string' && t.trim() !== '');
      return first?.replace(/\s+/g, ' ').trim() ?? '';
    }),
  link: linkSchema,
});

export const hypothesisAnnotationSchema = z.looseObject({
  id: optionalString,
  created: optionalString,
  updated: optionalString,
  user: optionalString,
  uri: optionalString,
  text: z.string().nullable().optional().catch(undefined),
  tags: z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((list) => (list ?? []).filter((t): t is string => typeof t === 'string')),
  references: z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((list) => (list ?? []).filter((t): t is string => typeof t === 'string')),
  document: documentSchema.optional().catch(undefined),
  // The API lists targets; the W3C model allows one object.
  target: z
    .unknown()
    .optional()
    .transform((value) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap(
        (t) => targetSchema.safeParse(t).data ?? [],
      ),
    ),
});
export type HypothesisAnnotation = z.infer<typeof hypothesisAnnotationSchema>;

export interface HypothesisFile {
  kind: 'export' | 'search';
  /** "Hypothesis client 1.1530.0", or what another writer called itself; null when unsaid. */
  producer: string | null;
  /** The annotations (search results' separate replies after the rows). */
  annotations: HypothesisAnnotation[];
  /** Entries of the list that are not annotations at all (not objects). */
  skipped: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function producerOf(version: unknown): string | null {
  if (typeof version !== 'string' || version.trim() === '') return null;
  const v = version.trim();
  // The client writes its bare version number ("1.1530.0").
  return /^\d/.test(v) ? `Hypothesis client ${v}` : v;
}

/** Read a parsed JSON value as one of the two shapes, or refuse it saying why. */
export function parseHypothesisFile(json: unknown): HypothesisFile {
  if (!isObject(json)) {
    throw new NotebookError(
      'invalid-input',
      Array.isArray(json)
        ? 'This is not a Hypothesis file: it is a bare list. Expected the Hypothesis export ({"annotations": [...]}) or API search results ({"rows": [...]}).'
        : 'This is not a Hypothesis file: expected a JSON object with "annotations" (the Hypothesis export) or "rows" (API search results).',
    );
  }
  let kind: HypothesisFile['kind'];
  let entries: unknown[];
  if (Array.isArray(json.annotations)) {
    kind = 'export';
    entries = json.annotations;
  } else if (Array.isArray(json.rows)) {
    kind = 'search';
    entries = [...json.rows, ...(Array.isArray(json.replies) ? json.replies : [])];
  } else {
    const has =
      'annotations' in json
        ? 'its "annotations" is not a list'
        : 'rows' in json
          ? 'its "rows" is not a list'
          : 'it has neither "annotations" (the Hypothesis export) nor "rows" (API search results)';
    throw new NotebookError('invalid-input', `This is not a Hypothesis file: ${has}.`);
  }
  const annotations: HypothesisAnnotation[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const parsed = isObject(entry) ? hypothesisAnnotationSchema.safeParse(entry) : null;
    if (parsed?.success) annotations.push(parsed.data);
    else skipped++;
  }
  return {
    kind,
    producer: kind === 'export' ? producerOf(json.client_version) : null,
    annotations,
    skipped,
  };
}

/** The annotation's TextQuoteSelector with words in it, if it has one. */
export function quoteSelectorOf(a: HypothesisAnnotation): HypothesisQuote | null {
  for (const target of a.target) {
    for (const selector of target.selector) {
      const quote = textQuoteSchema.safeParse(selector).data;
      if (quote && quote.exact.trim() !== '') return quote;
    }
  }
  return null;
}

/** Its TextPositionSelector (counted in the page's `textContent`), if it has one. */
export function positionSelectorOf(a: HypothesisAnnotation): HypothesisPosition | null {
  for (const target of a.target) {
    for (const selector of target.selector) {
      const position = textPositionSchema.safeParse(selector).data;
      if (position && position.end >= position.start) return position;
    }
  }
  return null;
}

/** Every address the annotation gives for its page: `uri`, targets' sources, document links. */
export function addressesOf(a: HypothesisAnnotation): string[] {
  const all = [a.uri, ...a.target.map((t) => t.source), ...(a.document?.link ?? [])];
  return [...new Set(all.filter((s): s is string => typeof s === 'string' && s.trim() !== ''))];
}
