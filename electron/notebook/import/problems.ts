import { IMPORT_MAX_BYTES, type ImportProblemCode } from '../../../shared/import.ts';

/**
 * A file that cannot become a document, and why, in words for the person who chose it. Thrown by
 * the parsers; the import job catches it per file so the rest of a batch still goes in.
 */
export class ImportProblem extends Error {
  readonly code: ImportProblemCode;
  constructor(code: ImportProblemCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'ImportProblem';
  }
}

const MB = 1024 * 1024;

/** A file over the size limit, with its size and the limit in words. */
export const tooLarge = (size: number, limit = IMPORT_MAX_BYTES) =>
  new ImportProblem(
    'too-large',
    `it is ${(size / MB).toFixed(1)} MB; the limit is ${limit / MB} MB`,
  );
