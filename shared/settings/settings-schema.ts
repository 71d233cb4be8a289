import { z } from 'zod';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../colors.ts';
import {
  CODER_NAME_MAX,
  COLOR_NAME_MAX,
  defaultSettings,
  FONT_SIZE,
  LINE_WIDTH,
  READER_FONTS,
  type Settings,
  THEMES,
} from './settings.ts';

/**
 * The preferences' schemas, for the contract and the core. Kept apart from settings.ts because
 * the page imports that one: zod 4 probes `new Function` when an object schema is built, which
 * the page's CSP forbids (and the end-to-end tripwire reports).
 */

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
