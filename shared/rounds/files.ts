import { z } from 'zod';
import { coderSchema, documentSchema, idSchema, proposalSchema, tagSchema } from '../model.ts';
import { NotebookError } from '../result.ts';
import { firstIssue } from '../schema-issue.ts';

/**
 * The two files a coding round travels in, by any means a team already uses (a shared drive,
 * email): the lead's **package** (documents with their text and PDFs, the codebook, the round's
 * name and instructions; nobody's highlights) and each coder's **coding file** (their highlights
 * on the round's documents, and the codes they propose). Documents are identified by their text
 * (`contentHash`), so a coder's notebook may hold them under other ids.
 */
export const PACKAGE_FORMAT = 'marginalia-coding-package';
export const CODING_FORMAT = 'marginalia-coding';
export const ROUND_FILE_VERSION = 1;
export const PACKAGE_EXTENSION = 'mpackage';
export const CODING_EXTENSION = 'mcoding';

const roundHeader = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  instructions: z.string().max(20_000).default(''),
  createdAt: z.iso.datetime({ offset: true }),
});

export const packageFileSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(ROUND_FILE_VERSION),
  round: roundHeader,
  lead: coderSchema,
  documents: z.array(documentSchema).min(1).max(10_000),
  /** The codebook as handed out (every tag, parents included). */
  tags: z.array(tagSchema).max(10_000),
  /** The documents' PDFs, base64, by `<sha256>.pdf`. */
  files: z.record(z.string().regex(/^[0-9a-f]{64}\.pdf$/), z.string()).default({}),
});
export type PackageFile = z.infer<typeof packageFileSchema>;

export const codingHighlightSchema = z.object({
  id: idSchema,
  /** The document by its text, as the package gave it. */
  contentHash: z.string().min(1).max(128),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The quoted words, so a reader of the file (and the lead's check) sees what was coded. */
  exact: z.string().max(1_000_000),
  /** Codes by their path in the codebook as handed out. */
  codes: z.array(z.string().min(1).max(200)).max(1000),
  comment: z.string().max(100_000).default(''),
});
export type CodingHighlight = z.infer<typeof codingHighlightSchema>;

export const codingFileSchema = z.object({
  format: z.literal(CODING_FORMAT),
  formatVersion: z.literal(ROUND_FILE_VERSION),
  round: roundHeader.pick({ id: true, name: true }),
  coder: coderSchema,
  exportedAt: z.iso.datetime({ offset: true }),
  documents: z
    .array(
      z.object({
        contentHash: z.string().min(1).max(128),
        title: z.string().max(1000),
        /** The text's length in UTF-16 units: the continuum agreement is measured over. */
        length: z.number().int().nonnegative(),
      }),
    )
    .max(10_000),
  highlights: z.array(codingHighlightSchema).max(500_000),
  proposals: z.array(proposalSchema).max(10_000).default([]),
});
export type CodingFile = z.infer<typeof codingFileSchema>;

/** Read one of the round's files: JSON of the expected format, checked against its schema. */
export function parseRoundFile<T>(
  text: string,
  fileName: string,
  expected: { format: string; what: string; schema: z.ZodType<T> },
): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NotebookError(
      'invalid-input',
      `${fileName} is not a ${expected.what} (it is not JSON).`,
    );
  }
  if ((json as { format?: unknown } | null)?.format !== expected.format)
    throw new NotebookError('invalid-input', `${fileName} is not a Marginalia ${expected.what}.`);
  const parsed = expected.schema.safeParse(json);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    const where = issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'unreadable';
    throw new NotebookError(
      'invalid-input',
      `${fileName} is a damaged ${expected.what} (${where}).`,
    );
  }
  return parsed.data;
}
