import { anchor } from '../../anchoring/anchor.ts';
import { describeRange } from '../../anchoring/describe.ts';
import { findTagNamed, parentPath } from '../../codebook.ts';
import { colorForIndex, DEFAULT_COLOR } from '../../colors.ts';
import { plural } from '../../format.ts';
import type {
  Annotation,
  AnnotationTarget,
  Note,
  NotebookDocument,
  Tag,
  TextQuoteSelector,
} from '../../model.ts';
import { idSchema, tagNameSchema } from '../../model.ts';
import { citedQuoteIds, quoteBlock } from '../../note-links.ts';
import { normalizeTagName } from '../../tags.ts';
import type { ExchangeRead, ExchangeUnplaced } from '../types.ts';
import { emptyExchangeContents } from '../types.ts';
import { addressKey, documentIdFromUrn, webAddress } from './address.ts';
import { derivedId, stableHash, tagIdFor } from './ids.ts';
import {
  addressesOf,
  type HypothesisAnnotation,
  type HypothesisPosition,
  type HypothesisQuote,
  parseHypothesisFile,
  positionSelectorOf,
  quoteSelectorOf,
} from './schema.ts';

/**
 * A Hypothesis export or API search result, read into Marginalia's records (see
 * `shared/exchange/types.ts`; the core merges them like a backup).
 *
 * - **Where.** An annotation's page is found by its addresses (`uri`, each target's `source`,
 *   `document.link`) against the notebook's documents' `url`, ignoring the scheme (http or
 *   https), a trailing slash and the `#fragment`; `documentFor` (address → document id, the
 *   user's choice) comes first. A file Marginalia wrote names documents without an address
 *   `urn:x-marginalia:<id>`, which finds that document.
 * - **Placing.** By the TextQuoteSelector, with the project's anchoring (`anchor`, then
 *   `describeRange` for Marginalia's own selectors). Hypothesis counts its TextPositionSelector
 *   in the page's `textContent`, not in Marginalia's normalised text, so it is only the hint
 *   that breaks ties. When the quote is not found as written, it is tried again with white space
 *   folded (a page's `textContent` keeps the HTML's line breaks and indentation), then, when the
 *   quoted words occur exactly once in the document, there (the page's context around them, menus
 *   and all, is often not in the article Marginalia kept).
 * - **Not placed.** A quote not found in its document becomes an orphan highlight of it (its
 *   quote kept, Re-attach offered as for any orphan) and is listed in `unplaced`. Annotations on
 *   a page the notebook does not hold do not come in; they are listed per address, to import the
 *   page first, or choose a document for the page in the preview.
 * - **Page notes** (no quote) become notes: the document's title as the title, the text as the
 *   body, on the document when it was found (else the address ends the body).
 * - **Replies** (`references`) become notes too: Marginalia keeps no threads, and a reply is the
 *   reader's own words. A reply to a highlight that came in cites it (a quote block linking to
 *   it), so the note opens on the passage it answers.
 * - **Ids.** From the Hypothesis id (`ann-hyp-<id>`, `note-hyp-<id>`), tags' from their names
 *   (`tag-hyp-<hash>`), so reading the same file again gives the same records. A file Marginalia
 *   wrote keeps its highlights' own ids, so a highlight sent out and read back is the same one.
 * - **Tags.** A name the notebook has (ignoring case) is that tag; a new path gets its missing
 *   parents. Colours, which Hypothesis does not have, are yellow.
 */
export interface HypothesisNotebook {
  documents: readonly NotebookDocument[];
  tags: readonly Tag[];
}

export interface HypothesisReadOptions {
  /** When the import happens: new tags' dates, a document's `updatedAt` when filled in. */
  now: string;
  /** Address (as the file writes it) → the document the user chose for it. */
  documentFor?: Readonly<Record<string, string>>;
}

/** One address of the file and what the notebook has for it (for a "choose a document" step). */
export interface HypothesisSource {
  /** The address as the file writes it (`uri`); the key for `documentFor`. */
  uri: string;
  /** The page's title, as the file gives it. */
  title: string;
  /** Highlights (annotations with a quote) on it. */
  highlights: number;
  /** Page notes and replies on it. */
  notes: number;
  /** The notebook document it goes to, or null. */
  documentId: string | null;
}

const PRODUCED_BY_MARGINALIA = /^Marginalia\b/;

/** The address an annotation is known by: its `uri`, else its first target's or link. */
const primaryAddress = (a: HypothesisAnnotation) => addressesOf(a)[0] ?? '';

