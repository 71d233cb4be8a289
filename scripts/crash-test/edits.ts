import type { HighlightColor } from '../../shared/colors.ts';
import type { StoreData } from '../../shared/model.ts';

/**
 * The edits the kill-test child makes, as it announces them (`edit <seq> <json>`) before making
 * them, and what each one leaves on disk. Every edit sets one key to one value, and values are
 * unique per edit (they carry a marker), so the parent can tell which edit a record on disk
 * comes from.
 */
export type Edit =
  | { op: 'createNote'; title: string; body: string }
  | { op: 'updateNote'; id: string; title: string; body: string }
  | { op: 'deleteNote'; id: string; title: string }
  | {
      op: 'createAnnotation';
      documentId: string;
      start: number;
      end: number;
      color: HighlightColor;
      /** A unique marker: how the parent finds the highlight (its id is made by the core). */
      comment: string;
    }
  | { op: 'deleteAnnotation'; id: string; comment: string }
  | { op: 'commentAnnotation'; id: string; comment: string }
  | { op: 'createTag'; name: string }
  | { op: 'describeTag'; id: string; description: string };

/** Prefix of the comments of highlights the child made (the fixture's never start with it). */
export const CHILD_ANNOTATION = 'cta ';
/** Prefix of the titles of notes the child made. */
export const CHILD_NOTE = 'ct ';
export const ABSENT = 'absent';

/** The call that makes an edit. */
export function callFor(edit: Edit): { method: string; input: Record<string, unknown> } {
  switch (edit.op) {
    case 'createNote':
      return { method: 'createNote', input: { title: edit.title, body: edit.body } };
    case 'updateNote':
      return { method: 'updateNote', input: { id: edit.id, body: edit.body } };
    case 'deleteNote':
      return { method: 'deleteNote', input: { id: edit.id } };
    case 'createAnnotation': {
      const { documentId, start, end, color, comment } = edit;
      return { method: 'createAnnotation', input: { documentId, start, end, color, comment } };
    }
    case 'deleteAnnotation':
      return { method: 'deleteAnnotation', input: { id: edit.id } };
    case 'commentAnnotation':
      return { method: 'updateAnnotation', input: { id: edit.id, comment: edit.comment } };
    case 'createTag':
      return { method: 'createTag', input: { name: edit.name } };
    case 'describeTag':
      return { method: 'updateTag', input: { id: edit.id, description: edit.description } };
  }
}

/** The one key an edit sets and the value it sets it to. */
export function effectOf(edit: Edit): { key: string; value: string } {
  switch (edit.op) {
    case 'createNote':
    case 'updateNote':
      return { key: `note:${edit.title}`, value: `body:${edit.body}` };
    case 'deleteNote':
      return { key: `note:${edit.title}`, value: ABSENT };
    case 'createAnnotation':
      return {
        key: `ann:${edit.comment}`,
        value: `at:${edit.documentId}:${edit.start}-${edit.end}:${edit.color}`,
      };
    case 'deleteAnnotation':
      return { key: `ann:${edit.comment}`, value: ABSENT };
    case 'commentAnnotation':
      return { key: `comment:${edit.id}`, value: `comment:${edit.comment}` };
    case 'createTag':
      return { key: `tag:${edit.name.toLowerCase()}`, value: 'present' };
    case 'describeTag':
      return { key: `description:${edit.id}`, value: `description:${edit.description}` };
  }
}

/** A store as read back from disk, looked up by the keys above. */
export function indexStore(data: StoreData): (key: string) => string {
  const notes = new Map(data.notes.map((n) => [n.title, n]));
  const byComment = new Map(data.annotations.map((a) => [a.comment, a]));
  const annotations = new Map(data.annotations.map((a) => [a.id, a]));
  const tagNames = new Set(data.tags.map((t) => t.name.toLowerCase()));
  const tags = new Map(data.tags.map((t) => [t.id, t]));
  return (key) => {
    const at = key.indexOf(':');
    const kind = key.slice(0, at);
    const name = key.slice(at + 1);
    switch (kind) {
      case 'note': {
        const note = notes.get(name);
        return note ? `body:${note.body}` : ABSENT;
      }
      case 'ann': {
        const a = byComment.get(name);
        if (!a || 'area' in a.target) return ABSENT;
        const { start, end } = a.target.position;
        return `at:${a.documentId}:${start}-${end}:${a.color}`;
      }
      case 'comment': {
        const a = annotations.get(name);
        return a ? `comment:${a.comment}` : ABSENT;
      }
      case 'tag':
        return tagNames.has(name) ? 'present' : ABSENT;
      case 'description': {
        const tag = tags.get(name);
        return tag ? `description:${tag.description}` : ABSENT;
      }
      default:
        throw new Error(`unknown key ${key}`);
    }
  };
}
