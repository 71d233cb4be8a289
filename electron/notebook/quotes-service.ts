import { describeRange } from '../../shared/anchoring/describe.ts';
import { ensureTagPath, findTagNamed, type TagFactory } from '../../shared/codebook.ts';
import type { NotebookHandlers, SpeakerSummary } from '../../shared/contract.ts';
import type { Annotation, NotebookDocument } from '../../shared/model.ts';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import {
  coveringAnnotation,
  isDismissed,
  QUOTE_TAG,
  speakerOfTag,
  speakerTagName,
} from '../../shared/quotes/speaker-tags.ts';
import type { QuoteCandidate } from '../../shared/quotes/types.ts';
import { checkRange, findDocument } from './lookups.ts';
import type { Changed } from './service.ts';
import type { Store } from './store.ts';

type QuoteHandlers = Pick<
  NotebookHandlers,
  | 'findQuotes'
  | 'acceptQuotes'
  | 'undoAcceptQuotes'
  | 'dismissQuotes'
  | 'undismissQuotes'
  | 'listSpeakers'
>;

// The finder is pure and a document's text never changes in place (a re-import replaces the
// object), so its candidates are worked out once per document object.
const candidatesOf = new WeakMap<NotebookDocument, QuoteCandidate[]>();
function candidates(document: NotebookDocument): QuoteCandidate[] {
  let found = candidatesOf.get(document);
  if (!found) {
    found = findQuotes(document.text);
    candidatesOf.set(document, found);
  }
  return found;
}

/**
 * The quote finder behind the contract: proposes a document's quotations, turns accepted ones
 * into tagged highlights in one store change, and remembers dismissals on the document.
 */
export function createQuotesService(
  store: Store,
  changed: Changed,
  factory: TagFactory & { newAnnotationId(): string },
): QuoteHandlers {
  const speakerTags = () =>
    store.data.tags
      .filter((t) => speakerOfTag(t) !== null)
      .sort((a, b) => a.name.localeCompare(b.name));

  /** Replace the document object (others key caches on it) with its dismissals changed. */
  const setDismissed = (
    documentId: string,
    next: (
      current: NonNullable<NotebookDocument['dismissedQuotes']>,
    ) => NotebookDocument['dismissedQuotes'],
  ) => {
    findDocument(store.data, documentId);
    store.change((data) => {
      data.documents = data.documents.map((d) =>
        d.id === documentId
          ? { ...d, dismissedQuotes: next(d.dismissedQuotes ?? []), updatedAt: factory.now() }
          : d,
      );
    });
    changed('documents');
    return null;
  };

  return {
    findQuotes({ documentId }) {
      const document = findDocument(store.data, documentId);
      const annotations = store.data.annotations.filter((a) => a.documentId === documentId);
      return {
        documentId,
        suggestions: candidates(document).map((c) => {
          const covering = coveringAnnotation(annotations, c.start, c.end);
          const status = covering
            ? 'accepted'
            : isDismissed(document, c.text)
              ? 'dismissed'
              : 'open';
          return { ...c, status, annotationId: covering?.id ?? null };
        }),
        knownSpeakers: speakerTags().map((t) => speakerOfTag(t) ?? t.name),
      };
    },

    acceptQuotes({ documentId, quotes, color }) {
      const document = findDocument(store.data, documentId);
      for (const q of quotes) checkRange(document, q.start, q.end);
      const result = store.change((data) => {
        const before = new Set(data.tags.map((t) => t.id));
        const quoteTag = ensureTagPath(data, QUOTE_TAG, factory);
        const at = factory.now();
        const annotations: Annotation[] = quotes.map((q) => {
          const tagIds = [quoteTag.id];
          if (q.speaker) {
            const name = speakerTagName(q.speaker);
            const isNew = !findTagNamed(data.tags, name);
            const tag = ensureTagPath(data, name, factory);
            if (isNew && q.role) tag.description = q.role;
            tagIds.push(tag.id);
          }
          const { position, quote } = describeRange(document.text, q.start, q.end);
          return {
            id: factory.newAnnotationId(),
            documentId,
            target: { documentId, position, quote },
            color,
            tagIds,
            comment: '',
            createdAt: at,
            updatedAt: at,
          };
        });
        data.annotations.push(...annotations);
        const createdTagIds = data.tags.filter((t) => !before.has(t.id)).map((t) => t.id);
        return { annotations, createdTagIds };
      });
      changed('annotations', 'tags');
      return result;
    },

    undoAcceptQuotes({ annotationIds, tagIds }) {
      const wanted = new Set(annotationIds);
      const result = store.change((data) => {
        // A highlight edited since the accept is the researcher's work now: it stays.
        const removing = new Set(
          data.annotations
            .filter((a) => wanted.has(a.id) && a.updatedAt === a.createdAt)
            .map((a) => a.id),
        );
        data.annotations = data.annotations.filter((a) => !removing.has(a.id));
        const created = new Set(tagIds);
        const used = new Set([
          ...data.annotations.flatMap((a) => a.tagIds),
          ...data.notes.flatMap((n) => n.tagIds),
        ]);
        // Children go before parents, so a created `speaker` goes once its speakers have.
        const byDepth = data.tags
          .filter((t) => created.has(t.id))
          .sort((a, b) => b.name.split('/').length - a.name.split('/').length);
        for (const tag of byDepth) {
          const hasChildren = data.tags.some((t) => t.name.startsWith(`${tag.name}/`));
          if (!used.has(tag.id) && !hasChildren)
            data.tags = data.tags.filter((t) => t.id !== tag.id);
        }
        const kept = [...wanted].filter((id) => data.annotations.some((a) => a.id === id)).length;
        return { removed: removing.size, kept };
      });
      changed('annotations', 'tags');
      return result;
    },

    dismissQuotes({ documentId, quotes }) {
      return setDismissed(documentId, (current) => {
        const known = new Set(current.map((d) => d.text));
        return [...current, ...quotes.filter((q) => !known.has(q.text))];
      });
    },

    undismissQuotes({ documentId, texts }) {
      const bringBack = new Set(texts);
      return setDismissed(documentId, (current) => current.filter((d) => !bringBack.has(d.text)));
    },

    listSpeakers() {
      const { data } = store;
      const titles = new Map(data.documents.map((d) => [d.id, d.title]));
      const speakers: SpeakerSummary[] = speakerTags().map((tag) => {
        const quotes = data.annotations
          .filter((a) => a.tagIds.includes(tag.id))
          .map((a) => ({
            annotationId: a.id,
            documentId: a.documentId,
            documentTitle: titles.get(a.documentId) ?? '',
            exact: a.target.quote.exact,
            start: a.target.position.start,
          }))
          .sort((a, b) => a.documentTitle.localeCompare(b.documentTitle) || a.start - b.start);
        return {
          tagId: tag.id,
          name: speakerOfTag(tag) ?? tag.name,
          role: tag.description,
          documentCount: new Set(quotes.map((q) => q.documentId)).size,
          quotes,
        };
      });
      return speakers.sort(
        (a, b) => b.quotes.length - a.quotes.length || a.name.localeCompare(b.name),
      );
    },
  };
}
