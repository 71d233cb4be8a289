import type { View } from '../app-services.ts';
import { useShortcut, withCommandKey } from './use-shortcut.ts';

export const VIEWS: { id: View; label: string }[] = [
  { id: 'reader', label: 'Reader' },
  { id: 'notes', label: 'Notes' },
  { id: 'tags', label: 'Tags' },
  { id: 'search', label: 'Search' },
  { id: 'speakers', label: 'Speakers' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'rounds', label: 'Team' },
];

/** The row of view tabs, Ctrl/Cmd+1 to 7 as tabs do, and the way to Preferences. */
export function ViewSwitcher({
  view,
  onView,
  onPreferences,
}: {
  view: View;
  onView(view: View): void;
  onPreferences(): void;
}) {
  useShortcut((event) => {
    if (!withCommandKey(event) || event.shiftKey) return false;
    const next = VIEWS[Number(event.key) - 1];
    if (!next) return false;
    onView(next.id);
    return true;
  });
  return (
    <nav className="view-switcher" aria-label="Views">
      {VIEWS.map((v, i) => (
        <button
          key={v.id}
          type="button"
          aria-current={view === v.id ? 'page' : undefined}
          title={`${v.label} (Ctrl+${i + 1})`}
          onClick={() => onView(v.id)}
          // Dragging a quote over a tab opens that view, as with browser tabs: a card from the
          // reader's panel can then be dropped into a note.
          onDragEnter={() => onView(v.id)}
          onDragOver={(e) => e.preventDefault()}
        >
          {v.label}
        </button>
      ))}
      <button
        type="button"
        className="view-switcher-preferences"
        title="Preferences (Ctrl+,)"
        onClick={onPreferences}
      >
        Preferences
      </button>
    </nav>
  );
}
