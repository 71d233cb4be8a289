import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { codePointOffsets, utf16Offsets } from '../../shared/export/code-points.ts';
import { selectForExport } from '../../shared/export/selection.ts';
import type { ExportSelection, ResolvedScope } from '../../shared/export/types.ts';
import { DEFAULT_EXPORT_OPTIONS } from '../../shared/export/types.ts';
import { ANNO_CONTEXT, webAnnotationExport } from '../../shared/export/web-annotation.ts';
import type { StoreData } from '../../shared/model.ts';
import { exportFixture, GENERATED_AT } from '../fixtures/export/notebook.ts';
import { expectGolden } from './golden.ts';

const contextDocument = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'export', 'w3c-anno.jsonld'), 'utf8'),
) as { '@context': Record<string, unknown> };
const contextTerms = contextDocument['@context'];

/** jsonld.js never goes to the network: the W3C context comes from the fixture, nothing else. */
const documentLoader = async (url: string) => {
  if (url === ANNO_CONTEXT)
    return { contextUrl: undefined, documentUrl: url, document: contextDocument };
  throw new Error(`Offline test: refusing to load ${url}`);
};
// `safe` (fail on anything expansion would drop or cannot map to an IRI) is in jsonld.js 6+,
// not yet in @types/jsonld.
const jsonldOptions = { documentLoader, safe: true } as jsonld.Options.Expand;
const unsafeOptions = { documentLoader } as jsonld.Options.Expand;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function pieces(selection: ExportSelection, progress?: (done: number, total: number) => void) {
  return [...webAnnotationExport(selection, DEFAULT_EXPORT_OPTIONS, progress)];
}

function exportOf(data: StoreData, scope: ResolvedScope = { kind: 'notebook' }) {
  const selection = selectForExport(data, scope, GENERATED_AT);
  const text = pieces(selection).join('');
  return { selection, text, json: JSON.parse(text) as JsonObject };
}

function items(collection: JsonObject): JsonObject[] {
  return (collection.first as JsonObject).items as JsonObject[];
}

function selectorsOf(annotation: JsonObject): JsonObject[] {
  return (annotation.target as JsonObject).selector as JsonObject[];
}

// --- The W3C model's rules for the fields this export uses --------------------------------

const MOTIVATIONS = new Set([
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
]);

/** An absolute IRI: a scheme, then no characters an IRI may not hold. */
const isIri = (value: unknown): boolean =>
  typeof value === 'string' &&
  /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(value) &&
  URL.canParse(value);

/** xsd:dateTime with a timezone, as the model asks of created, modified and generated. */
const isDateTime = (value: unknown): boolean =>
  typeof value === 'string' &&
  /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
  !Number.isNaN(Date.parse(value));

const isOffset = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

