import { colorForIndex, type HighlightColor } from './colors.ts';
import type { Tag } from './model.ts';
import { NotebookError } from './result.ts';
import { nextTagIds, normalizeTagName } from './tags.ts';

/**
 * The tag system as a codebook: tags form a tree by path (`actors/afghan`), quotes and notes
 * refer to tags by id, and every operation keeps three invariants:
 *
 * 1. no quote or note ever refers to a tag id that does not exist;
 * 2. tag names are unique, ignoring case;
 * 3. every tag's parent path exists as a tag of its own.
 *
 * Identity is the id, never the name: renaming or moving a tag (and its subtree) only changes
 * names, so every reference stays valid; merging rewrites references from the merged tag to the
 * survivor before the merged tag goes. Operations check everything that can fail before they
 * change anything.
 */

/** Anything that carries tags: a quote or a note. */
export interface TagHolder {
  id: string;
  tagIds: string[];
}

/** The part of a notebook that tag operations touch. */
export interface Codebook {
  tags: Tag[];
  annotations: TagHolder[];
  notes: TagHolder[];
}

/** What a tag operation changed, enough to put it back (undo). */
export interface TagSnapshot {
  tags: Tag[];
  annotations: TagHolder[];
  notes: TagHolder[];
}

export interface TagFactory {
  newId(): string;
  now(): string;
}

const key = (name: string) => name.toLowerCase();

export function parentPath(name: string): string | null {
  const cut = name.lastIndexOf('/');
  return cut < 0 ? null : name.slice(0, cut);
}

export const leafName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

export const depthOf = (name: string) => name.split('/').length - 1;

/** `name` is `root` or lies below it. */
export function isWithin(name: string, root: string): boolean {
  const n = key(name);
  const r = key(root);
  return n === r || n.startsWith(`${r}/`);
}

export function findTagById(book: Pick<Codebook, 'tags'>, id: string): Tag {
  const tag = book.tags.find((t) => t.id === id);
  if (!tag) throw new NotebookError('not-found', `No tag with id ${id}.`);
  return tag;
}

export function findTagNamed(tags: readonly Tag[], name: string): Tag | undefined {
  const wanted = key(name);
  return tags.find((t) => key(t.name) === wanted);
}

/** The tag and everything below it. */
export function subtreeOf(tags: readonly Tag[], root: Tag): Tag[] {
  return tags.filter((t) => isWithin(t.name, root.name));
}

/**
 * The tag with this path, created (with any missing ancestors) when it does not exist. New tags
 * take the colour asked for, else their parent's, else the next one in the palette.
 */
export function ensureTagPath(
  book: Codebook,
  name: string,
  factory: TagFactory,
  color?: HighlightColor,
): Tag {
  const parts = normalizeTagName(name).split('/');
  if (parts.some((part) => part === '')) {
    throw new NotebookError(
      'invalid-input',
      'A tag needs a name, and no part of its path may be empty.',
    );
  }
  let tag: Tag | undefined;
  for (const part of parts) {
    // Spell the path as the existing ancestors are spelled: `Actors/new` under `actors`.
    const path = tag ? `${tag.name}/${part}` : part;
    const existing = findTagNamed(book.tags, path);
    if (existing) {
      tag = existing;
      continue;
    }
    const created: Tag = {
      id: factory.newId(),
      name: path,
      color: color ?? tag?.color ?? colorForIndex(book.tags.length),
      description: '',
      createdAt: factory.now(),
      updatedAt: factory.now(),
    };
    book.tags.push(created);
    tag = created;
  }
  if (!tag) throw new NotebookError('invalid-input', 'A tag needs a name.');
  return tag;
}

/**
 * Rename a tag, which moves it when the path changes; its descendants follow. Fails, changing
 * nothing, when a new name is taken by a tag outside the subtree (merge instead) or when the
 * tag would go inside itself.
 */
export function renameTag(book: Codebook, id: string, newName: string, factory: TagFactory): Tag {
  const tag = findTagById(book, id);
  const target = normalizeTagName(newName);
  if (target === tag.name) return tag;
  if (isWithin(target, tag.name) && key(target) !== key(tag.name)) {
    throw new NotebookError('invalid-input', `"${tag.name}" cannot move inside itself.`);
  }
  const moving = subtreeOf(book.tags, tag);
  const movingIds = new Set(moving.map((t) => t.id));
  const renames = moving.map((t) => ({ tag: t, name: target + t.name.slice(tag.name.length) }));
  for (const { name } of renames) {
    const other = findTagNamed(book.tags, name);
    if (other && !movingIds.has(other.id)) {
      throw new NotebookError(
        'conflict',
        `A tag named "${other.name}" already exists. Merge the two tags instead.`,
      );
    }
  }
  const at = factory.now();
  for (const r of renames) {
    r.tag.name = r.name;
    r.tag.updatedAt = at;
  }
  const parent = parentPath(target);
  if (parent) ensureTagPath(book, parent, factory, tag.color);
  return tag;
}

