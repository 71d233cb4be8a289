import type { HighlightColor } from '../../../shared/colors.ts';
import type { Annotation, Note, NotebookDocument, Tag } from '../../../shared/model.ts';
import { markdownToPlain } from '../../../shared/search/excerpt.ts';
import type { SearchKind } from '../../../shared/search/types.ts';
import type { IndexItem } from './search-index.ts';

/** What a result needs besides its searched text: kind, place, facets for filters. */
export interface ItemMeta {
  kind: SearchKind;
  /** The entity's own id (the index key is prefixed by kind). */
  entityId: string;
  documentId: string | null;
  color: HighlightColor | null;
  tagIds: string[];
  orphan: boolean;
  hasComment: boolean;
  updatedAt: string;
  /** A document's author and source, as its result shows them. */
  byline: string;
}

export type NotebookItem = IndexItem<ItemMeta>;

const tagNames = (tagIds: readonly string[], tags: ReadonlyMap<string, Tag>) =>
  tagIds
    .map((id) => tags.get(id)?.name)
    .filter(Boolean)
    .join(' ');

// Each entity as the index sees it. Keys carry the kind: ids are unique per kind only by
// convention, and a tag and a note must never replace each other.

export function quoteItem(a: Annotation, tags: ReadonlyMap<string, Tag>): NotebookItem {
  return {
    id: `quote:${a.id}`,
    fields: { quote: a.target.quote.exact, body: a.comment, tags: tagNames(a.tagIds, tags) },
    meta: {
      kind: 'quote',
      entityId: a.id,
      documentId: a.documentId,
      color: a.color,
      tagIds: a.tagIds,
      orphan: Boolean(a.orphan),
      hasComment: a.comment.trim() !== '',
      updatedAt: a.updatedAt,
      byline: '',
    },
  };
}

export function noteItem(n: Note, tags: ReadonlyMap<string, Tag>): NotebookItem {
  return {
    id: `note:${n.id}`,
    fields: { title: n.title, body: markdownToPlain(n.body), tags: tagNames(n.tagIds, tags) },
    meta: {
      kind: 'note',
      entityId: n.id,
      documentId: n.documentId,
      color: null,
      tagIds: n.tagIds,
      orphan: false,
      hasComment: false,
      updatedAt: n.updatedAt,
      byline: '',
    },
  };
}

export function tagItem(t: Tag): NotebookItem {
  return {
    id: `tag:${t.id}`,
    fields: { title: t.name, body: t.description },
    meta: {
      kind: 'tag',
      entityId: t.id,
      documentId: null,
      color: t.color,
      tagIds: [t.id],
      orphan: false,
      hasComment: false,
      updatedAt: t.createdAt,
      byline: '',
    },
  };
}

export function documentItem(d: NotebookDocument): NotebookItem {
  return {
    id: `document:${d.id}`,
    fields: { title: d.title, body: [d.author, d.source].filter(Boolean).join(' ') },
    meta: {
      kind: 'document',
      entityId: d.id,
      documentId: d.id,
      color: null,
      tagIds: [],
      orphan: false,
      hasComment: false,
      updatedAt: d.importedAt,
      byline: [d.author, d.source].filter(Boolean).join(' · '),
    },
  };
}

/**
 * What an entity's search item is made of: when any of it changes, the item is indexed again.
 * Compared value by value (strings and arrays by identity first, which is what makes this
 * cheap: an unchanged entity costs a few comparisons and no allocation), so the index follows
 * the store without every service having to report what it touched.
 */
export const parts = {
  quote: (a: Annotation): unknown[] => [
    a.updatedAt,
    a.tagIds,
    a.color,
    a.orphan,
    a.target.quote.exact,
    a.comment,
  ],
  note: (n: Note): unknown[] => [n.updatedAt, n.tagIds, n.documentId, n.title, n.body],
  tag: (t: Tag): unknown[] => [t.name, t.color, t.description],
  document: (d: NotebookDocument): unknown[] => [d.title, d.author, d.source, d.importedAt],
};

/** Whether an entity still has the parts it had when it was indexed (no allocation). */
export const sameParts = {
  quote: (p: readonly unknown[], a: Annotation) =>
    p[0] === a.updatedAt &&
    p[1] === a.tagIds &&
    p[2] === a.color &&
    p[3] === a.orphan &&
    p[4] === a.target.quote.exact &&
    p[5] === a.comment,
  note: (p: readonly unknown[], n: Note) =>
    p[0] === n.updatedAt &&
    p[1] === n.tagIds &&
    p[2] === n.documentId &&
    p[3] === n.title &&
    p[4] === n.body,
  tag: (p: readonly unknown[], t: Tag) =>
    p[0] === t.name && p[1] === t.color && p[2] === t.description,
  document: (p: readonly unknown[], d: NotebookDocument) =>
    p[0] === d.title && p[1] === d.author && p[2] === d.source && p[3] === d.importedAt,
};
