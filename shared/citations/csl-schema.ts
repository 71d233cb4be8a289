import { z } from 'zod';

/**
 * A document's bibliographic record in CSL-JSON, the format Zotero, Better BibTeX, citation-js
 * and every CSL processor speak (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
 * The fields Marginalia edits are declared; any other CSL field a pasted or imported record
 * carries (ISBN, edition, translator…) is kept as it came, so nothing a user brought is lost.
 */
const short = z.string().max(1000);

export const cslNameSchema = z.looseObject({
  family: short.optional(),
  given: short.optional(),
  /** An organisation or a name that does not split ("World Health Organization"). */
  literal: short.optional(),
  suffix: short.optional(),
  'non-dropping-particle': short.optional(),
  'dropping-particle': short.optional(),
});
export type CslName = z.infer<typeof cslNameSchema>;

export const cslDateSchema = z.looseObject({
  /** [[year, month, day]] (month and day optional); a second triple makes a range. */
  'date-parts': z
    .array(z.array(z.union([z.number().int(), z.string().max(20)])).max(3))
    .max(2)
    .optional(),
  raw: short.optional(),
  literal: short.optional(),
});
export type CslDate = z.infer<typeof cslDateSchema>;

export const cslRecordSchema = z
  .looseObject({
    /** CSL's own id; from BibTeX, the citation key. */
    id: z.union([z.string().max(300), z.number()]).optional(),
    /** CSL item type: article-journal, article-newspaper, book, chapter, report, webpage… */
    type: z.string().max(60).optional(),
    /** Better BibTeX's key, kept as the user's citation key. */
    'citation-key': z.string().max(300).optional(),
    title: z.string().max(2000).optional(),
    author: z.array(cslNameSchema).max(2000).optional(),
    editor: z.array(cslNameSchema).max(2000).optional(),
    'container-title': z.string().max(2000).optional(),
    volume: z.union([short, z.number()]).optional(),
    issue: z.union([short, z.number()]).optional(),
    page: short.optional(),
    publisher: short.optional(),
    'publisher-place': short.optional(),
    DOI: short.optional(),
    URL: z.string().max(4096).optional(),
    ISBN: short.optional(),
    ISSN: short.optional(),
    issued: cslDateSchema.optional(),
    accessed: cslDateSchema.optional(),
  })
  // A record is a few kilobytes; a pasted abstract of a book is still far below this.
  .refine((r) => JSON.stringify(r).length <= 200_000, 'A bibliographic record is at most 200 KB.');
export type CslRecord = z.infer<typeof cslRecordSchema>;
