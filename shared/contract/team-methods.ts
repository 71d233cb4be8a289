import { z } from 'zod';
import type { AgreementTable } from '../agreement/types.ts';
import {
  type Annotation,
  type Coder,
  idSchema,
  type LayerHighlight,
  SETTLE_METHODS,
} from '../model.ts';
import type { CodingImportItem, RoundSummary } from '../rounds/summary.ts';
import { empty, method } from './method.ts';

/** Team coding: rounds, coding packages and files, layers, settling and agreement. */
export const teamMethods = {
  /** The notebook's coding rounds (as lead or as coder), layers by size. */
  listRounds: method<RoundSummary[]>()(empty),
  /**
   * Start a round as its lead: save a coding package of these documents and the codebook (Save
   * dialog); null when cancelled. Needs the coder's name in preferences.
   */
  createRound: method<{ round: RoundSummary; path: string } | null>()(
    z
      .object({
        name: z.string().trim().min(1, 'A round needs a name.').max(200),
        instructions: z.string().max(20_000).default(''),
        documentIds: z.array(idSchema).min(1).max(10_000),
      })
      .strict(),
  ),
  /** Open a coding package (Open dialog) as a round to code in; null when cancelled. */
  openRoundPackage: method<RoundSummary | null>()(empty),
  /** Propose a new code during a round (the codebook stays the lead's). */
  proposeCode: method<RoundSummary>()(
    z
      .object({
        roundId: idSchema,
        name: z.string().trim().min(1, 'A code needs a name.').max(200),
        description: z.string().max(10_000).default(''),
      })
      .strict(),
  ),
  /** Save this coder's coding file for a round (Save dialog); `close` opens the codebook again. */
  exportCodingFile: method<{ path: string; highlights: number; proposals: number } | null>()(
    z.object({ roundId: idSchema, close: z.boolean().default(false) }).strict(),
  ),
  /** Collect coders' coding files (Open dialog) as the round's layers, one per coder. */
  importCodingFiles: method<CodingImportItem[]>()(z.object({ roundId: idSchema }).strict()),
  /** Each coder's highlights on one document of a round. */
  roundLayers: method<{ coder: Coder; highlights: LayerHighlight[] }[]>()(
    z.object({ roundId: idSchema, documentId: idSchema }).strict(),
  ),
  /**
   * Agreement among a round's coders (their layers), for any subset of documents and codes:
   * Krippendorff's unitized α with a bootstrap interval, percent agreement and Cohen's κ per
   * character, overall, per code and per document. The disagreements are not listed here
   * (`disagreements` is empty): the comparison view finds them per document, and the exported
   * report and CSV list them all.
   */
  roundAgreement: method<AgreementTable>()(
    z
      .object({
        roundId: idSchema,
        documentIds: z.array(idSchema).max(10_000).optional(),
        tagIds: z.array(idSchema).max(10_000).optional(),
      })
      .strict(),
  ),
  /** Save the agreement report (HTML) or table (CSV) of a round (Save dialog); null if cancelled. */
  exportAgreement: method<{ path: string } | null>()(
    z
      .object({
        roundId: idSchema,
        format: z.enum(['html', 'csv']),
        documentIds: z.array(idSchema).max(10_000).optional(),
        tagIds: z.array(idSchema).max(10_000).optional(),
      })
      .strict(),
  ),
  /** Settle a disagreement: a consensus highlight of the notebook's own (undone by deleting it). */
  settleCluster: method<Annotation>()(
    z
      .object({
        roundId: idSchema,
        documentId: idSchema,
        tagId: idSchema,
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
        how: z.enum(SETTLE_METHODS),
        coders: z.array(z.string().min(1).max(100)).max(50),
      })
      .strict()
      .refine((v) => v.end > v.start, 'end must be after start'),
  ),
};
