import { useCallback, useId, useMemo, useState } from 'react';
import { METHOD_NAME, shown, shownInterval } from '../../../shared/agreement/format.ts';
import {
  READING_SHORT,
  READING_TEXT,
  THRESHOLDS_TEXT,
} from '../../../shared/agreement/interpret.ts';
import type { AgreementFigures, AgreementTable } from '../../../shared/agreement/types.ts';
import { isWithin } from '../../../shared/codebook.ts';
import type { Tag } from '../../../shared/model.ts';
import type { RoundSummary } from '../../../shared/rounds/summary.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { useLiveValue } from '../use-live-list.ts';

const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} %`);

/**
 * The figures a methods section cites: Krippendorff's α with its bootstrap interval and how the
 * literature reads it (the thresholds stated beside it), percent agreement and Cohen's κ per
 * character as NVivo reports them, overall and per code; the report and table to save.
 */
export function AgreementPanel({ round, tags }: { round: RoundSummary; tags: readonly Tag[] }) {
  const { onError, notify, documents } = useApp();
  // Any subset: one document or all, one code (with those below it) or all.
  const [documentId, setDocumentId] = useState('');
  const [codeId, setCodeId] = useState('');
  const ids = useId();
  // Kept by identity: the figures reload only when the subset does, not on every render.
  const codes = useMemo(
    () => tags.filter((t) => round.tagIds.includes(t.id)),
    [tags, round.tagIds],
  );
  const subset = useCallback(() => {
    const root = tags.find((t) => t.id === codeId);
    return {
      ...(documentId ? { documentIds: [documentId] } : {}),
      ...(root
        ? {
            tagIds: codes.filter((t) => isWithin(t.name, root.name)).map((t) => t.id),
          }
        : {}),
    };
  }, [documentId, codeId, tags, codes]);
  const load = useCallback(
    async () =>
      round.layers.length >= 2 ? call('roundAgreement', { roundId: round.id, ...subset() }) : null,
    [round.id, round.layers.length, subset],
  );
  const [table] = useLiveValue<AgreementTable | null>(load, null, ['rounds'], onError);
  const save = async (format: 'html' | 'csv') => {
    try {
      const saved = await call('exportAgreement', { roundId: round.id, format, ...subset() });
      if (saved) notify({ tone: 'info', message: `Saved ${saved.path}.` });
    } catch (error) {
      onError(error);
    }
  };
  if (round.layers.length < 2)
    return (
      <section className="agreement-panel" aria-label="Agreement">
        <h3>Agreement</h3>
        <p className="export-hint">
          Collect the coding files of at least two coders to measure how far they agree.
        </p>
      </section>
    );
  if (!table)
    return <section className="agreement-panel" aria-label="Agreement" aria-busy="true" />;
  const name = (id: string) => tags.find((t) => t.id === id)?.name ?? id;
  const o = table.overall;
  return (
    <section className="agreement-panel" aria-label="Agreement">
      <h3>Agreement</h3>
      <p className="agreement-subset">
        <label htmlFor={`${ids}-documents`}>Documents</label>
        <span className="tm-select">
          <select
            id={`${ids}-documents`}
            value={documentId}
            onChange={(e) => setDocumentId(e.target.value)}
          >
            <option value="">All {round.documentIds.length}</option>
            {documents
              .filter((d) => round.documentIds.includes(d.id))
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title || 'Untitled document'}
                </option>
              ))}
          </select>
        </span>

        <label htmlFor={`${ids}-codes`}>Codes</label>
        <span className="tm-select">
          <select id={`${ids}-codes`} value={codeId} onChange={(e) => setCodeId(e.target.value)}>
            <option value="">All</option>
            {codes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} (and below)
              </option>
            ))}
          </select>
        </span>
      </p>
      <p className="agreement-headline">
        <span className="agreement-alpha">α = {shown(o.alpha)}</span>
        <span className={`agreement-reading ${o.reading}`}>{READING_TEXT[o.reading]}</span>
      </p>
      <p className="export-hint">
        {METHOD_NAME[o.method]} over {table.documents.length} document
        {table.documents.length === 1 ? '' : 's'}, {table.coders.length} coders; 95 % interval{' '}
        {shownInterval(o.ci)}. Per character: {percent(o.percentAgreement)} agreement, Cohen’s κ{' '}
        {shown(o.kappa)}.
      </p>
      <p className="agreement-thresholds">{THRESHOLDS_TEXT}</p>
      <FiguresTable
        label="Agreement per code"
        heading="Code"
        rows={table.perCode.map((row) => ({ ...row, key: row.code, name: name(row.code) }))}
      />
      {table.perDocument.length > 1 && (
        <FiguresTable
          label="Agreement per document"
          heading="Document"
          rows={table.perDocument.map((row) => ({
            ...row,
            key: row.document,
            name: documents.find((d) => d.id === row.document)?.title || 'Untitled document',
          }))}
        />
      )}
      <p className="agreement-save">
        <button type="button" onClick={() => void save('html')}>
          Save Report…
        </button>
        <button type="button" onClick={() => void save('csv')}>
          Save Table (CSV)…
        </button>
      </p>
    </section>
  );
}

/** α, how it reads, and NVivo's figures, a row per code or per document. */
function FiguresTable({
  label,
  heading,
  rows,
}: {
  label: string;
  heading: string;
  rows: (AgreementFigures & { key: string; name: string })[];
}) {
  return (
    <table className="agreement-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">α</th>
          <th scope="col">Reading</th>
          <th scope="col">Agreement</th>
          <th scope="col">κ</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            <td>{shown(row.alpha)}</td>
            <td className={`agreement-reading ${row.reading}`}>{READING_SHORT[row.reading]}</td>
            <td>{percent(row.percentAgreement)}</td>
            <td>{shown(row.kappa)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
