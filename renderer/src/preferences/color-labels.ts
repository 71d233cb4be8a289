import { createContext, useContext } from 'react';
import { COLOR_LABELS, type HighlightColor } from '../../../shared/colors.ts';

/**
 * What each highlight colour is called in this project ("Evidence" for yellow), for pickers,
 * filters and cards. Defaults to the colours' own names, so a component works without a provider.
 */
export const ColorLabelsContext =
  createContext<Readonly<Record<HighlightColor, string>>>(COLOR_LABELS);

export function useColorLabels(): Readonly<Record<HighlightColor, string>> {
  return useContext(ColorLabelsContext);
}

/** "Evidence (yellow)" when the colour has a name of its own, else "Yellow". */
export function colorTitle(
  labels: Readonly<Record<HighlightColor, string>>,
  color: HighlightColor,
) {
  const own = COLOR_LABELS[color];
  return labels[color] === own ? own : `${labels[color]} (${own.toLowerCase()})`;
}