function resolver(notebook: HypothesisNotebook, documentFor: Readonly<Record<string, string>>) {
  const byId = new Map(notebook.documents.map((d) => [d.id, d]));
  const byKey = new Map<string, NotebookDocument>();
  for (const doc of notebook.documents) {
    if (!doc.url.trim()) continue;
    const key = addressKey(doc.url);
    if (!byKey.has(key)) byKey.set(key, doc);
  }
  const chosenKeys = new Map<string, NotebookDocument>();
  for (const [address, id] of Object.entries(documentFor)) {
    const doc = byId.get(id);
    if (doc) chosenKeys.set(addressKey(address), doc);
  }
  return (a: HypothesisAnnotation): { doc: NotebookDocument; chosen: boolean } | null => {
    const addresses = addressesOf(a);
    for (const address of addresses) {
      const chosen = byId.get(documentFor[address] ?? '') ?? chosenKeys.get(addressKey(address));
      if (chosen) return { doc: chosen, chosen: true };
    }
    for (const address of addresses) {
      const id = documentIdFromUrn(address);
      const doc = id === null ? byKey.get(addressKey(address)) : byId.get(id);
      if (doc) return { doc, chosen: false };
    }
    return null;
  };
}

/** Every page the file annotates (its first address) with its counts and the document it goes to. */
export function hypothesisSources(
  json: unknown,
  notebook: HypothesisNotebook,
  documentFor: Readonly<Record<string, string>> = {},
): HypothesisSource[] {
  const file = parseHypothesisFile(json);
  const resolve = resolver(notebook, documentFor);
  const sources = new Map<string, HypothesisSource>();
  for (const a of file.annotations) {
    const uri = primaryAddress(a);
    // One row per page: http and https, a trailing slash or a #fragment are the same page.
    const key = addressKey(uri);
    let source = sources.get(key);
    if (!source) {
      source = {
        uri,
        title: a.document?.title ?? '',
        highlights: 0,
        notes: 0,
        documentId: resolve(a)?.doc.id ?? null,
      };
      sources.set(key, source);
    }
    if (!source.title && a.document?.title) source.title = a.document.title;
    if (a.references.length === 0 && quoteSelectorOf(a)) source.highlights++;
    else source.notes++;
  }
  return [...sources.values()];
}

/** An ISO date as the model stores it (`toISOString`), or `fallback` when unreadable. */
function isoDate(value: string | undefined, fallback: string): string {
  const time = value ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) return fallback;
  try {
    return new Date(time).toISOString();
  } catch {
    return fallback;
  }
}

const excerpt = (text: string, length = 60) => {
  const words = text.replace(/\s+/g, ' ').trim();
  return words.length > length ? `${words.slice(0, length - 1).trimEnd()}…` : words;
};

/**
 * A Hypothesis tag as a Marginalia tag path: `a/b` stays a path; a tag that is not a valid path
 * (`http://x`, `a//b`, a trailing `/`) keeps its slashes as `∕` and stays one tag; over 200
 * characters is cut. Blank tags are dropped.
 */
function tagPath(raw: string): string | null {
  const name = normalizeTagName(raw.normalize('NFC'));
  if (name === '') return null;
  const asPath = tagNameSchema.safeParse(name);
  const path = asPath.success ? asPath.data : normalizeTagName(name.replaceAll('/', '∕'));
  const cut = path.length > 200 ? path.slice(0, 200).trimEnd() : path;
  return tagNameSchema.safeParse(cut).success ? cut : null;
}

/** The notebook's tags plus the ones the file needs, created with their parents. */
function tagMaker(notebook: HypothesisNotebook, now: string) {
  const known: Tag[] = [...notebook.tags];
  const takenIds = new Set(notebook.tags.map((t) => t.id));
  const created: Tag[] = [];
  const ensure = (path: string): Tag => {
    const existing = findTagNamed(known, path);
    if (existing) return existing;
    const parentName = parentPath(path);
    const parent = parentName ? ensure(parentName) : null;
    // Spell the path under the existing parent as the parent is spelled.
    const name = parent ? `${parent.name}/${path.slice(path.lastIndexOf('/') + 1)}` : path;
    // A tag of the notebook may hold the derived id under another name (renamed since).
    const base = tagIdFor(name);
    let id = base;
    for (let n = 2; takenIds.has(id); n++) id = `${base}-${n}`;
    const tag: Tag = {
      id,
      name,
      color: parent?.color ?? colorForIndex(known.length),
      description: '',
      createdAt: now,
      updatedAt: now,
    };
    takenIds.add(id);
    known.push(tag);
    created.push(tag);
    return tag;
  };
  return {
    created,
    idsFor(names: readonly string[]): string[] {
      const ids: string[] = [];
      for (const raw of names) {
        const path = tagPath(raw);
        if (path) ids.push(ensure(path).id);
      }
      return [...new Set(ids)];
    },
  };
}

type Placement =
  | { status: 'placed'; target: AnnotationTarget }
  | { status: 'orphan'; target: AnnotationTarget; reason: string };

