import { quoteText } from '../../shared/annotations.ts';
import type { NotebookHandlers } from '../../shared/contract.ts';
import type { Note, NoteSummary, QuoteReference, StoreData } from '../../shared/model.ts';
import {
  appendBlock,
  citedQuoteIds,
  noteExcerpt,
  noteFromQuote,
  quoteBlock,
} from '../../shared/note-links.ts';
import { NotebookError } from '../../shared/result.ts';
import { nextTagIds } from '../../shared/tags.ts';
import { checkTags, findAnnotation, findNote } from './lookups.ts';
import type { Changed } from './service.ts';
import type { Store } from './store.ts';

type NotesHandlers = Pick<
  NotebookHandlers,
  | 'listNotes'
  | 'getNote'
  | 'createNote'
  | 'createNoteFromQuote'
  | 'updateNote'
  | 'deleteNote'
  | 'restoreNote'
  | 'appendQuoteToNote'
  | 'quoteMarkdown'
  | 'resolveQuotes'
>;

function findQuote(data: StoreData, id: string) {
  const annotation = findAnnotation(data, id);
  const document = data.documents.find((d) => d.id === annotation.documentId);
  if (!document) throw new NotebookError('not-found', `The document of highlight ${id} is gone.`);
  return { annotation, document };
}

function checkDocument(data: StoreData, documentId: string | null) {
  if (documentId !== null && !data.documents.some((d) => d.id === documentId)) {
    throw new NotebookError('not-found', `No document with id ${documentId}.`);
  }
}

const summarize = ({ body, ...note }: Note): NoteSummary => ({
  ...note,
  excerpt: noteExcerpt(body),
});

/**
 * Notes: Markdown bodies that cite quotes by link. The cited quotes (`annotationIds`) are always
 * derived from the body when it is saved, so the two can never disagree.
 */
export function createNotesService(
  store: Store,
  changed: Changed,
  newId: () => string,
): NotesHandlers {
  const now = () => new Date().toISOString();
  const insert = (draft: Pick<Note, 'title' | 'body' | 'tagIds' | 'documentId'>): Note => {
    const at = now();
    const note: Note = {
      id: newId(),
      ...draft,
      annotationIds: citedQuoteIds(draft.body),
      createdAt: at,
      updatedAt: at,
    };
    store.change((data) => data.notes.push(note));
    changed('notes');
    return note;
  };

  return {
    listNotes({ documentId }) {
      return store.data.notes
        .filter((n) => documentId === undefined || n.documentId === documentId)
        .map(summarize)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    getNote({ id }) {
      return findNote(store.data, id);
    },

    createNote({ title, body, tagIds, documentId }) {
      checkDocument(store.data, documentId);
      return insert({ title, body, tagIds: checkTags(store.data, tagIds), documentId });
    },

    createNoteFromQuote({ annotationId }) {
      const { annotation, document } = findQuote(store.data, annotationId);
      const draft = noteFromQuote(annotation, document);
      return insert({ ...draft, tagIds: [...annotation.tagIds] });
    },

    updateNote({ id, title, body, tagIds, addTagIds, removeTagIds, documentId }) {
      const current = findNote(store.data, id);
      const nextTags = nextTagIds(current.tagIds, { tagIds, addTagIds, removeTagIds });
      const tags = nextTags === undefined ? undefined : checkTags(store.data, nextTags);
      if (documentId !== undefined) checkDocument(store.data, documentId);
      const updated = store.change((data, touch) => {
        const note = findNote(data, id);
        touch('notes', note);
        if (title !== undefined) note.title = title;
        if (body !== undefined) {
          note.body = body;
          note.annotationIds = citedQuoteIds(body);
        }
        if (tags !== undefined) note.tagIds = tags;
        if (documentId !== undefined) note.documentId = documentId;
        note.updatedAt = now();
        return { ...note };
      });
      // Tag usage counts notes: say so only when the note's tags changed, not on every keystroke.
      if (tags !== undefined) changed('notes', 'tags');
      else changed('notes');
      return updated;
    },

    deleteNote({ id }) {
      const removed = findNote(store.data, id);
      store.change((data) => {
        data.notes = data.notes.filter((n) => n.id !== id);
      });
      changed('notes');
      return removed;
    },

    restoreNote({ note }) {
      if (store.data.notes.some((n) => n.id === note.id)) {
        throw new NotebookError('conflict', `A note with id ${note.id} already exists.`);
      }
      // Tags deleted meanwhile are dropped; cited quotes are re-read from the body.
      const known = new Set(store.data.tags.map((t) => t.id));
      const restored: Note = {
        ...note,
        // A note whose document has gone comes back unattached rather than pointing nowhere.
        documentId:
          note.documentId && store.data.documents.some((d) => d.id === note.documentId)
            ? note.documentId
            : null,
        tagIds: note.tagIds.filter((t) => known.has(t)),
        annotationIds: citedQuoteIds(note.body),
      };
      store.change((data) => data.notes.push(restored));
      changed('notes');
      return restored;
    },

    appendQuoteToNote({ noteId, annotationId }) {
      findNote(store.data, noteId);
      const { annotation, document } = findQuote(store.data, annotationId);
      const block = quoteBlock(annotation, document);
      const updated = store.change((data, touch) => {
        const note = findNote(data, noteId);
        touch('notes', note);
        note.body = appendBlock(note.body, block);
        note.annotationIds = citedQuoteIds(note.body);
        note.updatedAt = now();
        return { ...note };
      });
      changed('notes');
      return updated;
    },

    quoteMarkdown({ annotationId }) {
      const { annotation, document } = findQuote(store.data, annotationId);
      return quoteBlock(annotation, document);
    },

    resolveQuotes({ ids }) {
      const annotations = new Map(store.data.annotations.map((a) => [a.id, a]));
      const documents = new Map(store.data.documents.map((d) => [d.id, d]));
      return ids.map((id): QuoteReference => {
        const a = annotations.get(id);
        const d = a && documents.get(a.documentId);
        if (!a || !d) return { id, found: false };
        return {
          id,
          found: true,
          exact: quoteText(a, d),
          color: a.color,
          documentId: d.id,
          documentTitle: d.title,
        };
      });
    },
  };
}
