/** The side panel's switch between its modes (a segmented control, as in native inspectors). */
export function PanelTabs<T extends string>({
  tabs,
  current,
  onChange,
  label,
}: {
  tabs: readonly { id: T; label: string; count?: number | null; title?: string }[];
  current: T;
  onChange: (id: T) => void;
  label: string;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: toggle buttons of a segmented control, not form fields.
    <div className="panel-tabs" role="group" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          aria-pressed={tab.id === current}
          title={tab.title}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
          {/* Read as "Quotes, 3" rather than "Quotes3". */}
          {tab.count != null && (
            <span className="panel-tab-count">
              <span className="visually-hidden">, </span>
              {tab.count}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
