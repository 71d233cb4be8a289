import { z } from 'zod';
import { idSchema } from '../model.ts';

import { CHARTS, type ChartKind } from './charts.ts';

export { CHARTS, type ChartKind };

/** A row or column id: a tag, document or group id, a date bucket, or one of the apart columns. */
export const axisIdSchema = z.string().min(1).max(200);

const ids = z.array(idSchema).max(100_000);

/** What every chart can be narrowed to; an absent list means "all". */
export const analysisFilterSchema = z
  .object({
    /** Only quotes in these documents (a collection is sent as its documents). */
    documentIds: ids.optional(),
    /** Only quotes carrying one of these tags or a tag below one of them. */
    tagIds: z.array(idSchema).max(10_000).optional(),
    /** Only quotes credited to one of these speakers (tags under `speaker/`). */
    speakerIds: z.array(idSchema).max(10_000).optional(),
  })
  .strict();
export type AnalysisFilter = z.infer<typeof analysisFilterSchema>;

/**
 * Codes at the top level of the codebook (each sub-tag counted for its top-level tag), or every
 * tag (a quote counted for its tags and, in the matrix, speakers and timeline, their parents).
 */
const levelSchema = z.enum(['top', 'all']).default('top');

/** A column of the matrix: a document, or a collection of documents. */
export const columnGroupSchema = z
  .object({
    id: axisIdSchema,
    label: z.string().min(1).max(1000),
    documentIds: ids,
  })
  .strict();
export type ColumnGroup = z.infer<typeof columnGroupSchema>;

export const analysisQuerySchema = z.discriminatedUnion('chart', [
  z
    .object({
      chart: z.literal('matrix'),
      filter: analysisFilterSchema.default({}),
      level: levelSchema,
      /** The columns; without them, one column per document. */
      groups: z.array(columnGroupSchema).max(10_000).optional(),
    })
    .strict(),
  z
    .object({
      chart: z.literal('cooccurrence'),
      filter: analysisFilterSchema.default({}),
      level: levelSchema,
      /** Tags on the same quote, or on quotes that share words in the same document. */
      scope: z.enum(['quote', 'overlap']).default('quote'),
    })
    .strict(),
  z
    .object({
      chart: z.literal('speakers'),
      filter: analysisFilterSchema.default({}),
      level: levelSchema,
    })
    .strict(),
  z
    .object({
      chart: z.literal('timeline'),
      filter: analysisFilterSchema.default({}),
      level: levelSchema,
      bucket: z.enum(['year', 'month']).default('year'),
    })
    .strict(),
]);
export type AnalysisQuery = z.output<typeof analysisQuerySchema>;
export type AnalysisQueryInput = z.input<typeof analysisQuerySchema>;
