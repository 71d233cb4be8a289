import { HIGHLIGHT_COLORS } from '../../../shared/colors.ts';
import type { Annotation } from '../../../shared/model.ts';
import type { TextSurface } from './text-surface.ts';

/** Names used in CSS as `::highlight(mg-yellow)` etc. */
export const highlightName = (color: string) => `mg-${color}`;
export const ACTIVE_HIGHLIGHT = 'mg-active';
export const FLASH_HIGHLIGHT = 'mg-flash';
export const CARET_HIGHLIGHT = 'mg-caret';
/** Highlights the panel's filter leaves out, drawn faintly instead of in their colour. */
export const DIM_HIGHLIGHT = 'mg-dim';
/** The quote finder's open candidates (a dotted underline) and the one chosen in its list. */
export const CANDIDATE_HIGHLIGHT = 'mg-candidate';
export const CANDIDATE_ACTIVE_HIGHLIGHT = 'mg-candidate-active';
/** Find in document: every match, and the one the count points at. */
export const FIND_HIGHLIGHT = 'mg-find';
export const FIND_ACTIVE_HIGHLIGHT = 'mg-find-active';

const supported = () =>
  typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

/** What a highlight was painted as: its cache key, its range (null: not on screen), its set. */
interface Painted {
  key: string;
  range: Range | null;
  name: string;
}

/**
 * Draw highlights with the CSS Custom Highlight API: one Highlight per colour (and one for the
 * dimmed), ranges over the untouched article DOM. Overlaps simply blend. The active (being
 * edited) highlight is drawn again on top with an outline-like underline. With `near`, only the
 * highlights that touch that span of the text are registered (and the active one): the browser
 * then has a few dozen ranges to track, not thousands (see `createViewportPainter`).
 *
 * Incremental: each highlight's range is kept with a key of what placed it (its offsets, its
 * set, and where the surface drew that text: `placementKey`, or the surface itself), and only a
 * highlight whose key changed is placed again and moved between the sets. Adding one highlight
 * to 2,000 places one range; a page drawn again (scrolled back, another zoom) places the
 * highlights on that page; removed highlights leave their sets. Another surface, or sets taken
 * away (`clearHighlights`), start afresh.
 */
export function createHighlightPainter() {
  const painted = new Map<string, Painted>();
  let sets: Map<string, Highlight> | null = null;
  let surfaceSeen: TextSurface | null = null;

  /** Our sets, registered again (and everything placed again) when they were taken away. */
  const ownSets = (): Map<string, Highlight> => {
    const names = [...HIGHLIGHT_COLORS.map(highlightName), DIM_HIGHLIGHT];
    if (sets && names.every((name) => CSS.highlights.get(name) === sets?.get(name))) return sets;
    const fresh = new Map(names.map((name) => [name, new Highlight()]));
    for (const [name, highlight] of fresh) CSS.highlights.set(name, highlight);
    painted.clear();
    sets = fresh;
    return fresh;
  };

  return {
    paint(
      surface: TextSurface,
      annotations: readonly Annotation[],
      activeId: string | null,
      isShown: (annotation: Annotation) => boolean = () => true,
      near: { start: number; end: number } | null = null,
    ) {
      if (!supported()) return;
      const own = ownSets();
      if (surface !== surfaceSeen) {
        for (const entry of painted.values())
          if (entry.range) own.get(entry.name)?.delete(entry.range);
        painted.clear();
        surfaceSeen = surface;
      }
      const wanted = new Set<string>();
      let active: Range | null = null;
      for (const annotation of annotations) {
        // Areas are boxes over their page (drawn by the PDF view), not ranges of text.
        if (annotation.orphan || 'area' in annotation.target) continue;
        const { start, end } = annotation.target.position;
        if (near && (end < near.start || start > near.end) && annotation.id !== activeId) continue;
        wanted.add(annotation.id);
        const name = isShown(annotation) ? highlightName(annotation.color) : DIM_HIGHLIGHT;
        const key = `${start}:${end}:${name}:${surface.placementKey?.(start, end) ?? ''}`;
        let entry = painted.get(annotation.id);
        if (entry?.key !== key) {
          if (entry?.range) own.get(entry.name)?.delete(entry.range);
          entry = { key, range: surface.range(start, end), name };
          painted.set(annotation.id, entry);
          if (entry.range) own.get(name)?.add(entry.range);
        }
        if (annotation.id === activeId && entry.range) active = entry.range.cloneRange();
      }
      for (const [id, entry] of painted) {
        if (wanted.has(id)) continue;
        if (entry.range) own.get(entry.name)?.delete(entry.range);
        painted.delete(id);
      }
      const activeHighlight = active ? new Highlight(active) : new Highlight();
      activeHighlight.priority = 1;
      CSS.highlights.set(ACTIVE_HIGHLIGHT, activeHighlight);
    },
  };
}

export interface HighlightsToPaint {
  surface: TextSurface;
  annotations: readonly Annotation[];
  activeId: string | null;
  isShown?: (annotation: Annotation) => boolean;
}

/**
 * Paints highlights near the viewport of `scroller` only, at the next frame: the text from two
 * screens above it to two below. Scrolling more than a screen from where it last painted paints again, in the
 * scroll event (before the frame is drawn), which costs the few dozen ranges in that span. A
 * surface that cannot tell what is in view (a PDF's, which draws only pages near the viewport
 * anyway; one not laid out) gets every highlight, as before.
 */
