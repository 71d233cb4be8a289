import { type KeyboardEvent, useRef, useState } from 'react';
import type { Collection } from '../../../shared/model.ts';
import { IconButton } from '../ui/IconButton.tsx';
import { LineIcon } from '../ui/LineIcon.tsx';
import type { Collections } from './use-collections.ts';

/** The drag type a library row carries: the ids of the documents dragged, as JSON. */
export const DOCUMENTS_DRAG_TYPE = 'application/x-marginalia-documents';

/**
 * Collections in the library's sidebar, with counts: choose one to see only its documents, drop
 * documents on one to add them, F2 to rename, Delete to delete (its documents stay).
 */
export function CollectionList({
  collections,
  total,
  current,
  onChoose,
  creating,
  onCreating,
}: {
  collections: Collections;
  total: number;
  current: string | null;
  onChoose: (id: string | null) => void;
  /** A new collection being named, with the documents it starts with. */
  creating: { documentIds: string[] } | null;
  onCreating: (creating: { documentIds: string[] } | null) => void;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const onKeyDown = (event: KeyboardEvent, collection: Collection) => {
    if (event.key === 'F2') {
      event.preventDefault();
      setRenaming(collection.id);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      if (current === collection.id) onChoose(null);
      void collections.remove(collection);
    }
  };
  const dropped = (event: React.DragEvent, collection: Collection) => {
    event.preventDefault();
    setDropTarget(null);
    const ids = parseDragged(event.dataTransfer.getData(DOCUMENTS_DRAG_TYPE));
    if (ids.length > 0) void collections.add(collection, ids);
  };

  return (
    <section className="collections" aria-label="Collections">
      <div className="collections-header">
        <h3>Collections</h3>
        <IconButton label="New collection" onClick={() => onCreating({ documentIds: [] })}>
          <LineIcon d="M8 3.5v9M3.5 8h9" />
        </IconButton>
      </div>
      <ul className="collection-items">
        <li>
          <button
            type="button"
            className="collection-item"
            aria-current={current === null ? 'true' : undefined}
            onClick={() => onChoose(null)}
          >
            <span className="collection-name">All documents</span>
            <span className="count">{total}</span>
          </button>
        </li>
        {collections.list.map((c) =>
          renaming === c.id ? (
            <li key={c.id}>
              <NameField
                label={`New name for ${c.name}`}
                initial={c.name}
                onDone={async (name) => {
                  if (name && name !== c.name && !(await collections.rename(c, name))) return;
                  setRenaming(null);
                }}
              />
            </li>
          ) : (
            <li
              key={c.id}
              className={dropTarget === c.id ? 'drop-target' : undefined}
              onDragOver={(e) => {
                if (!e.dataTransfer.types.includes(DOCUMENTS_DRAG_TYPE)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'copy';
                setDropTarget(c.id);
              }}
              onDragLeave={() => setDropTarget(null)}
              onDrop={(e) => dropped(e, c)}
            >
              <button
                type="button"
                className="collection-item"
                aria-current={current === c.id ? 'true' : undefined}
                title={`${c.name}: F2 renames, Delete deletes (its documents stay)`}
                onClick={() => onChoose(c.id)}
                onDoubleClick={() => setRenaming(c.id)}
                onKeyDown={(e) => onKeyDown(e, c)}
              >
                <span className="collection-name">{c.name}</span>
                <span className="count">{c.documentIds.length}</span>
              </button>
              <IconButton
                className="collection-delete"
                label={`Delete collection ${c.name}`}
                title="Delete collection (its documents stay)"
                onClick={() => {
                  if (current === c.id) onChoose(null);
                  void collections.remove(c);
                }}
              >
                <LineIcon d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
              </IconButton>
            </li>
          ),
        )}
      </ul>
      {collections.list.length === 0 && !creating && (
        <p className="collections-empty">
          Group documents by project, chapter or case: create a collection, then drag documents onto
          it.
        </p>
      )}
      {creating && (
        <NameField
          label="New collection name"
          initial=""
          onDone={async (name) => {
            if (name) {
              const made = await collections.create(name, creating.documentIds);
              if (!made) return;
              onChoose(made.id);
            }
            onCreating(null);
          }}
        />
      )}
    </section>
  );
}

/** An inline name field: Enter keeps, Escape (or an empty name) cancels. */
function NameField({
  label,
  initial,
  onDone,
}: {
  label: string;
  initial: string;
  onDone: (name: string | null) => Promise<void> | void;
}) {
  const [value, setValue] = useState(initial);
  // Enter, then the blur that follows when the field goes, must act once.
  const finished = useRef(false);
  const finish = (name: string | null) => {
    if (finished.current) return;
    finished.current = true;
    void Promise.resolve(onDone(name)).finally(() => {
      finished.current = false;
    });
  };
  return (
    <form
      className="collection-name-field"
      onSubmit={(e) => {
        e.preventDefault();
        finish(value.trim() || null);
      }}
    >
      <input
        // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to name.
        autoFocus
        type="text"
        aria-label={label}
        placeholder="Collection name"
        maxLength={200}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            finish(null);
          }
        }}
        onBlur={() => finish(value.trim() || null)}
      />
    </form>
  );
}

function parseDragged(data: string): string[] {
  try {
    const ids: unknown = JSON.parse(data);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