/** Move a tag (and its subtree) under another tag, or to the top level with `null`. */
export function moveTag(
  book: Codebook,
  id: string,
  parentId: string | null,
  factory: TagFactory,
): Tag {
  const tag = findTagById(book, id);
  const parent = parentId === null ? null : findTagById(book, parentId);
  return renameTag(
    book,
    id,
    parent ? `${parent.name}/${leafName(tag.name)}` : leafName(tag.name),
    factory,
  );
}

function replaceTagId(holders: TagHolder[], from: string, to: string) {
  for (const holder of holders) {
    if (!holder.tagIds.includes(from)) continue;
    const next = holder.tagIds.map((t) => (t === from ? to : t));
    holder.tagIds = [...new Set(next)];
  }
}

/**
 * Merge `sourceId` into `targetId`: every quote and note tagged with the source carries the
 * target instead, the source's children move under the target (merging into same-named children
 * there), and the source goes. Nothing that was tagged loses its tag.
 */
export function mergeTags(
  book: Codebook,
  sourceId: string,
  targetId: string,
  factory: TagFactory,
): Tag {
  if (sourceId === targetId)
    throw new NotebookError('invalid-input', 'A tag cannot be merged into itself.');
  const source = findTagById(book, sourceId);
  const target = findTagById(book, targetId);
  if (isWithin(target.name, source.name)) {
    throw new NotebookError(
      'invalid-input',
      `"${source.name}" cannot be merged into "${target.name}", which is inside it.`,
    );
  }
  const children = book.tags.filter((t) => {
    const parent = parentPath(t.name);
    return parent !== null && key(parent) === key(source.name);
  });
  // The source goes first, so a child moving to the source's own name (merging a tag into its
  // parent) finds that name free.
  replaceTagId(book.annotations, source.id, target.id);
  replaceTagId(book.notes, source.id, target.id);
  book.tags = book.tags.filter((t) => t.id !== source.id);
  for (const child of children) {
    const moved = `${target.name}/${leafName(child.name)}`;
    const existing = findTagNamed(book.tags, moved);
    if (existing && existing.id !== child.id) mergeTags(book, child.id, existing.id, factory);
    else renameTag(book, child.id, moved, factory);
  }
  return target;
}

/** Delete a tag and its subtree, removing them from every quote and note. */
export function deleteTag(book: Codebook, id: string): Tag[] {
  const tag = findTagById(book, id);
  const removed = subtreeOf(book.tags, tag);
  const ids = new Set(removed.map((t) => t.id));
  for (const holder of [...book.annotations, ...book.notes]) {
    if (holder.tagIds.some((t) => ids.has(t)))
      holder.tagIds = holder.tagIds.filter((t) => !ids.has(t));
  }
  book.tags = book.tags.filter((t) => !ids.has(t.id));
  return removed;
}

/** Add and remove tags on many quotes at once. */
export function retagHolders(
  holders: TagHolder[],
  ids: ReadonlySet<string>,
  add: readonly string[],
  remove: readonly string[],
) {
  for (const holder of holders) {
    if (ids.has(holder.id))
      holder.tagIds =
        nextTagIds(holder.tagIds, { addTagIds: add, removeTagIds: remove }) ?? holder.tagIds;
  }
}

/**
 * Everything needed to undo an operation: all tags (a short list) and the tag lists of the
 * quotes and notes that `touches` says the operation may change.
 */
export function snapshotTags(book: Codebook, touches: (holder: TagHolder) => boolean): TagSnapshot {
  const copy = (h: TagHolder) => ({ id: h.id, tagIds: [...h.tagIds] });
  return {
    tags: book.tags.map((t) => ({ ...t })),
    annotations: book.annotations.filter(touches).map(copy),
    notes: book.notes.filter(touches).map(copy),
  };
}

/**
 * Put a snapshot back: its tags return (deleted ones re-created, renamed ones renamed back, by
 * id) and its quotes and notes get their tag lists back. Tags made since are kept; a name taken
 * since gets " (restored)" so names stay unique.
 */
