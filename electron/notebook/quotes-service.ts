import { describeRange } from '../../shared/anchoring/describe.ts';
import { isTextAnnotation } from '../../shared/annotations.ts';
import { ensureTagPath, findTagNamed, type TagFactory } from '../../shared/codebook.ts';
import type { NotebookHandlers, SpeakerSummary } from '../../shared/contract.ts';
import type { StoreData } from '../../shared/model.ts';
import {
  type Annotation,
  type Coder,
  MAX_DISMISSED_QUOTES,
  type NotebookDocument,
  tagNameSchema,
} from '../../shared/model.ts';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import {
  coveringAnnotation,
  dismissedTexts,
  QUOTE_TAG,
  SPEAKER_ROOT,
  speakerOfTag,
  speakerTagName,
} from '../../shared/quotes/speaker-tags.ts';
import type { QuoteCandidate } from '../../shared/quotes/types.ts';
import { NotebookError } from '../../shared/result.ts';
import { openCoderRound } from '../../shared/rounds/rounds.ts';
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

/** Refuse a speaker whose tag the codebook could not hold (too long, nothing left of it). */
function checkSpeakerTag(speaker: string) {
  const checked = tagNameSchema.safeParse(speakerTagName(speaker));
  if (!checked.success) {
    const reason = checked.error.issues[0]?.message ?? 'not a valid tag name';
    throw new NotebookError('invalid-input', `The speaker "${speaker}" cannot be a tag: ${reason}`);
  }
}

/**
 * During a coder's round the codebook is the lead's (shared/rounds/rounds.ts): accepting
 * quotes may use its codes but not add any, so a quote tag or speaker the lead's codebook lacks
 * is refused by name, before anything changes, rather than slipped into the codebook.
 */
function assertCodesExist(data: Pick<StoreData, 'rounds' | 'tags'>, names: string[]): void {
  const round = openCoderRound(data);
  if (!round) return;
  const missing = [...new Set(names)].filter((name) => !findTagNamed(data.tags, name));
  if (missing.length === 0) return;
  const list = missing.map((name) => `“${name}”`).join(', ');
  const one = missing.length === 1;
  const withoutSpeaker = missing.includes(QUOTE_TAG)
    ? ''
    : ', or accept the quotes without a speaker';
  throw new NotebookError(
    'conflict',
    `The codebook is read-only while you code in the round “${round.name}”, and accepting these quotes would add ${one ? 'the code' : 'the codes'} ${list}. Propose ${one ? 'it' : 'them'} instead (proposals reach the lead with your coding file)${withoutSpeaker}.`,
  );
}

/** The tags an accept creates: `quote`, `speaker` and `speaker/<Name>`. */
function isQuoteFinderTag(name: string) {
  const lower = name.toLowerCase();
  return lower === QUOTE_TAG || lower === SPEAKER_ROOT || speakerOfTag({ name }) !== null;
}

/**
 * The quote finder behind the contract: proposes a document's quotations, turns accepted ones
 * into tagged highlights in one store change, and remembers dismissals on the document.
 */
