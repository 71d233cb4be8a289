import { useEffect, useState } from 'react';
import type { PdfInfo } from '../../../shared/model.ts';

export type Zoom = { mode: 'fit' } | { mode: 'scale'; value: number };

export const ZOOM_STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3];

/** The next zoom step in or out from the scale shown now. */
export function stepZoom(current: number, direction: 1 | -1): Zoom {
  const next =
    direction > 0
      ? (ZOOM_STEPS.find((s) => s > current + 0.01) ?? ZOOM_STEPS.at(-1)!)
      : ([...ZOOM_STEPS].reverse().find((s) => s < current - 0.01) ?? ZOOM_STEPS[0]!);
  return { mode: 'scale', value: next };
}

/** The page box takes a label ("iv") or a page number; null when it names no page. */
export function pageFromInput(input: string, info: PdfInfo): number | null {
  const wanted = input.trim();
  if (wanted === '') return null;
  const byLabel = info.pageLabels?.indexOf(wanted) ?? -1;
  if (byLabel >= 0) return byLabel;
  const n = Number(wanted);
  return Number.isInteger(n) && n >= 1 && n <= info.pageCount ? n - 1 : null;
}

export const labelOf = (info: PdfInfo, page: number) => info.pageLabels?.[page] ?? String(page + 1);

/** Zoom, the page box (go to a page by number or label) and the PDF's outline. */
export function PdfToolbar({
  info,
  page,
  scale,
  onZoom,
  onGoToPage,
  drawingArea,
  onToggleArea,
}: {
  info: PdfInfo;
  page: number;
  scale: number;
  onZoom: (zoom: Zoom) => void;
  onGoToPage: (page: number) => void;
  drawingArea: boolean;
  onToggleArea: () => void;
}) {
  const [typed, setTyped] = useState(labelOf(info, page));
  useEffect(() => setTyped(labelOf(info, page)), [info, page]);
  // Not a <form>: the page's CSP allows no form actions, and Enter in the box is enough.
  const submit = () => {
    const target = pageFromInput(typed, info);
    if (target === null) setTyped(labelOf(info, page));
    else onGoToPage(target);
  };
  return (
    // Keys typed here (a page number, Enter) are the toolbar's, not the reader's shortcuts.
    <div
      className="pdf-toolbar"
      role="toolbar"
      aria-label="Page view"
      onKeyDown={(e) => {
        // App shortcuts (Ctrl/Cmd+K, +E…) still reach the window.
        if (!e.ctrlKey && !e.metaKey && !e.altKey) e.stopPropagation();
      }}
      onMouseUp={(e) => e.stopPropagation()}
    >
      <button
        type="button"
        title="Zoom out (Ctrl+−)"
        aria-label="Zoom out"
        onClick={() => onZoom(stepZoom(scale, -1))}
      >
        −
      </button>
      <span className="pdf-zoom" aria-live="polite">
        {Math.round(scale * 100)}%
      </span>
      <button
        type="button"
        title="Zoom in (Ctrl+=)"
        aria-label="Zoom in"
        onClick={() => onZoom(stepZoom(scale, 1))}
      >
        +
      </button>
      <button
        type="button"
        title="Fit the page width (Ctrl+0)"
        onClick={() => onZoom({ mode: 'fit' })}
      >
        Fit width
      </button>
      <button
        type="button"
        aria-pressed={drawingArea}
        title="Mark an area of a page: a figure, a table, a scanned passage (Esc to stop)"
        onClick={onToggleArea}
      >
        Mark area
      </button>
      <div className="pdf-page-box">
        <label>
          Page{' '}
          <input
            aria-label="Go to page"
            value={typed}
            size={4}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                submit();
              }
            }}
            // Leaving the box without Enter keeps the page shown (and the box says which).
            onBlur={() => setTyped(labelOf(info, page))}
          />
        </label>
        <span>
          {' '}
          of {info.pageCount}
          {info.pageLabels ? ` (${labelOf(info, info.pageCount - 1)})` : ''}
        </span>
      </div>
      {info.outline.length > 0 && (
        <select
          aria-label="Outline"
          value=""
          onChange={(e) => {
            const entry = info.outline[Number(e.target.value)];
            if (entry?.page != null) onGoToPage(entry.page);
          }}
        >
          <option value="">Outline…</option>
          {info.outline.map((entry, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an outline is fixed; titles repeat.
            <option key={i} value={i} disabled={entry.page === null}>
              {`${'  '.repeat(entry.depth)}${entry.title}`}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