const asArray = (value: Json | undefined): Json[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every breach of the model's rules in an AnnotationCollection, as readable lines. */
function modelErrors(collection: JsonObject): string[] {
  const errors: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) errors.push(message);
  };
  check(collection['@context'] === ANNO_CONTEXT, 'collection: @context is not the W3C context');
  check(isIri(collection.id), 'collection: id is not an IRI');
  check(collection.type === 'AnnotationCollection', 'collection: type');
  check(typeof collection.label === 'string', 'collection: label is not a string');
  check(collection.generated === undefined || isDateTime(collection.generated), 'generated');
  const page = collection.first as JsonObject | undefined;
  if (!page || typeof page !== 'object') {
    errors.push('collection: no embedded first page');
    return errors;
  }
  check(isIri(page.id), 'page: id is not an IRI');
  check(page.type === 'AnnotationPage', 'page: type');
  check(page.startIndex === 0, 'page: startIndex is not 0');
  const list = Array.isArray(page.items) ? (page.items as JsonObject[]) : [];
  check(Array.isArray(page.items), 'page: items is not a list');
  check(collection.total === list.length, 'collection: total is not the number of items');

  list.forEach((a, i) => {
    const at = `annotation ${i} (${String(a.id)})`;
    check(isIri(a.id), `${at}: id is not an absolute IRI`);
    check(a.type === 'Annotation', `${at}: type is not Annotation`);
    check(
      asArray(a.motivation).every((m) => typeof m === 'string' && MOTIVATIONS.has(m)),
      `${at}: motivation not in the model's list`,
    );
    check(isDateTime(a.created), `${at}: created is not an xsd:dateTime with timezone`);
    check(isDateTime(a.modified), `${at}: modified is not an xsd:dateTime with timezone`);
    for (const body of asArray(a.body) as JsonObject[]) {
      if (body.type !== 'TextualBody') continue;
      check(typeof body.value === 'string', `${at}: TextualBody without a value`);
      check(
        typeof body.purpose === 'string' && MOTIVATIONS.has(body.purpose),
        `${at}: TextualBody purpose not in the model's list`,
      );
      check(body.format === undefined || typeof body.format === 'string', `${at}: format`);
    }
    const targets = asArray(a.target) as JsonObject[];
    check(targets.length === 1, `${at}: not exactly one target`);
    const target = targets[0];
    if (!target || typeof target !== 'object') return;
    check(isIri(target.source), `${at}: target source is not an IRI`);
    check(target.scope === undefined || isIri(target.scope), `${at}: scope is not an IRI`);
    if (target.styleClass !== undefined) {
      // Model 4.4: a styleClass names a class of the annotation's stylesheet.
      const sheet = a.stylesheet as JsonObject | undefined;
      check(!!sheet, `${at}: styleClass without a stylesheet`);
      check(
        typeof sheet?.value === 'string' &&
          sheet.value.includes(`.${String(target.styleClass)} `) &&
          sheet.type === 'CssStylesheet',
        `${at}: embedded stylesheet without the class or a value`,
      );
    }
    for (const selector of asArray(target.selector) as JsonObject[]) {
      if (selector.type === 'TextQuoteSelector') {
        check(typeof selector.exact === 'string' && selector.exact !== '', `${at}: exact is empty`);
        check(
          typeof selector.prefix === 'string' && typeof selector.suffix === 'string',
          `${at}: prefix or suffix is not a string`,
        );
      } else if (selector.type === 'TextPositionSelector') {
        check(
          isOffset(selector.start) && isOffset(selector.end) && selector.start <= selector.end,
          `${at}: position is not 0 <= start <= end`,
        );
      } else {
        errors.push(`${at}: unexpected selector ${String(selector.type)}`);
      }
    }
  });
  return errors;
}

// --- Nothing dropped when read as JSON-LD -------------------------------------------------

/** Keys (and class names) not defined by the W3C context: JSON-LD processors would drop them. */
function unknownTerms(value: Json, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownTerms(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key !== '@context' && !(key in contextTerms)) found.push(`${path}.${key}`);
    if (key === 'type' && !(typeof child === 'string' && child in contextTerms)) {
      found.push(`${path}.type = ${JSON.stringify(child)}`);
    }
    if (key !== '@context') found.push(...unknownTerms(child, `${path}.${key}`));
  }
  return found;
}

/** Single-element arrays as their element: the one normalisation compaction applies here. */
function normalise(value: Json): Json {
  if (Array.isArray(value)) {
    const list = value.map(normalise);
    return list.length === 1 ? list[0]! : list;
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
}

/** Expand (safe mode: throws on any dropped term) and compact back with the same context. */
async function roundTrip(doc: JsonObject): Promise<Json> {
  const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument, jsonldOptions);
  return (await jsonld.compact(
    expanded,
    ANNO_CONTEXT as unknown as jsonld.ContextDefinition,
    jsonldOptions,
  )) as Json;
}

// --- Tests ---------------------------------------------------------------------------------