export function createViewportPainter(scroller: HTMLElement) {
  const painter = createHighlightPainter();
  let what: HighlightsToPaint | null = null;
  let paintedAt: number | null = null;
  const paint = () => {
    if (!what) return;
    const view = scroller.getBoundingClientRect();
    const screen = Math.max(view.height, 1);
    const near =
      view.height > 0
        ? (what.surface.offsetsBetween?.(view.top - 2 * screen, view.bottom + 2 * screen) ?? null)
        : null;
    paintedAt = scroller.scrollTop;
    painter.paint(what.surface, what.annotations, what.activeId, what.isShown, near);
  };
  const onScroll = () => {
    if (!what || paintedAt === null) return;
    if (Math.abs(scroller.scrollTop - paintedAt) > scroller.clientHeight) paint();
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', paint);
  // New text (another document, a slice of a long one, a PDF page) is painted at the next frame,
  // once however many came before it: what is in view is measured then, when the frame lays the
  // page out anyway; measuring at each slice forced a layout per slice. A change of highlights
  // on the text already drawn is painted at once: its layout is done, and a frame's wait would
  // show a new highlight a frame late.
  let frame = 0;
  return {
    /** Paint these highlights (near the viewport), and again as the reader scrolls. */
    update(next: HighlightsToPaint) {
      const sameText = what !== null && what.surface === next.surface && paintedAt !== null;
      what = next;
      if (sameText && frame === 0) {
        paint();
        return;
      }
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          paint();
        });
    },
    dispose() {
      cancelAnimationFrame(frame);
      frame = 0;
      scroller.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', paint);
      what = null;
    },
  };
}

/** Briefly flash a range (after jumping to a highlight) so the eye finds it. */
export function flashRange(range: Range, durationMs = 900) {
  if (!supported()) return;
  const flash = new Highlight(range);
  flash.priority = 2;
  CSS.highlights.set(FLASH_HIGHLIGHT, flash);
  window.setTimeout(() => {
    if (CSS.highlights.get(FLASH_HIGHLIGHT) === flash) CSS.highlights.delete(FLASH_HIGHLIGHT);
  }, durationMs);
}

/** Mark the character after the keyboard's reading caret, or clear the mark. */
export function paintCaret(range: Range | null) {
  if (!supported()) return;
  if (!range) {
    CSS.highlights.delete(CARET_HIGHLIGHT);
    return;
  }
  const caret = new Highlight(range);
  caret.priority = 3;
  CSS.highlights.set(CARET_HIGHLIGHT, caret);
}

type Span = { start: number; end: number };

/**
 * Paint `spans` under one highlight name and `active` under another, at the given priorities,
 * on whatever of the surface is drawn (on a PDF, the pages on screen); an empty set clears its
 * name. The quote finder's candidates and find-in-document's matches are both drawn this way.
 */
function paintSpans(
  surface: TextSurface,
  spans: readonly Span[],
  active: Span | null,
  names: { all: string; active: string },
  priority: { all: number; active: number },
) {
  if (!supported()) return;
  const ranges = spans
    .map((s) => surface.range(s.start, s.end))
    .filter((r): r is Range => r !== null);
  if (ranges.length === 0) CSS.highlights.delete(names.all);
  else {
    const highlight = new Highlight(...ranges);
    highlight.priority = priority.all;
    CSS.highlights.set(names.all, highlight);
  }
  const activeRange = active && surface.range(active.start, active.end);
  if (!activeRange) CSS.highlights.delete(names.active);
  else {
    const highlight = new Highlight(activeRange);
    highlight.priority = priority.active;
    CSS.highlights.set(names.active, highlight);
  }
}

/**
 * Mark the quote finder's candidates in the text, under the highlights, so the list and the
 * article can be read together; `active` is drawn more strongly. An empty list clears them.
 */
export function paintCandidates(surface: TextSurface, spans: readonly Span[], active: Span | null) {
  paintSpans(
    surface,
    spans,
    active,
    { all: CANDIDATE_HIGHLIGHT, active: CANDIDATE_ACTIVE_HIGHLIGHT },
    { all: 0, active: 1 },
  );
}

/**
 * Mark find-in-document's matches over everything else (highlights included, so a match inside
 * a highlight still shows), the current one strongest.
 */
export function paintFind(surface: TextSurface, spans: readonly Span[], active: Span | null) {
  paintSpans(
    surface,
    spans,
    active,
    { all: FIND_HIGHLIGHT, active: FIND_ACTIVE_HIGHLIGHT },
    { all: 2, active: 3 },
  );
}

export function clearFind() {
  if (!supported()) return;
  CSS.highlights.delete(FIND_HIGHLIGHT);
  CSS.highlights.delete(FIND_ACTIVE_HIGHLIGHT);
}

export function clearCandidates() {
  if (!supported()) return;
  CSS.highlights.delete(CANDIDATE_HIGHLIGHT);
  CSS.highlights.delete(CANDIDATE_ACTIVE_HIGHLIGHT);
}

export function clearHighlights() {
  if (!supported()) return;
  for (const color of HIGHLIGHT_COLORS) CSS.highlights.delete(highlightName(color));
  CSS.highlights.delete(ACTIVE_HIGHLIGHT);
  CSS.highlights.delete(FLASH_HIGHLIGHT);
  CSS.highlights.delete(CARET_HIGHLIGHT);
  CSS.highlights.delete(DIM_HIGHLIGHT);
  clearCandidates();
}