export function createQuotesService(
  store: Store,
  changed: Changed,
  factory: TagFactory & { newAnnotationId(): string; coder?: () => Coder },
): QuoteHandlers {
  /** Each accepted highlight as the accept made it, until undone (this session only). */
  const asAccepted = new Map<string, string>();
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
    const current = findDocument(store.data, documentId).dismissedQuotes ?? [];
    const dismissedQuotes = next(current) ?? [];
    // Dismissing what is already dismissed (or bringing back what is not) writes nothing.
    if (dismissedQuotes.length === current.length) return null;
    store.change((data) => {
      data.documents = data.documents.map((d) =>
        d.id === documentId ? { ...d, dismissedQuotes, updatedAt: factory.now() } : d,
      );
    });
    changed('documents');
    return null;
  };

  return {
    findQuotes({ documentId }) {
      const document = findDocument(store.data, documentId);
      const annotations = store.data.annotations.filter((a) => a.documentId === documentId);
      const quoteTagId = findTagNamed(store.data.tags, QUOTE_TAG)?.id ?? null;
      const dismissed = dismissedTexts(document);
      return {
        documentId,
        suggestions: candidates(document).map((c) => {
          const covering = coveringAnnotation(annotations, c.start, c.end, quoteTagId);
          const status = covering ? 'accepted' : dismissed.has(c.text) ? 'dismissed' : 'open';
          return { ...c, status, annotationId: covering?.id ?? null };
        }),
        knownSpeakers: speakerTags().map((t) => speakerOfTag(t) ?? t.name),
      };
    },

    acceptQuotes({ documentId, quotes, color }) {
      const document = findDocument(store.data, documentId);
      for (const q of quotes) {
        checkRange(document, q.start, q.end);
        // Checked before the change (the store does not roll one back): a speaker tag the
        // schema refuses, say a 200-character name plus `speaker/`, would be quarantined at
        // the next start, taking its quotes' tag with it.
        if (q.speaker) checkSpeakerTag(q.speaker);
      }
      // The same span accepted twice (a double click, two windows) makes one highlight.
      const quoteTagId = findTagNamed(store.data.tags, QUOTE_TAG)?.id;
      const taken = new Set(
        store.data.annotations
          .filter((a) => a.documentId === documentId && quoteTagId && a.tagIds.includes(quoteTagId))
          .filter(isTextAnnotation)
          .map((a) => `${a.target.position.start}:${a.target.position.end}`),
      );
      const fresh = quotes.filter((q) => {
        const key = `${q.start}:${q.end}`;
        return !taken.has(key) && taken.add(key);
      });
      if (fresh.length === 0) return { annotations: [], createdTagIds: [] };
      assertCodesExist(store.data, [
        QUOTE_TAG,
        ...fresh.flatMap((q) => (q.speaker ? [speakerTagName(q.speaker)] : [])),
      ]);
      const result = store.change((data) => {
        const before = new Set(data.tags.map((t) => t.id));
        const quoteTag = ensureTagPath(data, QUOTE_TAG, factory);
        const at = factory.now();
        const annotations: Annotation[] = fresh.map((q) => {
          const tagIds = [quoteTag.id];
          if (q.speaker) {
            const tag = ensureTagPath(data, speakerTagName(q.speaker), factory);
            // A speaker tag this accept created takes the first role given for it, even when
            // an earlier quote of theirs had none (an existing tag's description is the
            // researcher's and stays).
            if (q.role && !before.has(tag.id) && tag.description === '') tag.description = q.role;
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
            ...(factory.coder ? { coder: factory.coder() } : {}),
          };
        });
        data.annotations.push(...annotations);
        for (const a of annotations) asAccepted.set(a.id, JSON.stringify(a));
        const createdTagIds = data.tags.filter((t) => !before.has(t.id)).map((t) => t.id);
        return { annotations, createdTagIds };
      });
      changed('annotations', 'tags');
      return result;
    },

    undoAcceptQuotes({ annotationIds, tagIds }) {
      const { data } = store;
      const wanted = new Set(annotationIds);
      const cited = new Set(data.notes.flatMap((n) => n.annotationIds));
      // Only a highlight this session's accept made, unchanged since (compared with what the
      // accept made; updatedAt alone misses a bulk retag, which does not touch it, or an edit
      // in the same millisecond) and cited by no note, is taken back. Anything else, including
      // an id that never came from an accept, is the researcher's work: it stays.
      const editedSince = (a: Annotation) => {
        const made = asAccepted.get(a.id);
        return made === undefined || JSON.stringify(a) !== made || cited.has(a.id);
      };
      const present = data.annotations.filter((a) => wanted.has(a.id));
      const removing = new Set(present.filter((a) => !editedSince(a)).map((a) => a.id));
      const remaining = data.annotations.filter((a) => !removing.has(a.id));
      const used = new Set([
        ...remaining.flatMap((a) => a.tagIds),
        ...data.notes.flatMap((n) => n.tagIds),
      ]);
      // Only tags an accept makes (`quote`, `speaker`, `speaker/<Name>`) are taken back, so a
      // stale or wrong id cannot delete one of the researcher's tags. Children go before
      // parents, so a created `speaker` goes once its speakers have.
      const created = new Set(tagIds);
      const candidates = data.tags
        .filter((t) => created.has(t.id) && isQuoteFinderTag(t.name) && !used.has(t.id))
        .sort((a, b) => b.name.split('/').length - a.name.split('/').length);
      const dropping = new Set<string>();
      for (const tag of candidates) {
        const prefix = `${tag.name.toLowerCase()}/`;
        const hasChildren = data.tags.some(
          (t) => !dropping.has(t.id) && t.name.toLowerCase().startsWith(prefix),
        );
        if (!hasChildren) dropping.add(tag.id);
      }
      for (const id of wanted) asAccepted.delete(id);
      // Nothing to take back (undone twice, or all kept): no write, no event.
      if (removing.size > 0 || dropping.size > 0) {
        store.change((d) => {
          d.annotations = d.annotations.filter((a) => !removing.has(a.id));
          d.tags = d.tags.filter((t) => !dropping.has(t.id));
        });
        changed('annotations', 'tags');
      }
      return { removed: removing.size, kept: present.length - removing.size };
    },

    dismissQuotes({ documentId, quotes }) {
      const document = findDocument(store.data, documentId);
      // Only words the finder proposes in this document can be dismissed: anything else would
      // be remembered for nothing (and could grow the document without bound).
      const proposed = new Set(candidates(document).map((c) => c.text));
      return setDismissed(documentId, (current) => {
        const known = new Set(current.map((d) => d.text));
        // Once per text, also when the same words are sent twice in one call.
        const adding = quotes.filter(
          (q) => proposed.has(q.text) && !known.has(q.text) && known.add(q.text),
        );
        if (current.length + adding.length > MAX_DISMISSED_QUOTES)
          throw new NotebookError(
            'invalid-input',
            `A document keeps at most ${MAX_DISMISSED_QUOTES.toLocaleString('en')} dismissed quotations.`,
          );
        return [...current, ...adding];
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
          .filter(isTextAnnotation)
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
