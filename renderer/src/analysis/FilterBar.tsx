import type { ChartKind } from '../../../shared/analysis/query.ts';
import type { Collection, DocumentSummary, Tag } from '../../../shared/model.ts';
import { speakerOfTag } from '../../../shared/quotes/speaker-tags.ts';
import type { AnalysisSettings } from './use-analysis.ts';

function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <label className="analysis-choice">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What every chart can be narrowed to (a collection, a document, a code with its sub-tags, a
 * speaker), how deep the codebook is read, and the chart's own choice (the matrix's columns:
 * documents or collections; what counts as together; by year or month).
 */
export function FilterBar({
  settings,
  change,
  documents,
  collections,
  codes,
  speakers,
}: {
  settings: AnalysisSettings;
  change: (patch: Partial<AnalysisSettings>) => void;
  documents: readonly DocumentSummary[];
  collections: readonly Collection[];
  codes: readonly Tag[];
  speakers: readonly Tag[];
}) {
  const chart: ChartKind = settings.chart;
  return (
    <fieldset className="analysis-filters">
      <legend className="visually-hidden">Chart filters</legend>
      {collections.length > 0 && (
        <Choice
          label="Collection"
          value={settings.collectionId}
          onChange={(collectionId) => change({ collectionId })}
          options={[
            { value: '', label: 'All collections' },
            ...collections.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      )}
      {chart === 'matrix' && collections.length > 0 && (
        <Choice
          label="Columns"
          value={settings.columns}
          onChange={(columns) => change({ columns })}
          options={[
            { value: 'documents', label: 'One per document' },
            { value: 'collections', label: 'One per collection' },
          ]}
        />
      )}
      <Choice
        label="Documents"
        value={settings.documentId}
        onChange={(documentId) => change({ documentId })}
        options={[
          { value: '', label: 'All documents' },
          ...[...documents]
            .sort((a, b) => a.title.localeCompare(b.title))
            .map((d) => ({ value: d.id, label: d.title || 'Untitled document' })),
        ]}
      />
      <Choice
        label="Code"
        value={settings.tagId}
        onChange={(tagId) => change({ tagId })}
        options={[
          { value: '', label: 'All codes' },
          ...[...codes]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((t) => ({ value: t.id, label: t.name })),
        ]}
      />
      <Choice
        label="Speaker"
        value={settings.speakerId}
        onChange={(speakerId) => change({ speakerId })}
        options={[
          { value: '', label: 'All speakers' },
          ...speakers.map((t) => ({ value: t.id, label: speakerOfTag(t) ?? t.name })),
        ]}
      />
      <Choice
        label="Codes"
        value={settings.level}
        onChange={(level) => change({ level })}
        options={[
          { value: 'top', label: 'Top level (sub-tags rolled up)' },
          { value: 'all', label: 'Every tag' },
        ]}
      />
      {chart === 'cooccurrence' && (
        <Choice
          label="Together means"
          value={settings.scope}
          onChange={(scope) => change({ scope })}
          options={[
            { value: 'quote', label: 'On the same quote' },
            { value: 'overlap', label: 'On overlapping quotes' },
          ]}
        />
      )}
      {chart === 'timeline' && (
        <Choice
          label="By"
          value={settings.bucket}
          onChange={(bucket) => change({ bucket })}
          options={[
            { value: 'year', label: 'Year' },
            { value: 'month', label: 'Month' },
          ]}
        />
      )}
    </fieldset>
  );
}