const foldSpace = (s: string) => s.replace(/\s+/g, ' ');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the quoted words stand if they occur exactly once, white space aside; else null. */
function uniqueOccurrence(text: string, exact: string): [number, number] | null {
  const words = exact.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'gu');
  const first = pattern.exec(text);
  if (!first) return null;
  if (pattern.exec(text)) return null;
  return [first.index, first.index + first[0].length];
}

function place(
  doc: NotebookDocument,
  selector: HypothesisQuote,
  hint: HypothesisPosition | null,
): Placement {
  const text = doc.text;
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: selector.exact.normalize('NFC'),
    prefix: (selector.prefix ?? '').normalize('NFC'),
    suffix: (selector.suffix ?? '').normalize('NFC'),
  };
  const clamp = (n: number) => Math.min(Math.max(0, n), text.length);
  const position = {
    type: 'TextPositionSelector' as const,
    start: clamp(hint?.start ?? 0),
    end: Math.max(clamp(hint?.start ?? 0), clamp(hint?.end ?? 0)),
  };
  const placedAt = (start: number, end: number): Placement => {
    const { position, quote } = describeRange(text, start, end);
    return { status: 'placed', target: { documentId: doc.id, position, quote } };
  };

  let result = anchor(text, { position, quote });
  if (result.status === 'orphan') {
    const folded = {
      type: 'TextQuoteSelector' as const,
      exact: foldSpace(quote.exact),
      prefix: foldSpace(quote.prefix),
      suffix: foldSpace(quote.suffix),
    };
    const again = anchor(text, { position, quote: folded });
    if (again.status === 'anchored') result = again;
  }
  if (result.status === 'anchored') return placedAt(result.start, result.end);
  const unique = uniqueOccurrence(text, quote.exact);
  if (unique) return placedAt(unique[0], unique[1]);
  return {
    status: 'orphan',
    target: { documentId: doc.id, position, quote },
    reason: result.reason,
  };
}