describe('code points', () => {
  it('is the identity for text without surrogates, and converts around emoji', () => {
    const plain = codePointOffsets('Kabul «کابل» — no astral characters');
    expect([0, 5, 20].map(plain)).toEqual([0, 5, 20]);
    const text = 'a😀b🇦🇫c';
    const toCp = codePointOffsets(text);
    // a=0, 😀=1..2, b=3, 🇦=4..5, 🇫=6..7, c=8
    expect([0, 1, 3, 4, 6, 8, 9].map(toCp)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Inside a pair: the code point it belongs to.
    expect(toCp(2)).toBe(1);
    const toUtf16 = utf16Offsets(text);
    expect([0, 1, 2, 3, 4, 5, 6].map(toUtf16)).toEqual([0, 1, 3, 4, 6, 8, 9]);
  });

  it('counts a lone surrogate as one code point, as [...text] does', () => {
    const text = 'x\uD800y\uDC00z😀';
    const toCp = codePointOffsets(text);
    expect(toCp(text.length)).toBe([...text].length);
    expect(toCp(4)).toBe(4);
  });

  it('agrees with [...text] for any text and offset, and the inverse undoes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const toCp = codePointOffsets(text);
        const toUtf16 = utf16Offsets(text);
        for (let i = 0; i <= text.length; i++) {
          const code = text.charCodeAt(i);
          const splitsPair =
            code >= 0xdc00 && code <= 0xdfff && /[\uD800-\uDBFF]/.test(text[i - 1] ?? '');
          const whole = splitsPair ? i - 1 : i;
          expect(toCp(i)).toBe([...text.slice(0, whole)].length);
          if (!splitsPair) expect(toUtf16(toCp(i))).toBe(i);
        }
        const points = [...text];
        for (let k = 0; k <= points.length; k++) {
          expect(toUtf16(k)).toBe(points.slice(0, k).join('').length);
        }
      }),
    );
  });
});

