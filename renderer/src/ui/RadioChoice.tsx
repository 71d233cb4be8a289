import type { ReactNode } from 'react';

/** One option of a radio group, with a bold label and a line of detail under it. */
export function RadioChoice({
  name,
  checked,
  disabled = false,
  autoFocus = false,
  onSelect,
  label,
  children,
}: {
  name: string;
  checked: boolean;
  disabled?: boolean;
  /** Where the dialog's focus starts (Modal looks for data-autofocus). */
  autoFocus?: boolean;
  onSelect: () => void;
  label: string;
  /** The detail line. */
  children: ReactNode;
}) {
  return (
    <label className="export-choice">
      <input
        type="radio"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={onSelect}
        data-autofocus={autoFocus ? true : undefined}
      />
      <span className="export-choice-label">{label}</span>
      <span className="export-choice-detail">{children}</span>
    </label>
  );
}
