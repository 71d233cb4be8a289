import type { HighlightColor } from '../colors.ts';
import type { Annotation, NotebookDocument, Tag } from '../model.ts';
import { quotePage } from '../pdf/page-ranges.ts';
import { codePointOffsets } from './code-points.ts';
import type { Exporter, ExportSelection, ResolvedScope } from './types.ts';

/**
 * The quotes as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/) JSON-LD
 * AnnotationCollection, for other annotation tools: one embedded AnnotationPage holds every
 * quote, each a `highlighting` Annotation whose bodies are its comment (`commenting`) and its
 * tags (`tagging`), and whose target selects the quote in the document's text by quote and by
 * position.
 *
 * Only terms of the W3C context are used, so expanding the file as JSON-LD drops nothing.
 *
 * Decisions:
 * - Documents are named `urn:marginalia:document:<id>` and that is the target's `source`: the
 *   selectors describe Marginalia's canonical text of the document (its positions count into
 *   that text), not the web page it may have been imported from.
 * - A document's http(s) `url` is the target's `scope`, which the model defines as the resource
 *   that provides the context in which the Specific Resource was seen (its example: an image
 *   seen on a web page). A consumer can find the page, yet nothing claims the positions hold
 *   for its HTML.
 * - Positions are converted from the stored UTF-16 code units to the code points the model's
 *   TextPositionSelector counts.
 * - An orphan quote (its text was not found again after the document changed) keeps its stored
 *   TextQuoteSelector, which still says what was quoted, but has no TextPositionSelector: its
 *   stored position is stale. The same goes for any position that does not select the quote.
 * - The highlight colour is kept the way the model provides (section 4.4, Styles): an embedded
 *   CssStylesheet on the annotation defining one class, named by the target's `styleClass`.
 */
export const webAnnotationExport: Exporter = function* (selection, _options, progress) {
  const total = selection.annotations.length;
  const collection = collectionObject(selection);
  if (total === 0) {
    yield `${JSON.stringify(collection, null, 2)}\n`;
    progress?.(0, 0);
    return;
  }

  // The head and tail come from the collection with a marker for its one list of items; the
  // items are the last key of the page, which is the last key of the collection, so the last
  // occurrence of the marker is it, whatever the label holds.
  const marker = '\u0000items\u0000';
  collection.first.items = [marker];
  const whole = JSON.stringify(collection, null, 2);
  const at = whole.lastIndexOf(JSON.stringify(marker));
  const head = whole.slice(0, at);
  const tail = whole.slice(at + JSON.stringify(marker).length);
  const indent = head.slice(head.lastIndexOf('\n') + 1);

  const documentsById = new Map(selection.documents.map((d) => [d.id, d]));
  // Tags in codebook order (by name), as the other exports list them.
  const codebook = new Map(selection.tags.map((tag, rank) => [tag.id, { tag, rank }]));
  const converters = new Map<string, (offset: number) => number>();
  const toCodePoints = (doc: NotebookDocument) => {
    let convert = converters.get(doc.id);
    if (!convert) {
      convert = codePointOffsets(doc.text);
      converters.set(doc.id, convert);
    }
    return convert;
  };

  yield head;
  let done = 0;
  for (const annotation of selection.annotations) {
    const doc = documentsById.get(annotation.documentId);
    const item = annotationObject(annotation, doc, codebook, doc && toCodePoints(doc));
    // JSON never holds a raw line break inside a string, so re-indenting by lines is safe.
    const json = JSON.stringify(item, null, 2).replaceAll('\n', `\n${indent}`);
    yield done === 0 ? json : `,\n${indent}${json}`;
    done++;
    progress?.(done, total);
  }
  yield `${tail}\n`;
};

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

const URN = 'urn:marginalia:';

/** The IRI of a document's text in Marginalia. */
export function documentIri(documentId: string): string {
  return `${URN}document:${encodeURIComponent(documentId)}`;
}

export function annotationIri(annotationId: string): string {
  return `${URN}annotation:${encodeURIComponent(annotationId)}`;
}

/** The same scope always gets the same collection IRI (a search by its query). */
export function collectionIri(scope: ResolvedScope): string {
  switch (scope.kind) {
    case 'notebook':
      return `${URN}collection:notebook`;
    case 'document':
      return `${URN}collection:document:${encodeURIComponent(scope.documentId)}`;
    case 'tag':
      return `${URN}collection:tag:${encodeURIComponent(scope.tagId)}`;
    case 'search':
      return `${URN}collection:search:${encodeURIComponent(scope.query)}`;
    case 'collection':
      return `${URN}collection:collection:${encodeURIComponent(scope.collectionId)}`;
    case 'documents':
      return `${URN}collection:documents:${scope.documentIds.map(encodeURIComponent).join(',')}`;
  }
}

