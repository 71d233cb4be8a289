import type { ImportProblemCode } from '../../../shared/import.ts';

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
