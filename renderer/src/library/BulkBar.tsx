import { plural } from '../../../shared/format.ts';
import type { Collection } from '../../../shared/model.ts';
import type { Collections } from '../collections/use-collections.ts';
import { IconButton } from '../ui/IconButton.tsx';

const NEW_COLLECTION = '__new__';

/**
 * What can be done to the documents chosen in the library: add them to a collection (or a new
 * one), take them out of the one shown, export them, delete them (undoable).
 */
export function BulkBar({
  ids,
  collections,
  current,
  onNewCollection,
  onExport,
  onDelete,
  onClear,
}: {
  ids: readonly string[];
  collections: Collections;
  current: Collection | null;
  onNewCollection: (documentIds: string[]) => void;
  onExport: (documentIds: string[]) => void;
  onDelete: (documentIds: string[]) => void;
  onClear: () => void;
}) {
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected documents">
      <span className="bulk-count" aria-live="polite">
        {plural(ids.length, 'document')} selected
      </span>
      <select
        aria-label="Add selected documents to a collection"
        value=""
        onChange={(e) => {
          const id = e.target.value;
          if (id === NEW_COLLECTION) onNewCollection([...ids]);
          const collection = collections.list.find((c) => c.id === id);
          if (collection) void collections.add(collection, [...ids]);
        }}
      >
        <option value="" disabled>
          Add to collection…
        </option>
        {collections.list.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
        <option value={NEW_COLLECTION}>New collection…</option>
      </select>
      {current && (
        <button type="button" onClick={() => void collections.takeOut(current, [...ids])}>
          Remove from “{current.name}”
        </button>
      )}
      <button type="button" onClick={() => onExport([...ids])}>
        Export…
      </button>
      <button type="button" className="danger" onClick={() => onDelete([...ids])}>
        Delete
      </button>
      <IconButton
        className="bulk-clear"
        label="Clear selection"
        title="Clear selection (Escape)"
        onClick={onClear}
      >
        ×
      </IconButton>
    </div>
  );
}