/**
 * Highlight backgrounds as the reader paints them in the light theme (`--hl-*` in
 * renderer/src/styles/base.css), for the stylesheet each annotation carries.
 */
const HIGHLIGHT_CSS: Record<HighlightColor, string> = {
  yellow: 'rgba(255, 208, 0, 0.42)',
  green: 'rgba(52, 190, 90, 0.3)',
  blue: 'rgba(56, 146, 240, 0.28)',
  pink: 'rgba(240, 82, 140, 0.27)',
  purple: 'rgba(140, 100, 250, 0.28)',
  orange: 'rgba(255, 140, 30, 0.34)',
};

const styleClass = (color: HighlightColor) => `marginalia-${color}`;

interface CollectionObject {
  '@context': string;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: string;
  generator: { id: string; type: 'Software'; name: string };
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: unknown[] };
}

function collectionObject(selection: ExportSelection): CollectionObject {
  const id = collectionIri(selection.scope);
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: selection.label,
    total: selection.annotations.length,
    generated: selection.generatedAt,
    generator: { id: `${URN}app`, type: 'Software', name: 'Marginalia' },
    // Every quote on one page: the file is read whole, there is no server to page through.
    first: { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0, items: [] },
  };
}

type TextualBody =
  | { type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' }
  | { type: 'TextualBody'; value: string; purpose: 'tagging' };

type Selector =
  | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
  | { type: 'TextPositionSelector'; start: number; end: number }
  | { type: 'FragmentSelector'; conformsTo: string; value: string };

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting';
  created: string;
  modified: string;
  body?: TextualBody[];
  target: {
    type: 'SpecificResource';
    source: string;
    scope?: string;
    styleClass: string;
    selector: Selector[];
  };
  stylesheet: { type: 'CssStylesheet'; value: string };
}

/**
 * One quote as a Web Annotation. `codebook` gives each tag by id with its place in the codebook
 * (tags are listed in that order); `toCodePoints` converts offsets into the document's text.
 */
function annotationObject(
  annotation: Annotation,
  doc: NotebookDocument | undefined,
  codebook: ReadonlyMap<string, { tag: Tag; rank: number }>,
  toCodePoints: ((offset: number) => number) | undefined,
): WebAnnotation {
  const body: TextualBody[] = [];
  if (annotation.comment.trim() !== '') {
    body.push({
      type: 'TextualBody',
      value: annotation.comment,
      format: 'text/plain',
      purpose: 'commenting',
    });
  }
  const tags = annotation.tagIds
    .map((id) => codebook.get(id))
    .filter((t) => t !== undefined)
    .sort((a, b) => a.rank - b.rank);
  for (const { tag } of tags) {
    body.push({ type: 'TextualBody', value: tag.name, purpose: 'tagging' });
  }

  const { target } = annotation;
  const selector: Selector[] = [];
  if ('area' in target) {
    // An area: the page and the rectangle (RFC 8118's viewrect, in PDF points from the top left).
    const [x1, y1, x2, y2] = target.area.rect;
    const height = doc?.pdf?.pageSizes[target.area.page]?.[1] ?? y2;
    const r = (n: number) => Math.round(n);
    selector.push({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc8118',
      value: `page=${target.area.page + 1}&viewrect=${r(x1)},${r(height - y2)},${r(x2 - x1)},${r(y2 - y1)}`,
    });
  }
  const { quote, position } = 'area' in target ? { quote: null, position: null } : target;
  if (quote) {
    selector.push({
      type: 'TextQuoteSelector',
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
    });
  }
  if (
    quote &&
    position &&
    !annotation.orphan &&
    doc &&
    toCodePoints &&
    position.end <= doc.text.length &&
    doc.text.slice(position.start, position.end) === quote.exact
  ) {
    selector.push({
      type: 'TextPositionSelector',
      start: toCodePoints(position.start),
      end: toCodePoints(position.end),
    });
  }
  // A PDF's page beside the text selectors: RFC 8118's fragment, pages counted from 1.
  const page = quotePage(annotation, doc);
  if (page && !('area' in target)) {
    selector.push({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc8118',
      value: `page=${page.page + 1}`,
    });
  }

  const scope = doc ? webUrl(doc.url) : undefined;
  const color = styleClass(annotation.color);
  return {
    id: annotationIri(annotation.id),
    type: 'Annotation',
    motivation: 'highlighting',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    ...(body.length > 0 ? { body } : {}),
    target: {
      type: 'SpecificResource',
      source: documentIri(annotation.documentId),
      ...(scope ? { scope } : {}),
      styleClass: color,
      selector,
    },
    stylesheet: {
      type: 'CssStylesheet',
      value: `.${color} { background-color: ${HIGHLIGHT_CSS[annotation.color]}; }`,
    },
  };
}

/** The document's address when it is a web page (an absolute http(s) IRI), else undefined. */
function webUrl(url: string): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
