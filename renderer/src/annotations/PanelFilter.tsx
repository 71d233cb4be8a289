import type { AnnotationFilter } from '../../../shared/annotation-filter.ts';
import { HIGHLIGHT_COLORS } from '../../../shared/colors.ts';
import type { Tag } from '../../../shared/model.ts';
import { colorTitle, useColorLabels } from '../preferences/color-labels.ts';
import { TagInput } from '../ui/TagInput.tsx';

/** Narrow the highlights panel by tags (any/all), colours and "has comment". */
export function PanelFilter({
  filter,
  tags,
  onChange,
}: {
  filter: AnnotationFilter;
  tags: readonly Tag[];
  onChange: (filter: AnnotationFilter) => void;
}) {
  const labels = useColorLabels();
  const toggleColor = (color: (typeof HIGHLIGHT_COLORS)[number]) =>
    onChange({
      ...filter,
      colors: filter.colors.includes(color)
        ? filter.colors.filter((c) => c !== color)
        : [...filter.colors, color],
    });
  return (
    <fieldset className="panel-filter">
      <legend className="visually-hidden">Filter highlights</legend>
      <TagInput
        allTags={tags}
        selectedIds={filter.tagIds}
        onAdd={(tag) => onChange({ ...filter, tagIds: [...filter.tagIds, tag.id] })}
        onCreate={() => {}}
        onRemove={(id) => onChange({ ...filter, tagIds: filter.tagIds.filter((t) => t !== id) })}
        label="Filter by tag"
        chipsLabel="Filter tags"
        placeholder="Filter by tag…"
        allowCreate={false}
      />
      <div className="filter-row">
        {filter.tagIds.length > 1 && (
          // biome-ignore lint/a11y/useSemanticElements: a two-button segmented control reads better than radios here.
          <div className="segmented" role="group" aria-label="Match">
            {(['any', 'all'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                aria-pressed={filter.tagMode === mode}
                onClick={() => onChange({ ...filter, tagMode: mode })}
              >
                {mode === 'any' ? 'Any tag' : 'All tags'}
              </button>
            ))}
          </div>
        )}
        {/* biome-ignore lint/a11y/useSemanticElements: toggle buttons, several can be on. */}
        <div className="color-filter" role="group" aria-label="Filter by colour">
          {HIGHLIGHT_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              className={`swatch swatch-${color} small`}
              aria-pressed={filter.colors.includes(color)}
              aria-label={colorTitle(labels, color)}
              title={`Only ${colorTitle(labels, color)}`}
              onClick={() => toggleColor(color)}
            />
          ))}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.hasComment}
            onChange={(e) => onChange({ ...filter, hasComment: e.target.checked })}
          />
          Has comment
        </label>
      </div>
    </fieldset>
  );
}