export function restoreTagSnapshot(
  book: Codebook,
  snapshot: TagSnapshot,
  factory: TagFactory,
): void {
  const restoredIds = new Set(snapshot.tags.map((t) => t.id));
  // Tags made since the snapshot that hold a name the snapshot needs step aside first.
  const taken = (name: string) =>
    Boolean(findTagNamed(book.tags, name) ?? findTagNamed(snapshot.tags, name));
  for (const tag of snapshot.tags) {
    const other = findTagNamed(book.tags, tag.name);
    if (!other || restoredIds.has(other.id)) continue;
    let renamed = `${other.name} (restored)`;
    for (let n = 2; taken(renamed); n++) renamed = `${other.name} (restored ${n})`;
    other.name = renamed;
  }
  for (const tag of snapshot.tags) {
    const existing = book.tags.find((t) => t.id === tag.id);
    if (existing) {
      if (tag.updatedAt === undefined) delete existing.updatedAt;
      Object.assign(existing, tag);
    } else book.tags.push({ ...tag });
  }
  const known = new Set(book.tags.map((t) => t.id));
  const put = (holders: TagHolder[], saved: TagHolder[]) => {
    const byId = new Map(saved.map((h) => [h.id, h.tagIds]));
    for (const holder of holders) {
      const tagIds = byId.get(holder.id);
      if (tagIds) holder.tagIds = tagIds.filter((t) => known.has(t));
    }
  };
  put(book.annotations, snapshot.annotations);
  put(book.notes, snapshot.notes);
  repairAncestors(book, factory);
}

/** One quote's or note's change of tags. */
export interface TagDelta {
  id: string;
  removed: string[];
  added: string[];
}

/**
 * What an operation changed, so that undoing it puts back exactly that and leaves later work
 * alone: the tags it renamed, recoloured or removed (as they were), and the tags it took from or
 * gave to each quote and note.
 */
export interface TagUndo {
  tags: Tag[];
  annotations: TagDelta[];
  notes: TagDelta[];
}

/** The undo of whatever happened to `book` since `before` was taken. */
export function undoSince(before: TagSnapshot, book: Codebook): TagUndo {
  const now = new Map(book.tags.map((t) => [t.id, t]));
  const tags = before.tags.filter((t) => {
    const current = now.get(t.id);
    return (
      !current ||
      current.name !== t.name ||
      current.color !== t.color ||
      current.description !== t.description
    );
  });
  const deltas = (saved: TagHolder[], holders: TagHolder[]): TagDelta[] => {
    const current = new Map(holders.map((h) => [h.id, h.tagIds]));
    return saved.flatMap((h) => {
      const after = current.get(h.id) ?? [];
      const removed = h.tagIds.filter((t) => !after.includes(t));
      const added = after.filter((t) => !h.tagIds.includes(t));
      return removed.length > 0 || added.length > 0 ? [{ id: h.id, removed, added }] : [];
    });
  };
  return {
    tags,
    annotations: deltas(before.annotations, book.annotations),
    notes: deltas(before.notes, book.notes),
  };
}

/**
 * Undo an operation: its tags come back by id (under a " (restored)" name, with their restored
 * sub-tags, when a newer tag holds the name), quotes and notes get back what it took and lose
 * what it gave. Tags made since, and tag changes made since to other quotes, stay.
 */
export function applyTagUndo(book: Codebook, undo: TagUndo, factory: TagFactory): void {
  const undoIds = new Set(undo.tags.map((t) => t.id));
  const remap: [string, string][] = [];
  for (const saved of [...undo.tags].sort((a, b) => depthOf(a.name) - depthOf(b.name))) {
    let name = saved.name;
    const moved = remap.find(([from]) => isWithin(name, from));
    if (moved) name = moved[1] + name.slice(moved[0].length);
    const holder = findTagNamed(book.tags, name);
    if (holder && holder.id !== saved.id && !undoIds.has(holder.id)) {
      let renamed = `${name} (restored)`;
      for (let n = 2; findTagNamed(book.tags, renamed); n++) renamed = `${name} (restored ${n})`;
      remap.push([name, renamed]);
      name = renamed;
    }
    const existing = book.tags.find((t) => t.id === saved.id);
    if (existing) {
      // Exactly as saved: a time stamp the operation added goes too.
      if (saved.updatedAt === undefined) delete existing.updatedAt;
      Object.assign(existing, { ...saved, name });
    } else book.tags.push({ ...saved, name });
  }
  const known = new Set(book.tags.map((t) => t.id));
  const apply = (holders: TagHolder[], deltas: TagDelta[]) => {
    const byId = new Map(deltas.map((d) => [d.id, d]));
    for (const holder of holders) {
      const delta = byId.get(holder.id);
      if (!delta) continue;
      const dropped = new Set(delta.added);
      holder.tagIds = [
        ...new Set([...holder.tagIds, ...delta.removed.filter((t) => known.has(t))]),
      ].filter((t) => !dropped.has(t));
    }
  };
  apply(book.annotations, undo.annotations);
  apply(book.notes, undo.notes);
  repairAncestors(book, factory);
}

