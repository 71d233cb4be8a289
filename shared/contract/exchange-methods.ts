import { z } from 'zod';
import type { ExchangeApplied, ExchangePreviewInfo } from '../exchange/types.ts';
import { idSchema } from '../model.ts';
import { method, tokenSchema } from './method.ts';

/** Files other tools wrote: previewed, then merged (undone with `undoRestore`). */
export const exchangeMethods = {
  /**
   * Read a file another tool wrote (a REFI-QDA project or codebook, a codebook spreadsheet, a
   * Hypothesis export), chosen in the native Open dialog, and show what importing it would do;
   * null when the dialog was cancelled. Nothing changes until `applyExchangeImport`. With the
   * token of a preview, the same file is shown again with documents picked for its pages.
   */
  previewExchangeImport: method<ExchangePreviewInfo | null>()(
    z
      .object({
        /** Preview the file already chosen again, with documents picked for its pages. */
        token: tokenSchema.optional(),
        documentFor: z.record(z.string().min(1).max(4096), idSchema).optional(),
      })
      .strict(),
  ),
  /**
   * Merge the previewed file into the notebook (undone with `undoRestore`). `documentFor` puts a
   * Hypothesis file's annotations of an address on a document the user picked.
   */
  applyExchangeImport: method<ExchangeApplied>()(
    z
      .object({
        token: tokenSchema,
        documentFor: z.record(z.string().min(1).max(4096), idSchema).optional(),
      })
      .strict(),
  ),
};
