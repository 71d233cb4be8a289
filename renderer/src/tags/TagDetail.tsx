import { type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  findTagNamed,
  isWithin,
  leafName,
  parentPath,
  type TagUsage,
} from '../../../shared/codebook.ts';
import type { HighlightColor } from '../../../shared/colors.ts';
import type { Tag } from '../../../shared/model.ts';
import { findTagByName, normalizeTagName } from '../../../shared/tags.ts';
import { useApp } from '../app-services.ts';
import { NotebookCallError } from '../notebook-client.ts';
import { ColorPicker } from '../ui/ColorPicker.tsx';
import { describeSaveState, useAutosave } from '../ui/use-autosave.ts';
import { formatCreated, plural, usageLine } from './wording.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Everything about one tag, editable in place. Mount it with `key={tag.id}` so the name draft,
 * the description's autosave and the merge choice belong to one tag.
 */
export function TagDetail({
  tag,
  tags,
  usage,
  subTags,
  nameRef,
  onRename,
  onNameDone,
  onNameBlur,
  onColor,
  onDescribe,
  onMove,
  onMerge,
  onDelete,
}: {
  tag: Tag;
  tags: readonly Tag[];
  usage: TagUsage;
  subTags: number;
  nameRef: RefObject<HTMLInputElement | null>;
  /** Rejects with the reason when the name cannot be taken. */
  onRename: (name: string) => Promise<unknown>;
  /** Enter saved the name, or Escape gave up editing it. */
  onNameDone: () => void;
  onNameBlur: () => void;
  onColor: (color: HighlightColor) => void;
  onDescribe: (description: string) => Promise<unknown>;
  onMove: (parentId: string | null) => void;
  onMerge: (targetId: string) => void;
  onDelete: () => void;
}) {
  const ids = {
    name: useId(),
    nameHint: useId(),
    nameError: useId(),
    description: useId(),
    saveState: useId(),
    move: useId(),
    merge: useId(),
    mergeHint: useId(),
    deleteHint: useId(),
  };

  // The name: a draft until Enter or leaving the field saves it.
  const [name, setName] = useState(tag.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const sent = useRef<string | null>(null);
  useEffect(() => {
    setName(tag.name);
    setNameError(null);
    sent.current = null;
  }, [tag.name]);

  // Tags it may move under or merge into: anything outside its own subtree.
  const others = useMemo(
    () =>
      tags.filter((t) => !isWithin(t.name, tag.name)).sort((a, b) => a.name.localeCompare(b.name)),
    [tags, tag.name],
  );
  const parent = parentPath(tag.name);
  const parentId = parent === null ? '' : (findTagNamed(tags, parent)?.id ?? '');
  const [mergeTarget, setMergeTarget] = useState('');
  // Chosen first, moved on the button: arrow keys on a closed select change its value at once.
  const [moveTarget, setMoveTarget] = useState<string | null>(null);
  const chosenParent = moveTarget ?? parentId;
  const target = others.find((t) => t.id === mergeTarget);

  const saveName = async (): Promise<boolean> => {
    const next = normalizeTagName(name);
    if (next === tag.name) {
      setName(tag.name);
      setNameError(null);
      return true;
    }
    if (next === sent.current) return nameError === null;
    sent.current = next;
    try {
      await onRename(next);
      setNameError(null);
      return true;
    } catch (error) {
      setNameError(message(error));
      // Taken by another tag: the way forward is a merge, so have it ready.
      if (error instanceof NotebookCallError && error.code === 'conflict') {
        const other = findTagByName(tags, next);
        if (other && !isWithin(other.name, tag.name)) setMergeTarget(other.id);
      }
      return false;
    }
  };

  const description = useAutosave(onDescribe, tag.description, 600);
  const { exporter } = useApp();

  return (
    <div className="tm-detail-inner">
      <header className="tm-detail-header">
        <span className={`tm-big-dot dot-${tag.color}`} aria-hidden="true" />
        <div className="tm-heading">
          <h2>{leafName(tag.name)}</h2>
          {parent !== null && (
            <p className="tm-breadcrumb">
              {parent.split('/').join(' › ')} › <span>{leafName(tag.name)}</span>
            </p>
          )}
          <p className="tm-meta">
            <span className="tm-usage">{usageLine(usage)}</span>
            <span className="tm-created">Created {formatCreated(tag.createdAt)}</span>
          </p>
        </div>
        <button
          type="button"
          className="tm-export"
          title="Export the quotes and notes under this tag"
          onClick={() => exporter.open({ scope: { kind: 'tag', tagId: tag.id } })}
        >
          Export…
        </button>
      </header>

      <div className="tm-group">
        <div className="tm-field">
          <label htmlFor={ids.name}>Name</label>
          <div className="tm-control">
            <input
              ref={nameRef}
              id={ids.name}
              type="text"
              value={name}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={nameError !== null}
              aria-describedby={nameError ? `${ids.nameError} ${ids.nameHint}` : ids.nameHint}
              onChange={(event) => {
                setName(event.target.value);
                if (nameError) setNameError(null);
                sent.current = null;
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void saveName().then((ok) => ok && onNameDone());
                } else if (event.key === 'Escape') {
                  event.preventDefault();
                  setName(tag.name);
                  setNameError(null);
                  onNameDone();
                }
              }}
              onBlur={() => {
                void saveName();
                onNameBlur();
              }}
            />
            {nameError && (
              <p id={ids.nameError} className="tm-error" role="alert">
                {nameError}
              </p>
            )}
            <p id={ids.nameHint} className="tm-hint">
              Use / to nest. Renaming a tag moves its sub-tags with it.
            </p>
          </div>
        </div>

        <div className="tm-field tm-field-center">
          <span className="tm-label" aria-hidden="true">
            Colour
          </span>
          <div className="tm-control">
            <ColorPicker value={tag.color} onChange={onColor} label="Colour" />
          </div>
        </div>

        <div className="tm-field">
          <label htmlFor={ids.description}>Description</label>
          <div className="tm-control">
            <textarea
              id={ids.description}
              rows={4}
              value={description.value}
              placeholder="What this tag means and when to use it"
              aria-describedby={ids.saveState}
              onChange={(event) => description.change(event.target.value)}
              onBlur={description.flush}
            />
            <p
              id={ids.saveState}
              className={`save-state tm-hint${description.state === 'failed' ? ' save-failed' : ''}`}
              aria-live="polite"
            >
              {describeSaveState(description.state, description.error)}
            </p>
          </div>
        </div>
      </div>

      <h3 className="tm-group-title">Organise</h3>
      <div className="tm-group">
        <div className="tm-field tm-field-center">
          <label htmlFor={ids.move}>Move to</label>
          <div className="tm-control">
            <div className="tm-inline">
              <span className="tm-select">
                <select
                  id={ids.move}
                  value={chosenParent}
                  onChange={(event) => setMoveTarget(event.target.value)}
                >
                  <option value="">Top level</option>
                  {others.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </span>
              <button
                type="button"
                disabled={chosenParent === parentId}
                onClick={() => {
                  onMove(chosenParent || null);
                  setMoveTarget(null);
                }}
              >
                Move
              </button>
            </div>
          </div>
        </div>

        <div className="tm-field">
          <label htmlFor={ids.merge} className="tm-label-select">
            Merge into
          </label>
          <div className="tm-control">
            <div className="tm-inline">
              <span className="tm-select">
                <select
                  id={ids.merge}
                  value={target ? target.id : ''}
                  aria-describedby={ids.mergeHint}
                  onChange={(event) => setMergeTarget(event.target.value)}
                >
                  <option value="">Choose a tag…</option>
                  {others.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </span>
              <button type="button" disabled={!target} onClick={() => target && onMerge(target.id)}>
                Merge
              </button>
            </div>
            <p id={ids.mergeHint} className="tm-hint">
              {target
                ? `Everything tagged “${tag.name}” will be tagged “${target.name}” instead${subTags ? ', and its sub-tags move under it' : ''}.`
                : 'Its quotes and notes move to the chosen tag, and this tag goes.'}
            </p>
          </div>
        </div>
      </div>

      <div className="tm-group tm-group-danger">
        <div className="tm-danger-row">
          <p id={ids.deleteHint} className="tm-hint">
            {subTags
              ? `Deletes this tag and its ${plural(subTags, 'sub-tag')} and removes them from every quote and note.`
              : 'Deletes this tag and removes it from every quote and note.'}{' '}
            You can undo this.
          </p>
          <button
            type="button"
            className="danger"
            aria-describedby={ids.deleteHint}
            onClick={onDelete}
          >
            Delete tag
          </button>
        </div>
      </div>
    </div>
  );
}
