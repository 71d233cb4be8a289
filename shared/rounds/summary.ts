import type { Coder, Round } from '../model.ts';

/** A round as lists show it: each layer's size, not its highlights. */
export type RoundSummary = Omit<Round, 'layers'> & {
  layers: { coder: Coder; importedAt: string; fileName: string; highlights: number }[];
};

/** What collecting one coding file did. */
export type CodingImportItem =
  | {
      fileName: string;
      status: 'imported' | 'replaced';
      coder: Coder;
      highlights: number;
      proposals: number;
      /** Codes the file uses that the lead's codebook does not have (left off the layer). */
      unknownCodes: string[];
    }
  | { fileName: string; status: 'failed'; reason: string };
