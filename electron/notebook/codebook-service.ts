import {
  applyTagUndo,
  type Codebook,
  codebookProblems,
  deleteTag,
  ensureTagPath,
  findTagById,
  findTagNamed,
  mergeTags,
  moveTag,
  renameTag,
  restoreTagSnapshot,
  retagHolders,
  snapshotTags,
  subtreeOf,
  type TagFactory,
  type TagHolder,
  tagUsage,
  undoSince,
} from '../../shared/codebook.ts';
import type { NotebookHandlers } from '../../shared/contract.ts';
import type { StoreData } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { assertCodebookEditable } from '../../shared/rounds/rounds.ts';
import type { Changed } from './service.ts';
import type { Store, Touch } from './store.ts';

type CodebookHandlers = Pick<
  NotebookHandlers,
  | 'listTags'
  | 'createTag'
  | 'updateTag'
  | 'moveTag'
  | 'mergeTags'
  | 'deleteTag'
  | 'retagAnnotations'
  | 'restoreTags'
  | 'tagUsage'
>;

/**
 * Journal what a codebook operation changed in place: tags that differ from the snapshot taken
 * before it, and the quotes and notes whose tag lists it changed (`holders`: the undo's deltas,
 * or the whole snapshot when it was put back after a failure).
 */
function touchChanged(
  data: StoreData,
  before: ReturnType<typeof snapshotTags>,
  holders: { annotations: readonly { id: string }[]; notes: readonly { id: string }[] },
  touch: Touch,
): void {
  const prior = new Map(before.tags.map((t) => [t.id, JSON.stringify(t)]));
  for (const tag of data.tags) if (prior.get(tag.id) !== JSON.stringify(tag)) touch('tags', tag);
  const quotes = new Set(holders.annotations.map((h) => h.id));
  for (const a of data.annotations) if (quotes.has(a.id)) touch('annotations', a);
  const notes = new Set(holders.notes.map((h) => h.id));
  for (const n of data.notes) if (notes.has(n.id)) touch('notes', n);
}

/**
 * The codebook behind the contract: thin wrappers that run the pure operations of
 * shared/codebook.ts inside one store change. Should an operation fail halfway, the tags are
 * put back as they were before the change is kept.
 */
export function createCodebookService(
  store: Store,
  changed: Changed,
  factory: TagFactory,
): CodebookHandlers {
  const transaction = <T>(touches: (holder: TagHolder) => boolean, op: (book: Codebook) => T) =>
    store.change((data: StoreData, touch) => {
      const before = snapshotTags(data, touches);
      try {
        const result = op(data);
        const problems = codebookProblems(data);
        if (problems.length > 0) {
          throw new NotebookError(
            'conflict',
            `That would leave the tags inconsistent (${problems[0]}); nothing was changed.`,
          );
        }
        const undo = undoSince(before, data);
        touchChanged(data, before, undo, touch);
        return { result, undo };
      } catch (error) {
        restoreTagSnapshot(data, before, factory);
        touchChanged(data, before, before, touch);
        throw error;
      }
    });
  const touching = (ids: ReadonlySet<string>) => (holder: TagHolder) =>
    holder.tagIds.some((t) => ids.has(t));

  return {
    listTags() {
      return [...store.data.tags].sort((a, b) => a.name.localeCompare(b.name));
    },

    createTag({ name, color }) {
      assertCodebookEditable(store.data);
      const existing = findTagNamed(store.data.tags, name);
      if (existing) return existing;
      const tag = store.change((data) => ensureTagPath(data, name, factory, color));
      changed('tags');
      return tag;
    },

    updateTag({ id, name, color, description }) {
      assertCodebookEditable(store.data);
      findTagById(store.data, id);
      const { result } = transaction(
        () => false,
        (book) => {
          const tag =
            name === undefined ? findTagById(book, id) : renameTag(book, id, name, factory);
          if (color !== undefined) tag.color = color;
          if (description !== undefined) tag.description = description;
          if (color !== undefined || description !== undefined) tag.updatedAt = factory.now();
          return { ...tag };
        },
      );
      changed('tags');
      return result;
    },

    moveTag({ id, parentId }) {
      assertCodebookEditable(store.data);
      findTagById(store.data, id);
      const { result } = transaction(
        () => false,
        (book) => ({ ...moveTag(book, id, parentId, factory) }),
      );
      changed('tags');
      return result;
    },

    mergeTags({ sourceId, targetId }) {
      assertCodebookEditable(store.data);
      const source = findTagById(store.data, sourceId);
      const target = findTagById(store.data, targetId);
      const involved = new Set(
        [...subtreeOf(store.data.tags, source), ...subtreeOf(store.data.tags, target)].map(
          (t) => t.id,
        ),
      );
      const { result, undo } = transaction(touching(involved), (book) => ({
        ...mergeTags(book, sourceId, targetId, factory),
      }));
      changed('tags', 'annotations', 'notes');
      return { survivor: result, undo };
    },

    deleteTag({ id }) {
      assertCodebookEditable(store.data);
      const tag = findTagById(store.data, id);
      const ids = new Set(subtreeOf(store.data.tags, tag).map((t) => t.id));
      const { result, undo } = transaction(touching(ids), (book) => deleteTag(book, id));
      changed('tags', 'annotations', 'notes');
      return { removed: result, undo };
    },

    retagAnnotations({ annotationIds, addTagIds, removeTagIds }) {
      const known = new Set(store.data.tags.map((t) => t.id));
      const unknown = [...addTagIds, ...removeTagIds].find((t) => !known.has(t));
      if (unknown) throw new NotebookError('not-found', `No tag with id ${unknown}.`);
      const targets = new Set(annotationIds);
      const existing = new Set(store.data.annotations.map((a) => a.id));
      const missing = annotationIds.find((a) => !existing.has(a));
      if (missing) throw new NotebookError('not-found', `No highlight with id ${missing}.`);
      // Quote and note ids never collide (their prefixes differ), so one filter serves both.
      const { undo } = transaction(
        (holder) => targets.has(holder.id),
        (book) => retagHolders(book.annotations, targets, addTagIds, removeTagIds),
      );
      changed('annotations');
      return { changed: targets.size, undo };
    },

    restoreTags({ undo }) {
      assertCodebookEditable(store.data);
      const touched = new Set([...undo.annotations, ...undo.notes].map((d) => d.id));
      transaction(
        (holder) => touched.has(holder.id),
        (book) => applyTagUndo(book, undo, factory),
      );
      changed('tags', 'annotations', 'notes');
      const restored = new Set(undo.tags.map((t) => t.id));
      return store.data.tags.filter((t) => restored.has(t.id));
    },

    tagUsage() {
      return Object.fromEntries(tagUsage(store.data));
    },
  };
}
