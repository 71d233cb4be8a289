import '../styles/tags.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { subtreeOf } from '../../../shared/codebook.ts';
import type { Tag } from '../../../shared/model.ts';
import { findTagByName, normalizeTagName } from '../../../shared/tags.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { IconButton } from '../ui/IconButton.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { TagDetail } from './TagDetail.tsx';
import { TagTree } from './TagTree.tsx';
import { ancestorIds, visibleRows } from './tree-rows.ts';
import { EMPTY_USAGE, listing, plural } from './wording.ts';

/** Kept while the app runs, so coming back to the view finds the same tag and the same folds. */
const memory: { selectedId: string | null; collapsed: ReadonlySet<string> } = {
  selectedId: null,
  collapsed: new Set(),
};

interface DeleteRequest {
  tag: Tag;
  quotes: number;
  notes: number;
  subTags: number;
}

/**
 * The codebook: every tag as a tree (counts rolled up to parents) beside the selected tag's
 * details. Create, rename or move (a new path takes the subtree along), recolour, describe,
 * merge and delete; the destructive ones can be undone.
 */
export function TagManager({
  request = null,
  onRequestHandled,
}: {
  /** A tag to show (from search); `seq` makes a repeat count. */
  request?: { id: string; seq: number } | null;
  /** Called once the requested tag is shown, so coming back later does not show it again. */
  onRequestHandled?: () => void;
} = {}) {
  const { tags, usage, notify, onError, offerUndo } = useApp();
  const [selectedId, setSelectedId] = useState(request?.id ?? memory.selectedId);
  const [collapsed, setCollapsed] = useState(memory.collapsed);
  const [draft, setDraft] = useState('');
  const [confirming, setConfirming] = useState<DeleteRequest | null>(null);
  /** Put focus on the selected row once it is one not in `avoid` (tags on their way out). */
  const [focusRequest, setFocusRequest] = useState<{ avoid: ReadonlySet<string> } | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const newTagRef = useRef<HTMLInputElement>(null);
  /** A tag just created: selected before the list that has it arrives. */
  const awaited = useRef<string | null>(null);
  const renamingFromTree = useRef(false);

  useEffect(() => {
    memory.selectedId = selectedId;
    memory.collapsed = collapsed;
  }, [selectedId, collapsed]);

  // A tag asked for from outside is selected, with its ancestors unfolded so its row shows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request selects.
  useEffect(() => {
    if (!request) return;
    setSelectedId(request.id);
    const tag = tags.find((t) => t.id === request.id);
    const open = new Set(tag ? ancestorIds(tags, tag.name) : []);
    setCollapsed((c) => new Set([...c].filter((id) => !open.has(id))));
    onRequestHandled?.();
  }, [request]);

  const rows = useMemo(() => visibleRows(tags, collapsed), [tags, collapsed]);
  const selected = tags.find((t) => t.id === selectedId) ?? null;

  // The selection is an id, so it survives reloads and renames. When its tag goes, the row
  // that followed it (else the one before) takes over.
  const previousRows = useRef(rows);
  useEffect(() => {
    const before = previousRows.current;
    previousRows.current = rows;
    if (rows.length === 0) return;
    if (selectedId && tags.some((t) => t.id === selectedId)) {
      if (awaited.current === selectedId) awaited.current = null;
      return;
    }
    if (selectedId && awaited.current === selectedId) return;
    const alive = new Set(tags.map((t) => t.id));
    const at = before.findIndex((r) => r.tag.id === selectedId);
    const next =
      at < 0
        ? undefined
        : [...before.slice(at + 1), ...before.slice(0, at).reverse()].find((r) =>
            alive.has(r.tag.id),
          );
    setSelectedId(next?.tag.id ?? rows[0]!.tag.id);
  }, [rows, tags, selectedId]);

  // A selected tag is always visible: unfold its ancestors (after a create, rename or move).
  const selectedName = selected?.name;
  useEffect(() => {
    if (selectedName === undefined) return;
    const above = ancestorIds(tags, selectedName);
    setCollapsed((folded) =>
      above.some((id) => folded.has(id))
        ? new Set([...folded].filter((id) => !above.includes(id)))
        : folded,
    );
  }, [tags, selectedName]);

  // …and in view, also after a rename or move put it somewhere else in the list.
  useEffect(() => {
    if (!selectedId || selectedName === undefined) return;
    treeRef.current
      ?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, selectedName]);

  useEffect(() => {
    if (!focusRequest) return;
    if (rows.length === 0) {
      newTagRef.current?.focus();
      setFocusRequest(null);
      return;
    }
    if (!selectedId || focusRequest.avoid.has(selectedId)) return;
    const row = treeRef.current?.querySelector<HTMLElement>(
      `[data-id="${CSS.escape(selectedId)}"]`,
    );
    if (!row) return;
    row.focus();
    setFocusRequest(null);
  }, [focusRequest, rows, selectedId]);

  const toggle = (id: string, expand: boolean) => {
    setCollapsed((folded) => {
      const next = new Set(folded);
      if (expand) next.delete(id);
      else next.add(id);
      return next;
    });
    // Folding away the selection selects the folded tag, as file browsers do.
    const tag = tags.find((t) => t.id === id);
    if (
      !expand &&
      tag &&
      selected &&
      selected.id !== id &&
      ancestorIds(tags, selected.name).includes(id)
    ) {
      setSelectedId(id);
      if (treeRef.current?.contains(document.activeElement)) setFocusRequest({ avoid: new Set() });
    }
  };

  const create = async () => {
    const name = normalizeTagName(draft);
    if (name === '') return;
    const existing = findTagByName(tags, name);
    if (existing) {
      setSelectedId(existing.id);
      setDraft('');
      notify({ tone: 'info', message: `“${existing.name}” already exists.` });
      return;
    }
    try {
      const tag = await call('createTag', { name });
      awaited.current = tag.id;
      setSelectedId(tag.id);
      setDraft('');
    } catch (error) {
      onError(error);
    }
  };

  const startRename = () => {
    const field = nameRef.current;
    if (!field) return;
    renamingFromTree.current = true;
    field.focus();
    field.select();
  };
  const finishRename = () => {
    if (!renamingFromTree.current) return;
    renamingFromTree.current = false;
    setFocusRequest({ avoid: new Set() });
  };

  const impactOf = (tag: Tag): DeleteRequest => {
    const subtree = subtreeOf(tags, tag);
    const own = usage[tag.id] ?? EMPTY_USAGE;
    return {
      tag,
      quotes: own.quotesWithin,
      notes: own.notesWithin,
      subTags: subtree.length - 1,
    };
  };

  const remove = async (tag: Tag) => {
    const going = new Set(subtreeOf(tags, tag).map((t) => t.id));
    try {
      const { undo } = await call('deleteTag', { id: tag.id });
      setFocusRequest({ avoid: going });
      offerUndo(`Deleted tag “${tag.name}”.`, 'delete tag', async () => {
        await call('restoreTags', { undo });
      });
    } catch (error) {
      onError(error);
    }
  };

  const requestDelete = (id: string) => {
    const tag = tags.find((t) => t.id === id);
    if (!tag) return;
    const impact = impactOf(tag);
    if (impact.quotes > 0 || impact.notes > 0 || impact.subTags > 0) setConfirming(impact);
    else void remove(tag);
  };

  const merge = async (source: Tag, targetId: string) => {
    const going = new Set(subtreeOf(tags, source).map((t) => t.id));
    try {
      const { survivor, undo } = await call('mergeTags', { sourceId: source.id, targetId });
      setSelectedId(survivor.id);
      setFocusRequest({ avoid: going });
      offerUndo(`Merged “${source.name}” into “${survivor.name}”.`, 'merge tags', async () => {
        await call('restoreTags', { undo });
      });
    } catch (error) {
      onError(error);
    }
  };

  return (
    <div className="tag-manager">
      <div className="tm-sidebar">
        <header className="panel-header">
          <h2>Tags</h2>
          <span className="count">{tags.length}</span>
        </header>
        <div className="tm-new">
          <input
            ref={newTagRef}
            type="text"
            aria-label="New tag"
            placeholder="New tag (use / to nest)"
            value={draft}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void create();
              } else if (event.key === 'Escape' && draft) {
                event.preventDefault();
                setDraft('');
              }
            }}
          />
          <IconButton
            className="tm-add"
            label="Create tag"
            title="Create tag (Enter)"
            disabled={normalizeTagName(draft) === ''}
            onClick={() => void create()}
          >
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path
                d="M8 3v10M3 8h10"
                stroke="currentColor"
                strokeWidth="1.6"
                strokeLinecap="round"
              />
            </svg>
          </IconButton>
        </div>
        {tags.length === 0 ? (
          <div className="empty-state tm-empty">
            <p>No tags yet. Tag a quote in the reader, or create one here.</p>
          </div>
        ) : (
          <TagTree
            rows={rows}
            selectedId={selectedId}
            usage={usage}
            treeRef={treeRef}
            onSelect={setSelectedId}
            onToggle={toggle}
            onRename={startRename}
            onDelete={requestDelete}
          />
        )}
      </div>

      <section className="tm-detail" aria-label="Tag details">
        {selected ? (
          <TagDetail
            key={selected.id}
            tag={selected}
            tags={tags}
            usage={usage[selected.id] ?? EMPTY_USAGE}
            subTags={subtreeOf(tags, selected).length - 1}
            nameRef={nameRef}
            onRename={(name) => call('updateTag', { id: selected.id, name })}
            onNameDone={finishRename}
            onNameBlur={() => {
              renamingFromTree.current = false;
            }}
            onColor={(color) => void call('updateTag', { id: selected.id, color }).catch(onError)}
            onDescribe={(description) => call('updateTag', { id: selected.id, description })}
            onMove={(parentId) =>
              void call('moveTag', { id: selected.id, parentId }).catch(onError)
            }
            onMerge={(targetId) => void merge(selected, targetId)}
            onDelete={() => requestDelete(selected.id)}
          />
        ) : (
          <div className="tm-placeholder">
            <p className="empty-title">
              {tags.length === 0 ? 'Tags sort quotes across documents' : 'No tag selected'}
            </p>
            <p>
              {tags.length === 0
                ? 'Type a name on the left and press Enter. Use / to nest: actors/afghan.'
                : 'Select a tag in the list to see and edit it.'}
            </p>
          </div>
        )}
      </section>

      {confirming && (
        <ConfirmDialog
          title={`Delete “${confirming.tag.name}”?`}
          confirmLabel="Delete"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const { tag } = confirming;
            setConfirming(null);
            void remove(tag);
          }}
        >
          <p>{deleteMessage(confirming)}</p>
          <p>The quotes and notes themselves are kept. You can undo this.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** "This tag and its 2 sub-tags will be removed from 12 quotes and 3 notes." */
function deleteMessage({ quotes, notes, subTags }: DeleteRequest): string {
  const what = subTags > 0 ? `This tag and its ${plural(subTags, 'sub-tag')}` : 'This tag';
  const from = [
    quotes > 0 ? plural(quotes, 'quote') : '',
    notes > 0 ? plural(notes, 'note') : '',
  ].filter(Boolean);
  return from.length > 0
    ? `${what} will be removed from ${listing(from)}.`
    : `${what} will be deleted. No quotes or notes use ${subTags > 0 ? 'them' : 'it'}.`;
}
