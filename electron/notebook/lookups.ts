import type {
  Annotation,
  Note,
  NotebookDocument,
  PageSelector,
  StoreData,
} from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';

// Finding entities by id and checking references, shared by the services: each failure is a
// not-found NotebookError that names what was missing, thrown before anything changes.

export function findDocument(data: StoreData, id: string): NotebookDocument {
  const document = data.documents.find((d) => d.id === id);
  if (!document) throw new NotebookError('not-found', `No document with id ${id}.`);
  return document;
}

export function findAnnotation(data: StoreData, id: string): Annotation {
  const annotation = data.annotations.find((a) => a.id === id);
  if (!annotation) throw new NotebookError('not-found', `No highlight with id ${id}.`);
  return annotation;
}

export function findNote(data: StoreData, id: string): Note {
  const note = data.notes.find((n) => n.id === id);
  if (!note) throw new NotebookError('not-found', `No note with id ${id}.`);
  return note;
}

/** The tag ids, without repeats, once every one is known to exist. */
export function checkTags(data: StoreData, tagIds: readonly string[]): string[] {
  const known = new Set(data.tags.map((t) => t.id));
  const unique = [...new Set(tagIds)];
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0)
    throw new NotebookError('not-found', `Unknown tag id(s): ${missing.join(', ')}.`);
  return unique;
}

/** A range a highlight may cover: inside the text, and not only white space. */
export function checkRange(document: NotebookDocument, start: number, end: number) {
  if (end > document.text.length) {
    throw new NotebookError(
      'invalid-input',
      `The range ${start}–${end} is outside the document (${document.text.length} characters).`,
    );
  }
  if (document.text.slice(start, end).trim() === '') {
    throw new NotebookError('invalid-input', 'A highlight needs some text, not only white space.');
  }
}

/** A page selector must name pages the document has (and only a PDF has pages). */
export function checkPageSelector(document: NotebookDocument, selector: PageSelector) {
  const pages = document.pdf?.pageCount ?? 0;
  if (pages === 0) {
    throw new NotebookError(
      'invalid-input',
      `“${document.title}” has no pages to place a highlight on.`,
    );
  }
  const outside = [selector.page, ...selector.rects.map((r) => r.page)].find((p) => p >= pages);
  if (outside !== undefined) {
    throw new NotebookError(
      'invalid-input',
      `Page ${outside + 1} is outside the document (${pages} pages).`,
    );
  }
}
