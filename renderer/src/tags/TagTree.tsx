import { type KeyboardEvent, type MouseEvent, type RefObject, useRef } from 'react';
import { leafName, type TagUsage } from '../../../shared/codebook.ts';
import type { TreeRow } from './tree-rows.ts';
import { EMPTY_USAGE } from './wording.ts';

const TYPE_AHEAD_MS = 700;

/**
 * The tag tree as an ARIA tree with a roving tabindex: one row is tabbable, focus follows the
 * arrow keys and selection follows focus. Arrow Right opens a folded tag or steps into it, Arrow
 * Left folds it or steps out to its parent, Home/End jump, typing a name jumps to it, Enter/F2
 * renames and Delete deletes.
 */
export function TagTree({
  rows,
  selectedId,
  usage,
  treeRef,
  onSelect,
  onToggle,
  onRename,
  onDelete,
}: {
  rows: readonly TreeRow[];
  selectedId: string | null;
  usage: Readonly<Record<string, TagUsage>>;
  treeRef: RefObject<HTMLDivElement | null>;
  onSelect: (id: string) => void;
  onToggle: (id: string, expand: boolean) => void;
  onRename: () => void;
  onDelete: (id: string) => void;
}) {
  const typed = useRef({ text: '', at: 0 });
  const tabbable = rows.some((r) => r.tag.id === selectedId) ? selectedId : rows[0]?.tag.id;

  const focusRow = (row: TreeRow | undefined) => {
    if (!row) return;
    treeRef.current
      ?.querySelector<HTMLElement>(`[data-id="${CSS.escape(row.tag.id)}"]`)
      ?.focus({ preventScroll: false });
  };

  const typeAhead = (index: number, key: string) => {
    const now = Date.now();
    const t = typed.current;
    t.text = now - t.at > TYPE_AHEAD_MS ? key : t.text + key;
    t.at = now;
    const wanted = t.text.toLowerCase();
    // A fresh letter looks past the current row; more letters refine the current match.
    const start = t.text.length === 1 ? index + 1 : index;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[(start + k) % rows.length]!;
      if (leafName(row.tag.name).toLowerCase().startsWith(wanted)) {
        focusRow(row);
        return;
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const row = rows[index];
    if (!row) return;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        focusRow(rows[index + 1]);
        break;
      case 'ArrowUp':
        focusRow(rows[index - 1]);
        break;
      case 'Home':
        focusRow(rows[0]);
        break;
      case 'End':
        focusRow(rows.at(-1));
        break;
      case 'ArrowRight':
        if (!row.hasChildren) break;
        if (row.expanded) focusRow(rows[index + 1]);
        else onToggle(row.tag.id, true);
        break;
      case 'ArrowLeft':
        if (row.hasChildren && row.expanded) onToggle(row.tag.id, false);
        else focusRow(rows.find((r) => r.tag.id === row.parentId));
        break;
      case 'Enter':
      case 'F2':
        onRename();
        break;
      case 'Delete':
        onDelete(row.tag.id);
        break;
      case 'Backspace':
        // The Mac keyboard's delete key, as Finder takes it (with or without Cmd).
        if (event.ctrlKey || event.altKey) handled = false;
        else onDelete(row.tag.id);
        break;
      default:
        if (plain && event.key.length === 1 && event.key !== ' ') typeAhead(index, event.key);
        else handled = false;
    }
    if (handled) event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLDivElement>, row: TreeRow) => {
    onSelect(row.tag.id);
    const onChevron = (event.target as HTMLElement).closest('.tm-chevron');
    if (onChevron && row.hasChildren) onToggle(row.tag.id, !row.expanded);
  };

  return (
    <div
      ref={treeRef}
      role="tree"
      aria-label="Tags"
      className="tm-tree"
      tabIndex={-1}
      onFocus={(event) => {
        // Focus given to the tree itself (a script, a skip link) goes on to its current row.
        if (event.target === event.currentTarget) focusRow(rows.find((r) => r.tag.id === tabbable));
      }}
    >
      {rows.map((row, index) => {
        const { tag } = row;
        const leaf = leafName(tag.name);
        const count = (usage[tag.id] ?? EMPTY_USAGE).quotesWithin;
        const selected = tag.id === selectedId;
        return (
          <div
            key={tag.id}
            data-id={tag.id}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            aria-expanded={row.hasChildren ? row.expanded : undefined}
            aria-selected={selected}
            tabIndex={tag.id === tabbable ? 0 : -1}
            title={tag.description ? `${tag.name} — ${tag.description}` : tag.name}
            className="tm-row"
            style={{ paddingInlineStart: `${6 + row.depth * 16}px` }}
            onFocus={() => onSelect(tag.id)}
            onClick={(event) => onClick(event, row)}
            onDoubleClick={(event) => {
              if (!(event.target as HTMLElement).closest('.tm-chevron')) onRename();
            }}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <span
              className={`tm-chevron${row.hasChildren ? '' : ' tm-chevron-none'}`}
              aria-hidden="true"
            >
              {row.hasChildren && (
                <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                  <path
                    d="M6 3.5 10.5 8 6 12.5"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.6"
                    strokeLinecap="round"
                    strokeLinejoin="round"
                  />
                </svg>
              )}
            </span>
            <span className={`dot tm-dot dot-${tag.color}`} aria-hidden="true" />
            <span className="tm-leaf">{leaf}</span>
            {/* The name comes from what is shown ("afghan, 3 quotes"): a spoken name that
                matches the visible one, so voice control can say it (WCAG 2.5.3). */}
            <span className="visually-hidden">, </span>
            <span className={`tm-count${count === 0 ? ' tm-count-zero' : ''}`}>
              {count.toLocaleString()}
              <span className="visually-hidden"> {count === 1 ? 'quote' : 'quotes'}</span>
            </span>
          </div>
        );
      })}
    </div>
  );
}