/** Re-create any missing parent paths (invariant 3). */
export function repairAncestors(book: Codebook, factory: TagFactory): void {
  for (const tag of [...book.tags]) {
    const parent = parentPath(tag.name);
    if (parent && !findTagNamed(book.tags, parent)) ensureTagPath(book, parent, factory, tag.color);
  }
}

/** Broken invariants, described; empty when the codebook is sound. */
export function codebookProblems(book: Codebook): string[] {
  const problems: string[] = [];
  const ids = new Set(book.tags.map((t) => t.id));
  if (ids.size !== book.tags.length) problems.push('duplicate tag ids');
  const names = new Map<string, string>();
  for (const tag of book.tags) {
    const k = key(tag.name);
    if (names.has(k)) problems.push(`duplicate name "${tag.name}"`);
    names.set(k, tag.id);
    const parent = parentPath(tag.name);
    if (parent && !names.has(key(parent)) && !findTagNamed(book.tags, parent))
      problems.push(`"${tag.name}" has no parent tag`);
  }
  for (const [kind, holders] of [
    ['quote', book.annotations],
    ['note', book.notes],
  ] as const) {
    for (const holder of holders) {
      for (const t of holder.tagIds)
        if (!ids.has(t)) problems.push(`${kind} ${holder.id} refers to missing tag ${t}`);
      if (new Set(holder.tagIds).size !== holder.tagIds.length)
        problems.push(`${kind} ${holder.id} repeats a tag`);
    }
  }
  return problems;
}

export interface TagUsage {
  /** Quotes carrying this tag itself. */
  quotes: number;
  /** Distinct quotes carrying this tag or any tag below it. */
  quotesWithin: number;
  notes: number;
  /** Distinct notes carrying this tag or any tag below it. */
  notesWithin: number;
}

/** How many quotes and notes use each tag, with counts rolled up to parents. */
export function tagUsage(book: Codebook): Map<string, TagUsage> {
  const byName = new Map(book.tags.map((t) => [key(t.name), t]));
  const ancestorsOf = new Map<string, string[]>();
  for (const tag of book.tags) {
    const chain: string[] = [];
    for (let p = parentPath(tag.name); p !== null; p = parentPath(p)) {
      const parent = byName.get(key(p));
      if (parent) chain.push(parent.id);
    }
    ancestorsOf.set(tag.id, chain);
  }
  const usage = new Map(
    book.tags.map((t) => [t.id, { quotes: 0, quotesWithin: 0, notes: 0, notesWithin: 0 }]),
  );
  /** The tags a holder counts for, its own and their ancestors, each once. */
  const countedFor = (holder: TagHolder) => {
    const within = new Set<string>();
    for (const t of holder.tagIds) {
      if (!usage.has(t)) continue;
      within.add(t);
      for (const a of ancestorsOf.get(t) ?? []) within.add(a);
    }
    return within;
  };
  for (const quote of book.annotations) {
    for (const t of new Set(quote.tagIds)) {
      const u = usage.get(t);
      if (u) u.quotes++;
    }
    for (const t of countedFor(quote)) usage.get(t)!.quotesWithin++;
  }
  for (const note of book.notes) for (const t of countedFor(note)) usage.get(t)!.notesWithin++;
  for (const note of book.notes)
    for (const t of new Set(note.tagIds)) {
      const u = usage.get(t);
      if (u) u.notes++;
    }
  return usage;
}

export interface TagTreeNode {
  tag: Tag;
  depth: number;
  children: TagTreeNode[];
}

/** The tags as a tree, siblings in name order. */
export function tagTree(tags: readonly Tag[]): TagTreeNode[] {
  const nodes = new Map<string, TagTreeNode>();
  const sorted = [...tags].sort((a, b) => a.name.localeCompare(b.name));
  for (const tag of sorted)
    nodes.set(key(tag.name), { tag, depth: depthOf(tag.name), children: [] });
  const roots: TagTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = parentPath(node.tag.name);
    const parentNode = parent === null ? undefined : nodes.get(key(parent));
    if (parentNode) parentNode.children.push(node);
    else roots.push(node);
  }
  return roots;
}
