import type { KeyboardEvent } from 'react';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/colors.ts';
import { colorTitle, useColorLabels } from '../preferences/color-labels.ts';

/**
 * Colour swatches as a group of toggle buttons: arrow keys move between them, Enter/Space or a click picks.
 * The digit shown in each tooltip is the shortcut the reader accepts while text is selected.
 */
export function ColorPicker({
  value,
  onChange,
  label = 'Highlight colour',
}: {
  value: HighlightColor | null;
  onChange: (color: HighlightColor) => void;
  label?: string;
}) {
  const labels = useColorLabels();
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(current + step + buttons.length) % buttons.length]?.focus();
  };
  return (
    <fieldset className="color-picker" aria-label={label} onKeyDown={onKeyDown}>
      {HIGHLIGHT_COLORS.map((color, i) => (
        <button
          key={color}
          type="button"
          aria-pressed={value === color}
          aria-label={colorTitle(labels, color)}
          title={`${colorTitle(labels, color)} · key ${i + 1}`}
          tabIndex={value === color || (value === null && i === 0) ? 0 : -1}
          className={`swatch swatch-${color}`}
          onClick={() => onChange(color)}
        />
      ))}
    </fieldset>
  );
}
