import { quoteText } from '../../../shared/annotations.ts';
import type { HighlightColor } from '../../../shared/colors.ts';
import type { Annotation, Note, NotebookDocument, Tag } from '../../../shared/model.ts';
import { markdownToPlain } from '../../../shared/search/excerpt.ts';
import type { SearchKind } from '../../../shared/search/types.ts';
import type { FieldName, IndexItem } from './search-index.ts';

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

export interface EntityOf {
  quote: Annotation;
  note: Note;
  tag: Tag;
  document: NotebookDocument;
}
type Entity = EntityOf[SearchKind];
type Fields = Partial<Record<FieldName, string>>;

/** Where items read the tags' names: the service replaces `tags` whenever the tags change. */
export interface ItemContext {
  tags: ReadonlyMap<string, Tag>;
}

/** The index key of an entity: ids are unique per kind only, and a tag must never replace a note. */
export const itemKey = (kind: SearchKind, entityId: string) => `${kind}:${entityId}`;

// Items made searchable keep their texts for a while (a search reads the best few several times);
// beyond this many they are made again when next needed, so the index does not hold a second copy
// of every note's text.
const KEPT_FIELDS = 256;
const keptFields: (NotebookItem | undefined)[] = new Array(KEPT_FIELDS);
let keptAt = 0;

/**
 * An entity as the index sees it. Its texts and facets are read from the entity when asked for,
 * not copied: the index keeps its words, not its text. An item stands for the entity as it was
 * when it was made — its parts (what its words and facets are made of, kept by reference) and
 * their digest — and once the entity changes the service replaces the item before the next
 * search, so what an item reads is always what was indexed. Kept small (no arrays of its own):
 * there is one per entity, 100,000 in a large notebook, all made as it opens.
 */
export class NotebookItem implements IndexItem<ItemMeta> {
  readonly kind: SearchKind;
  readonly entity: Entity;
  /** The parts' digest, two 32-bit halves: what a cache file checks the entity against. */
  readonly digest0: number;
  readonly digest1: number;
  /** The last sync pass that found the entity. */
  pass = 0;
  /**
   * Made after the entity may have changed in place, and found not to have the digest it was
   * indexed with: `matches` is false, so the next sync indexes it again.
   */
  stale = false;
  private readonly context: ItemContext;
  // The parts, by kind (see `matches`).
  private readonly p0: unknown;
  private readonly p1: unknown;
  private readonly p2: unknown;
  private readonly p3: unknown;
  private readonly p4: unknown;
  private readonly p5: unknown;
  private readonly p6: unknown;
  private madeMeta: ItemMeta | undefined = undefined;
  private madeFields: Fields | undefined = undefined;

  /**
   * Use `makeItem`, which checks that the entity is of the kind. `digests[at]`, `digests[at + 1]`:
   * the parts' digest if it is known (computed from these very values), not to compute it again.
   */
  constructor(
    kind: SearchKind,
    entity: Entity,
    context: ItemContext,
    digests?: Int32Array,
    at = 0,
  ) {
    this.kind = kind;
    this.entity = entity;
    this.context = context;
    let p0: unknown;
    let p1: unknown;
    let p2: unknown;
    let p3: unknown;
    let p4: unknown;
    let p5: unknown;
    let p6: unknown;
    switch (kind) {
      case 'quote': {
        const a = entity as Annotation;
        p0 = a.updatedAt;
        p1 = a.tagIds;
        p2 = a.color;
        p3 = a.orphan;
        p4 = quoteText(a);
        p5 = a.comment;
        p6 = a.documentId;
        break;
      }
      case 'note': {
        const n = entity as Note;
        p0 = n.updatedAt;
        p1 = n.tagIds;
        p2 = n.documentId;
        p3 = n.title;
        p4 = n.body;
        break;
      }
      case 'tag': {
        const t = entity as Tag;
        p0 = t.name;
        p1 = t.color;
        p2 = t.description;
        p3 = t.createdAt;
        break;
      }
      default: {
        const d = entity as NotebookDocument;
        p0 = d.title;
        p1 = d.author;
        p2 = d.source;
        p3 = d.importedAt;
      }
    }
    this.p0 = p0;
    this.p1 = p1;
    this.p2 = p2;
    this.p3 = p3;
    this.p4 = p4;
    this.p5 = p5;
    this.p6 = p6;
    if (digests) {
      this.digest0 = digests[at]!;
      this.digest1 = digests[at + 1]!;
    } else {
      digestParts(p0, p1, p2, p3, p4, p5, p6);
      this.digest0 = digestA;
      this.digest1 = digestB;
    }
  }

  /** The index key: the kind, a colon, the entity's id (made when asked for, not kept). */
  get id(): string {
    return itemKey(this.kind, this.entity.id);
  }

