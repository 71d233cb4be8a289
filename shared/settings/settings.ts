import { z } from 'zod';
import { COLOR_LABELS, HIGHLIGHT_COLORS, type HighlightColor } from '../colors.ts';

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

const colorNamesSchema = z
  .object(
    Object.fromEntries(
      HIGHLIGHT_COLORS.map((c) => [c, z.string().trim().max(COLOR_NAME_MAX).optional()]),
    ) as Record<HighlightColor, z.ZodOptional<z.ZodString>>,
  )
  .strict();

export const settingsSchema = z
  .object({
    theme: z.enum(THEMES),
    readerFont: z.enum(READER_FONTS),
    readerFontSize: z.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max),
    lineWidth: z.number().int().min(LINE_WIDTH.min).max(LINE_WIDTH.max),
    /** What each colour means here ("yellow" = "Evidence"); empty or absent keeps the colour's name. */
    colorNames: colorNamesSchema,
    /** The person coding in this notebook: a display name and an id that never changes. */
    coder: z
      .object({
        id: z.string().min(1).max(64),
        name: z.string().trim().max(CODER_NAME_MAX),
      })
      .strict(),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

/** What a caller may change: any field but the coder's id, which the notebook assigns once. */
export const settingsPatchSchema = z
  .object({
    theme: settingsSchema.shape.theme.optional(),
    readerFont: settingsSchema.shape.readerFont.optional(),
    readerFontSize: settingsSchema.shape.readerFontSize.optional(),
    lineWidth: settingsSchema.shape.lineWidth.optional(),
    colorNames: colorNamesSchema.optional(),
    coderName: z.string().trim().max(CODER_NAME_MAX).optional(),
  })
  .strict();
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

/** Apply a patch; colour names merge per colour, and an empty name drops back to the default. */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const parsed = settingsPatchSchema.parse(patch);
  const colorNames = { ...settings.colorNames };
  for (const color of HIGHLIGHT_COLORS) {
    if (!parsed.colorNames || !(color in parsed.colorNames)) continue;
    const name = parsed.colorNames[color];
    if (name) colorNames[color] = name;
    else delete colorNames[color];
  }
  return {
    theme: parsed.theme ?? settings.theme,
    readerFont: parsed.readerFont ?? settings.readerFont,
    readerFontSize: parsed.readerFontSize ?? settings.readerFontSize,
    lineWidth: parsed.lineWidth ?? settings.lineWidth,
    colorNames,
    coder: { id: settings.coder.id, name: parsed.coderName ?? settings.coder.name },
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

/**
 * Read a settings file's content leniently: every field that is valid is kept, every one that is
 * not falls back to its default and is named, so one bad value never throws away the rest.
 */
export function readSettings(
  value: unknown,
  newCoderId: () => string,
): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      settings: defaultSettings(newCoderId()),
      problems: ['the file does not hold a settings object'],
    };
  }
  const record = value as Record<string, unknown>;
  const coder = settingsSchema.shape.coder.safeParse(record.coder);
  const settings = defaultSettings(coder.success ? coder.data.id : newCoderId());
  if (coder.success) settings.coder = coder.data;
  else if (record.coder !== undefined) problems.push('coder');
  const fields = ['theme', 'readerFont', 'readerFontSize', 'lineWidth', 'colorNames'] as const;
  for (const field of fields) {
    if (record[field] === undefined) continue;
    const parsed = settingsSchema.shape[field].safeParse(record[field]);
    if (parsed.success) (settings as Record<string, unknown>)[field] = parsed.data;
    else problems.push(field);
  }
  return { settings, problems };
}
