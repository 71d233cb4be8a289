import type { RestorePreview } from '../../../shared/export/restore-plan.ts';
import { RESTORE_KINDS, restoreLines } from '../../../shared/export/restore-summary.ts';

/** What a merge or replace would change, by kind of record: a restore's and an import's. */
export function RestoreChangesTable({
  preview,
  label,
}: {
  preview: RestorePreview;
  label: string;
}) {
  return (
    <table className="restore-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col" />
          {RESTORE_KINDS.map(([, kind]) => (
            <th key={kind} scope="col">
              {kind}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {restoreLines(preview).map((line) => (
          <tr key={line.label} className={line.warn ? 'restore-warn' : undefined}>
            <th scope="row">{line.label}</th>
            {line.values.map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed.
              <td key={i}>{v === 0 ? '–' : v.toLocaleString()}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