describe('W3C Web Annotation export', () => {
  it('matches the golden file for the whole notebook', () => {
    expectGolden('notebook.jsonld', exportOf(exportFixture()).text);
  });

  it('streams a head, one piece per quote and a tail that together are pretty-printed JSON', () => {
    const selection = selectForExport(exportFixture(), { kind: 'notebook' }, GENERATED_AT);
    const parts = pieces(selection);
    expect(parts).toHaveLength(selection.annotations.length + 2);
    const text = parts.join('');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    // Each quote's piece holds that quote and no other.
    selection.annotations.forEach((a, i) => {
      expect(parts[i + 1]).toContain(`"urn:marginalia:annotation:${a.id}"`);
    });
  });

  it('reports progress up to done === total', () => {
    const selection = selectForExport(exportFixture(), { kind: 'notebook' }, GENERATED_AT);
    const calls: [number, number][] = [];
    pieces(selection, (done, total) => calls.push([done, total]));
    const total = selection.annotations.length;
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.map(([done]) => done)).toEqual(calls.map((_, i) => i + 1));

    const empty = selectForExport(
      exportFixture(),
      { kind: 'search', query: 'nothing', annotationIds: [], noteIds: [] },
      GENERATED_AT,
    );
    const emptyCalls: [number, number][] = [];
    const text = pieces(empty, (done, t) => emptyCalls.push([done, t])).join('');
    expect(emptyCalls.at(-1)).toEqual([0, 0]);
    const json = JSON.parse(text) as JsonObject;
    expect(text).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(json.total).toBe(0);
    expect(items(json)).toEqual([]);
    expect(modelErrors(json)).toEqual([]);
  });

  it('follows the Web Annotation model for every field it writes', () => {
    const { json, selection } = exportOf(exportFixture());
    expect(modelErrors(json)).toEqual([]);
    expect(json).toMatchObject({
      id: 'urn:marginalia:collection:notebook',
      label: 'Whole notebook',
      total: selection.annotations.length,
      generated: GENERATED_AT,
      generator: { id: 'urn:marginalia:app', type: 'Software', name: 'Marginalia' },
    });
  });

  it('has a validator that catches broken annotations', () => {
    const { json } = exportOf(exportFixture());
    const broken = structuredClone(json);
    const [first, second, third] = items(broken) as [JsonObject, JsonObject, JsonObject];
    first.id = 'not an iri';
    first.created = '2026-11-20T09:10:00';
    second.target = [second.target!, second.target!];
    const [quote, position] = selectorsOf(third) as [JsonObject, JsonObject];
    quote.exact = '';
    position.start = 10;
    position.end = 5;
    (third.body as JsonObject[])[0]!.purpose = 'shouting';
    broken.total = 99;
    expect(modelErrors(broken)).toEqual([
      'collection: total is not the number of items',
      'annotation 0 (not an iri): id is not an absolute IRI',
      'annotation 0 (not an iri): created is not an xsd:dateTime with timezone',
      'annotation 1 (urn:marginalia:annotation:q-fitrat): not exactly one target',
      "annotation 2 (urn:marginalia:annotation:q-trump-talks): TextualBody purpose not in the model's list",
      'annotation 2 (urn:marginalia:annotation:q-trump-talks): exact is empty',
      'annotation 2 (urn:marginalia:annotation:q-trump-talks): position is not 0 <= start <= end',
    ]);
  });

  it('uses only terms of the W3C context, so JSON-LD expansion drops nothing', async () => {
    const { json } = exportOf(exportFixture());
    expect(unknownTerms(json)).toEqual([]);
    const compacted = await roundTrip(json);
    expect(normalise(compacted)).toEqual(normalise(json));

    // The checks can fail: a key outside the vocabulary is caught by each of them.
    const bad = structuredClone(json);
    Object.assign(items(bad)[0]!, { foo: 1 });
    expect(unknownTerms(bad)).toEqual(['$.first.items[0].foo']);
    await expect(roundTrip(bad)).rejects.toMatchObject({
      details: { event: { code: 'invalid property', details: { property: 'foo' } } },
    });
    const expandedUnsafe = await jsonld.expand(bad as jsonld.JsonLdDocument, unsafeOptions);
    const back = (await jsonld.compact(
      expandedUnsafe,
      ANNO_CONTEXT as unknown as jsonld.ContextDefinition,
      unsafeOptions,
    )) as Json;
    expect(normalise(back)).not.toEqual(normalise(bad));
  });

  it('expands to the W3C vocabulary IRIs', async () => {
    const { json } = exportOf(exportFixture());
    const [collection] = (await jsonld.expand(
      json as jsonld.JsonLdDocument,
      jsonldOptions,
    )) as JsonObject[];
    const OA = 'http://www.w3.org/ns/oa#';
    const AS = 'http://www.w3.org/ns/activitystreams#';
    expect(collection!['@type']).toEqual([`${AS}OrderedCollection`]);
    const page = (collection![`${AS}first`] as JsonObject[])[0]!;
    const list = (page[`${AS}items`] as JsonObject[])[0]!['@list'] as JsonObject[];
    expect(list).toHaveLength(items(json).length);
    const first = list[0]!;
    expect(first['@type']).toEqual([`${OA}Annotation`]);
    expect(first[`${OA}motivatedBy`]).toEqual([{ '@id': `${OA}highlighting` }]);
    const purposes = (first[`${OA}hasBody`] as JsonObject[]).map((b) => b[`${OA}hasPurpose`]);
    expect(purposes).toEqual([
      [{ '@id': `${OA}commenting` }],
      [{ '@id': `${OA}tagging` }],
      [{ '@id': `${OA}tagging` }],
    ]);
    expect(first[`${OA}styledBy`]).toEqual([
      {
        '@type': [`${OA}CssStyle`],
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#value': [
          { '@value': '.marginalia-yellow { background-color: rgba(255, 208, 0, 0.42); }' },
        ],
      },
    ]);
  });

  it('gives positions in code points, as other W3C tools count them', () => {
    const { json, selection } = exportOf(exportFixture());
    const byIri = new Map(selection.documents.map((d) => [`urn:marginalia:document:${d.id}`, d]));
    let differ = 0;
    for (const [i, annotation] of items(json).entries()) {
      const doc = byIri.get((annotation.target as JsonObject).source as string)!;
      const [quote, position] = selectorsOf(annotation) as [JsonObject, JsonObject];
      const start = position.start as number;
      const end = position.end as number;
      expect([...doc.text].slice(start, end).join('')).toBe(quote.exact);
      const stored = selection.annotations[i]!.target.position!;
      if (stored.start !== start) differ++;
      expect(utf16Offsets(doc.text)(start)).toBe(stored.start);
      expect(utf16Offsets(doc.text)(end)).toBe(stored.end);
    }
    // The right-to-left and emoji quotes come after an emoji flag: their offsets must differ.
    expect(differ).toBeGreaterThanOrEqual(2);
  });

  it('names the web page a document came from as the scope, never as the source', () => {
    const { json } = exportOf(exportFixture());
    const targets = new Map(items(json).map((a) => [a.id, a.target as JsonObject]));
    expect(targets.get('urn:marginalia:annotation:q-dari')).toMatchObject({
      source: 'urn:marginalia:document:doc-field',
      scope: 'https://example.org/notes/kabul?a=1&b=2',
    });
    expect(targets.get('urn:marginalia:annotation:q-mujahid')).not.toHaveProperty('scope');

    const data = exportFixture();
    data.documents[1]!.url = 'file:///home/me/kabul.txt';
    const local = exportOf(data).json;
    expect(items(local).some((a) => 'scope' in (a.target as JsonObject))).toBe(false);
  });

  it('writes comments and tags as bodies, and none when there are neither', () => {
    const { json } = exportOf(exportFixture());
    const byId = new Map(items(json).map((a) => [a.id, a]));
    expect(byId.get('urn:marginalia:annotation:q-dari')!.body).toEqual([
      {
        type: 'TextualBody',
        value: 'Dari: «Kabul is beautiful»; right-to-left.',
        format: 'text/plain',
        purpose: 'commenting',
      },
      { type: 'TextualBody', value: 'actors/afghan', purpose: 'tagging' },
      { type: 'TextualBody', value: 'language/dari', purpose: 'tagging' },
    ]);
    expect(byId.get('urn:marginalia:annotation:q-emoji')).not.toHaveProperty('body');
    expect(byId.get('urn:marginalia:annotation:q-fitrat')).toMatchObject({
      created: '2026-11-20T09:12:00.000Z',
      modified: '2026-11-22T16:45:00.000Z',
    });
  });

  it('keeps an orphan quote by its quote selector only (its position is stale)', async () => {
    const data = exportFixture();
    const orphan = data.annotations.find((a) => a.id === 'q-emoji')!;
    orphan.orphan = true;
    orphan.target.position = { type: 'TextPositionSelector', start: 9000, end: 9050 };
    // Not flagged, but its position no longer selects its quote: no position either.
    const stale = data.annotations.find((a) => a.id === 'q-fitrat')!;
    stale.target.position = { ...stale.target.position!, start: stale.target.position!.start + 1 };
    const { json } = exportOf(data);
    const byId = new Map(items(json).map((a) => [a.id, a]));
    for (const id of ['q-emoji', 'q-fitrat']) {
      const selectors = selectorsOf(byId.get(`urn:marginalia:annotation:${id}`)!);
      expect(selectors.map((s) => s.type)).toEqual(['TextQuoteSelector']);
    }
    expect(selectorsOf(byId.get('urn:marginalia:annotation:q-emoji')!)[0]).toEqual({
      type: 'TextQuoteSelector',
      exact: orphan.target.quote!.exact,
      prefix: orphan.target.quote!.prefix,
      suffix: orphan.target.quote!.suffix,
    });
    expect(modelErrors(json)).toEqual([]);
    expect(normalise(await roundTrip(json))).toEqual(normalise(json));
  });

  it('names each scope with its own IRI, valid even for a search with spaces', async () => {
    const data = exportFixture();
    const cases: [ResolvedScope, string][] = [
      [
        { kind: 'document', documentId: 'doc-field' },
        'urn:marginalia:collection:document:doc-field',
      ],
      [{ kind: 'tag', tagId: 'tag-afghan' }, 'urn:marginalia:collection:tag:tag-afghan'],
      [
        { kind: 'search', query: 'bagram "air base" #x', annotationIds: ['q-fitrat'], noteIds: [] },
        'urn:marginalia:collection:search:bagram%20%22air%20base%22%20%23x',
      ],
    ];
    for (const [scope, id] of cases) {
      const { json } = exportOf(data, scope);
      expect(json.id).toBe(id);
      expect(modelErrors(json)).toEqual([]);
      expect(normalise(await roundTrip(json))).toEqual(normalise(json));
    }
  });
});