/** Read a Hypothesis export or API search result (parsed JSON) against the notebook. */
export function readHypothesis(
  json: unknown,
  notebook: HypothesisNotebook,
  options: HypothesisReadOptions,
): ExchangeRead {
  const { now } = options;
  const file = parseHypothesisFile(json);
  const fromMarginalia = PRODUCED_BY_MARGINALIA.test(file.producer ?? '');
  const resolve = resolver(notebook, options.documentFor ?? {});
  const tags = tagMaker(notebook, now);
  const contents = emptyExchangeContents();
  const unplaced: ExchangeUnplaced[] = [];
  const notCarried: string[] = [];
  const notes: string[] = [];

  // Ids: the file's own, else one made from the annotation's content (stable all the same).
  const seen = new Set<string>();
  let duplicates = 0;
  const entries: { a: HypothesisAnnotation; hid: string }[] = [];
  for (const a of file.annotations) {
    const hid = a.id?.trim() || `x${stableHash(JSON.stringify(a))}`;
    if (seen.has(hid)) {
      duplicates++;
      continue;
    }
    seen.add(hid);
    entries.push({ a, hid });
  }
  const annotationId = (hid: string) =>
    fromMarginalia && idSchema.safeParse(hid).success && /^[A-Za-z0-9_-]+$/.test(hid)
      ? hid
      : derivedId('ann-hyp', hid);

  const updatedDocuments = new Map<string, NotebookDocument>();
  const fillDetails = (doc: NotebookDocument, a: HypothesisAnnotation) => {
    const current = updatedDocuments.get(doc.id) ?? doc;
    const url = current.url.trim()
      ? current.url
      : (addressesOf(a)
          .map(webAddress)
          .find((u) => u !== null) ?? '');
    const title = current.title.trim() ? current.title : (a.document?.title ?? '').slice(0, 1000);
    if (url === current.url && title === current.title) return;
    updatedDocuments.set(doc.id, { ...current, url, title, updatedAt: now });
  };

  const unmatched = new Map<string, { title: string; count: number }>();
  const placedById = new Map<string, { annotation: Annotation; doc: NotebookDocument }>();
  const pageNotes: { a: HypothesisAnnotation; hid: string }[] = [];
  const replies: { a: HypothesisAnnotation; hid: string }[] = [];

  for (const { a, hid } of entries) {
    if (a.references.length > 0) {
      replies.push({ a, hid });
      continue;
    }
    const selector = quoteSelectorOf(a);
    if (!selector) {
      pageNotes.push({ a, hid });
      continue;
    }
    const found = resolve(a);
    if (!found) {
      const uri = primaryAddress(a) || 'an annotation without an address';
      const group = unmatched.get(uri) ?? { title: '', count: 0 };
      group.count++;
      group.title ||= a.document?.title ?? '';
      unmatched.set(uri, group);
      continue;
    }
    const { doc } = found;
    if (found.chosen) fillDetails(doc, a);
    const placement = place(doc, selector, positionSelectorOf(a));
    const createdAt = isoDate(a.created, now);
    const annotation: Annotation = {
      id: annotationId(hid),
      documentId: doc.id,
      target: placement.target,
      color: DEFAULT_COLOR,
      tagIds: tags.idsFor(a.tags),
      comment: (a.text ?? '').slice(0, 100_000),
      createdAt,
      updatedAt: isoDate(a.updated, createdAt),
    };
    if (placement.status === 'orphan') {
      annotation.orphan = true;
      unplaced.push({
        what: `Highlight “${excerpt(placement.target.quote.exact)}” in ${doc.title || 'an untitled document'}`,
        reason: `${placement.reason} It came in as an unplaced highlight of the document: re-attach it there.`,
      });
    }
    contents.annotations.push(annotation);
    placedById.set(hid, { annotation, doc });
  }

  for (const [uri, { title, count }] of unmatched) {
    unplaced.push({
      what: `${plural(count, 'highlight', 'highlights', 'en')} on ${title ? `“${title}” (${uri})` : uri}`,
      reason:
        'No document in the notebook has this address: choose one for the page, or import the page first.',
    });
  }

  // Page notes and replies: notes on the document when it was found.
  const noteFrom = (
    a: HypothesisAnnotation,
    hid: string,
    title: string,
    lead: string,
  ): Note | null => {
    const text = (a.text ?? '').trim();
    const tagIds = tags.idsFor(a.tags);
    if (!text && tagIds.length === 0 && !lead) return null;
    const found = resolve(a);
    if (found?.chosen) fillDetails(found.doc, a);
    const uri = primaryAddress(a);
    const where = !found && uri ? `\n\n<${uri}>` : '';
    const body = `${lead}${text}${where}`.slice(0, 1_000_000);
    const createdAt = isoDate(a.created, now);
    return {
      id: derivedId('note-hyp', hid),
      title: title.slice(0, 1000),
      body,
      tagIds,
      annotationIds: citedQuoteIds(body),
      documentId: found?.doc.id ?? null,
      createdAt,
      updatedAt: isoDate(a.updated, createdAt),
    };
  };
  const pageTitle = (a: HypothesisAnnotation) =>
    resolve(a)?.doc.title || a.document?.title || primaryAddress(a) || 'Hypothesis page note';

  let emptyNotes = 0;
  for (const { a, hid } of pageNotes) {
    const note = noteFrom(a, hid, pageTitle(a), '');
    if (note) contents.notes.push(note);
    else emptyNotes++;
  }
  let replyNotes = 0;
  let emptyReplies = 0;
  for (const { a, hid } of replies) {
    // The annotation it answers directly is the last reference; cite it when it came in.
    const parent = [...a.references]
      .reverse()
      .map((r) => placedById.get(r))
      .find(Boolean);
    const title = parent
      ? `Reply: ${excerpt(parent.annotation.target.quote?.exact ?? '', 50)}`
      : `Reply on ${pageTitle(a)}`;
    const lead = parent ? `${quoteBlock(parent.annotation, parent.doc)}\n` : '';
    const note = (a.text ?? '').trim() ? noteFrom(a, hid, title, lead) : null;
    if (note) {
      contents.notes.push(note);
      replyNotes++;
    } else emptyReplies++;
  }

  contents.tags.push(...tags.created);
  contents.documents.push(...updatedDocuments.values());

  if (emptyNotes > 0) notCarried.push(plural(emptyNotes, 'empty page note', undefined, 'en'));
  if (emptyReplies > 0) notCarried.push(plural(emptyReplies, 'empty reply', 'empty replies', 'en'));
  if (file.skipped > 0)
    notCarried.push(
      plural(
        file.skipped,
        'entry that is not an annotation',
        'entries that are not annotations',
        'en',
      ),
    );
  if (entries.length > 0) notCarried.push('authors, groups and sharing settings');
  if (duplicates > 0)
    notes.push(
      `${plural(duplicates, 'annotation', undefined, 'en')} appeared twice in the file and came in once.`,
    );
  if (replyNotes > 0)
    notes.push(
      `${plural(replyNotes, 'reply', 'replies', 'en')} came in as ${replyNotes === 1 ? 'a note' : 'notes'} (Marginalia keeps no threads); a reply to a highlight that came in cites it.`,
    );
  if (contents.annotations.length > 0 && !fromMarginalia)
    notes.push(
      'Highlights were placed by their quoted text; Hypothesis counts positions in the web page, which served only as a hint. Hypothesis has no colours: they are yellow.',
    );
  if (updatedDocuments.size > 0)
    notes.push(
      `${plural(updatedDocuments.size, 'chosen document')} took the address or title the file gives.`,
    );

  return {
    contents,
    report: { format: 'hypothesis', producer: file.producer, notCarried, unplaced, notes },
  };
}