  get fields(): Fields {
    if (this.madeFields) return this.madeFields;
    const fields = itemFields(this.kind, this.entity, this.context.tags);
    keptFields[keptAt]?.forgetFields();
    keptFields[keptAt] = this;
    keptAt = (keptAt + 1) % KEPT_FIELDS;
    this.madeFields = fields;
    return fields;
  }

  get meta(): ItemMeta {
    this.madeMeta ??= itemMeta(this.kind, this.entity);
    return this.madeMeta;
  }

  /**
   * Whether the entity still has the parts this item was made from: compared value by value
   * (strings and arrays by identity first, which is what makes this cheap: an unchanged entity
   * costs a few comparisons and no allocation), so the index follows the store without every
   * service having to report what it touched. Everything an item's fields and meta read is a
   * part (or never changes, as ids).
   */
  matches(entity: Entity): boolean {
    if (this.stale) return false;
    switch (this.kind) {
      case 'quote': {
        const a = entity as Annotation;
        return (
          this.p0 === a.updatedAt &&
          this.p1 === a.tagIds &&
          this.p2 === a.color &&
          this.p3 === a.orphan &&
          this.p4 === quoteText(a) &&
          this.p5 === a.comment &&
          this.p6 === a.documentId
        );
      }
      case 'note': {
        const n = entity as Note;
        return (
          this.p0 === n.updatedAt &&
          this.p1 === n.tagIds &&
          this.p2 === n.documentId &&
          this.p3 === n.title &&
          this.p4 === n.body
        );
      }
      case 'tag': {
        const t = entity as Tag;
        return (
          this.p0 === t.name &&
          this.p1 === t.color &&
          this.p2 === t.description &&
          this.p3 === t.createdAt
        );
      }
      default: {
        const d = entity as NotebookDocument;
        return (
          this.p0 === d.title &&
          this.p1 === d.author &&
          this.p2 === d.source &&
          this.p3 === d.importedAt
        );
      }
    }
  }

  private forgetFields(): void {
    this.madeFields = undefined;
  }
}

/**
 * The digests of `list[from]` up to `list[to]` as their items would have them, without making
 * the items, into `out` from `out[at]` (two numbers each). Opening a large notebook checks every
 * entity against the cache this way: one loop per kind, so the code is hot and its property
 * reads of one shape from the first entities on.
 */
export function digestEntities<K extends SearchKind>(
  kind: K,
  list: readonly EntityOf[K][],
  from: number,
  to: number,
  out: Int32Array,
  at: number,
): void {
  switch (kind) {
    case 'quote':
      for (let i = from; i < to; i++, at += 2) {
        const a = list[i] as Annotation;
        digestBegin();
        digestValue(a.updatedAt);
        digestValue(a.tagIds);
        digestValue(a.color);
        digestValue(a.orphan);
        digestValue(quoteText(a));
        digestValue(a.comment);
        digestValue(a.documentId);
        digestEnd();
        out[at] = digestA;
        out[at + 1] = digestB;
      }
      break;
    case 'note':
      for (let i = from; i < to; i++, at += 2) {
        const n = list[i] as Note;
        digestBegin();
        digestValue(n.updatedAt);
        digestValue(n.tagIds);
        digestValue(n.documentId);
        digestValue(n.title);
        digestValue(n.body);
        digestWord(2);
        digestWord(2);
        digestEnd();
        out[at] = digestA;
        out[at + 1] = digestB;
      }
      break;
    default:
      for (let i = from; i < to; i++, at += 2) {
        const item = new NotebookItem(kind, list[i]!, NO_CONTEXT);
        out[at] = item.digest0;
        out[at + 1] = item.digest1;
      }
  }
}

const NO_CONTEXT: ItemContext = { tags: new Map() };

/** The item of an entity of the given kind, reading tag names from `context`. */
export const makeItem = <K extends SearchKind>(
  kind: K,
  entity: EntityOf[K],
  context: ItemContext,
  digests?: Int32Array,
  at = 0,
) => new NotebookItem(kind, entity, context, digests, at);

const tagNames = (tagIds: readonly string[], tags: ReadonlyMap<string, Tag>) =>
  tagIds
    .map((id) => tags.get(id)?.name)
    .filter(Boolean)
    .join(' ');

/** The searched texts of an entity, by field. */
function itemFields(kind: SearchKind, e: Entity, tags: ReadonlyMap<string, Tag>): Fields {
  switch (kind) {
    case 'quote': {
      const a = e as Annotation;
      return { quote: quoteText(a), body: a.comment, tags: tagNames(a.tagIds, tags) };
    }
    case 'note': {
      const n = e as Note;
      return { title: n.title, body: markdownToPlain(n.body), tags: tagNames(n.tagIds, tags) };
    }
    case 'tag': {
      const t = e as Tag;
      return { title: t.name, body: t.description };
    }
    default: {
      const d = e as NotebookDocument;
      return { title: d.title, body: [d.author, d.source].filter(Boolean).join(' ') };
    }
  }
}

