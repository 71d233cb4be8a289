import type { z } from 'zod';
import { COLOR_LABELS, HIGHLIGHT_COLORS, type HighlightColor } from '../colors.ts';
import type { settingsPatchSchema, settingsSchema } from './settings-schema.ts';

/**
 * Preferences: how this person likes to read, what the highlight colours mean in this project and
 * who codes. They live beside the notebook in `settings.json`, not inside it, so a backup, an
 * export or a restore never carries one person's taste into another's notebook.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Reader typefaces: families every system has, so nothing is downloaded. */
export const READER_FONTS = ['serif', 'sans', 'mono'] as const;
export type ReaderFont = (typeof READER_FONTS)[number];

export const READER_FONT_LABELS: Record<ReaderFont, string> = {
  serif: 'Serif',
  sans: 'Sans-serif',
  mono: 'Monospace',
};

/** CSS font stacks for each choice. */
export const READER_FONT_STACKS: Record<ReaderFont, string> = {
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif',
  mono: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
};

export const FONT_SIZE = { min: 12, max: 28, default: 18 } as const;
/** Line width in characters (`ch`): 45–75 is the classic range for comfortable reading. */
export const LINE_WIDTH = { min: 40, max: 120, default: 70 } as const;
export const COLOR_NAME_MAX = 40;
export const CODER_NAME_MAX = 80;

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export function defaultSettings(coderId: string): Settings {
  return {
    theme: 'system',
    readerFont: 'serif',
    readerFontSize: FONT_SIZE.default,
    lineWidth: LINE_WIDTH.default,
    colorNames: {},
    coder: { id: coderId, name: '' },
  };
}

/**
 * Apply a patch (validated by the contract on its way in); colour names merge per colour, and an
 * empty name drops back to the default. No zod here: the page runs this too, and zod's compiled
 * parsers probe with `new Function`, which the page's CSP forbids (and the tripwire reports).
 */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const parsed = patch;
  const colorNames = { ...settings.colorNames };
  for (const color of HIGHLIGHT_COLORS) {
    if (!parsed.colorNames || !(color in parsed.colorNames)) continue;
    const name = parsed.colorNames[color];
    const trimmed = name?.trim();
    if (trimmed) colorNames[color] = trimmed;
    else delete colorNames[color];
  }
  return {
    theme: parsed.theme ?? settings.theme,
    readerFont: parsed.readerFont ?? settings.readerFont,
    readerFontSize: parsed.readerFontSize ?? settings.readerFontSize,
    lineWidth: parsed.lineWidth ?? settings.lineWidth,
    colorNames,
    coder: { id: settings.coder.id, name: parsed.coderName?.trim() ?? settings.coder.name },
  };
}

/** The label of a highlight colour in this project: its given name, or the colour's own. */
export function colorLabel(
  colorNames: Settings['colorNames'] | undefined,
  color: HighlightColor,
): string {
  return colorNames?.[color] || COLOR_LABELS[color];
}

/** Every colour's label, for exports and pickers. */
export function colorLabels(
  colorNames: Settings['colorNames'] | undefined,
): Record<HighlightColor, string> {
  return Object.fromEntries(HIGHLIGHT_COLORS.map((c) => [c, colorLabel(colorNames, c)])) as Record<
    HighlightColor,
    string
  >;
}
