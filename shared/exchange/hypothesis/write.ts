import { quoteText } from '../../annotations.ts';
import type { Annotation, NotebookDocument } from '../../model.ts';
import { quotePage } from '../../pdf/page-ranges.ts';
import { marginaliaUrn, webAddress } from './address.ts';

/**
 * One Marginalia highlight as an annotation of the Hypothesis client's JSON export
 * (`{ export_date, export_userid, client_version, annotations }`, hypothesis/client
 * src/sidebar/services/annotations-exporter; each annotation as the h API returns it, see
 * docs/_extra/api-reference/schemas/annotation.yaml in hypothesis/h).
 *
 * - `uri` and the target's `source` are the document's web address; a document without one
 *   (a file, a PDF, pasted text) is named `urn:x-marginalia:<document id>`, which Marginalia
 *   reads back to the same document and Hypothesis keeps as an address of its own.
 * - Selectors: a TextPositionSelector, counted in UTF-16 units of *Marginalia's* text of the
 *   document (its normalised article text, not the page's `textContent`: for Hypothesis only a
 *   hint, which its anchoring checks against the quote before trusting), then the
 *   TextQuoteSelector, which is what places it; on a PDF also a PageSelector. An orphan (its
 *   text not found since the document changed) has only its quote.
 * - `user` is `acct:marginalia@localhost` shown as "Marginalia": the client's Import lists a
 *   file's annotations by user and imports one user's; Marginalia has no accounts. The
 *   annotation is private to that user (`permissions`) in the public group (`__world__`), and
 *   Hypothesis gives it the importing user and group anyway.
 * - An area highlight (a region of a PDF page, no text) is written as a page note: a target
 *   without a selector, the text "Area on p. 12" then its comment.
 * - Colours have no place in the format and are left out; notes are not written (Hypothesis
 *   page notes belong to one page, Marginalia's notes to the notebook).
 */
export const HYPOTHESIS_USER = 'acct:marginalia@localhost';
export const HYPOTHESIS_CLIENT_VERSION = 'Marginalia';

type Selector =
  | { type: 'TextPositionSelector'; start: number; end: number }
  | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
  | { type: 'PageSelector'; index: number; label: string };

export interface HypothesisAnnotationOut {
  id: string;
  created: string;
  updated: string;
  user: string;
  uri: string;
  text: string;
  tags: string[];
  group: string;
  permissions: { read: string[]; update: string[]; delete: string[] };
  target: { source: string; selector?: Selector[] }[];
  document: { title: string[] };
  links: Record<string, never>;
  hidden: boolean;
  flagged: boolean;
  user_info: { display_name: string };
}

/** The address a document goes by in the file. */
export function documentAddress(doc: Pick<NotebookDocument, 'id' | 'url'>): string {
  return webAddress(doc.url) ?? marginaliaUrn(doc.id);
}

/** `tagNames` are the highlight's tags' names, in the order to write them. */
export function hypothesisAnnotation(
  annotation: Annotation,
  doc: NotebookDocument,
  tagNames: readonly string[],
): HypothesisAnnotationOut {
  const uri = documentAddress(doc);
  const { target } = annotation;
  const selector: Selector[] = [];
  let text = annotation.comment;
  if ('area' in target) {
    const where = quoteText(annotation, doc);
    text = text.trim() ? `${where}\n\n${text}` : where;
  } else {
    const { position, quote } = target;
    if (
      !annotation.orphan &&
      position.end <= doc.text.length &&
      doc.text.slice(position.start, position.end) === quote.exact
    ) {
      selector.push({ type: 'TextPositionSelector', start: position.start, end: position.end });
    }
    selector.push({
      type: 'TextQuoteSelector',
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
    });
    const page = quotePage(annotation, doc);
    if (page) selector.push({ type: 'PageSelector', index: page.page, label: page.label });
  }
  return {
    id: annotation.id,
    created: annotation.createdAt,
    updated: annotation.updatedAt,
    user: HYPOTHESIS_USER,
    uri,
    text,
    tags: [...tagNames],
    group: '__world__',
    permissions: { read: [HYPOTHESIS_USER], update: [HYPOTHESIS_USER], delete: [HYPOTHESIS_USER] },
    target: [selector.length > 0 ? { source: uri, selector } : { source: uri }],
    document: { title: [doc.title] },
    links: {},
    hidden: false,
    flagged: false,
    user_info: { display_name: 'Marginalia' },
  };
}