function itemMeta(kind: SearchKind, e: Entity): ItemMeta {
  switch (kind) {
    case 'quote': {
      const a = e as Annotation;
      return {
        kind,
        entityId: a.id,
        documentId: a.documentId,
        color: a.color,
        tagIds: a.tagIds,
        orphan: Boolean(a.orphan),
        hasComment: a.comment.trim() !== '',
        updatedAt: a.updatedAt,
        byline: '',
      };
    }
    case 'note': {
      const n = e as Note;
      return {
        kind,
        entityId: n.id,
        documentId: n.documentId,
        color: null,
        tagIds: n.tagIds,
        orphan: false,
        hasComment: false,
        updatedAt: n.updatedAt,
        byline: '',
      };
    }
    case 'tag': {
      const t = e as Tag;
      return {
        kind,
        entityId: t.id,
        documentId: null,
        color: t.color,
        tagIds: [t.id],
        orphan: false,
        hasComment: false,
        updatedAt: t.createdAt,
        byline: '',
      };
    }
    default: {
      const d = e as NotebookDocument;
      return {
        kind,
        entityId: d.id,
        documentId: d.id,
        color: null,
        tagIds: [],
        orphan: false,
        hasComment: false,
        updatedAt: d.importedAt,
        byline: [d.author, d.source].filter(Boolean).join(' · '),
      };
    }
  }
}

// The digest: two 32-bit lanes over the parts, each string by its length and its characters two
// at a time, each array by its length and its strings, anything else by its kind (null,
// undefined, true, false, a number), so no two different parts are told apart only by where one
// string ends. Every character of the notebook goes through here when it opens: kept to a few
// operations each, and without allocating.
let digestA = 0;
let digestB = 0;

function digestBegin(): void {
  digestA = 0x811c9dc5 | 0;
  digestB = 0x2545f491;
}

function digestWord(k: number): void {
  let a = Math.imul(digestA ^ k, 0x01000193);
  a ^= a >>> 13;
  digestA = a;
  digestB = (Math.imul(digestB, 31) + Math.imul(k, 0x5bd1e995)) | 0;
}

function digestText(s: string): void {
  const n = s.length;
  digestWord(0x40000000 | n);
  let a = digestA;
  let b = digestB;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ k, 0x01000193);
    a ^= a >>> 13;
    b = (Math.imul(b, 31) + Math.imul(k, 0x5bd1e995)) | 0;
  }
  if (i < n) {
    const k = s.charCodeAt(i);
    a = Math.imul(a ^ k, 0x01000193);
    a ^= a >>> 13;
    b = (Math.imul(b, 31) + Math.imul(k, 0x5bd1e995)) | 0;
  }
  digestA = a;
  digestB = b;
}

function digestValue(value: unknown): void {
  if (typeof value === 'string') digestText(value);
  else if (Array.isArray(value)) {
    digestWord(0x20000000 | value.length);
    for (const element of value)
      digestText(typeof element === 'string' ? element : (JSON.stringify(element) ?? '\u0000'));
  } else if (value === null) digestWord(1);
  else if (value === undefined) digestWord(2);
  else if (value === true) digestWord(3);
  else if (value === false) digestWord(4);
  else {
    digestWord(5);
    digestText(JSON.stringify(value) ?? String(value));
  }
}

/** The digest of an item's seven parts (into digestA, digestB). */
function digestParts(
  p0: unknown,
  p1: unknown,
  p2: unknown,
  p3: unknown,
  p4: unknown,
  p5: unknown,
  p6: unknown,
): void {
  digestBegin();
  digestValue(p0);
  digestValue(p1);
  digestValue(p2);
  digestValue(p3);
  digestValue(p4);
  digestValue(p5);
  digestValue(p6);
  digestEnd();
}

/** A last avalanche, so that nearby inputs land far apart. */
function digestEnd(): void {
  const a = Math.imul(digestA ^ (digestA >>> 16), 0x85ebca6b);
  const b = Math.imul(digestB ^ (digestB >>> 16), 0xc2b2ae35);
  digestA = a ^ (a >>> 13);
  digestB = b ^ (b >>> 13);
}

/** The digest of a list of values, as items digest their parts (for fingerprints). */
export function digestOf(values: readonly unknown[]): number {
  digestBegin();
  for (const value of values) digestValue(value);
  digestEnd();
  return digestA;
}
