import type { Round, StoreData } from '../model.ts';
import { NotebookError } from '../result.ts';

/** The coding round this notebook is coding in (as a coder), if one is open. */
export function openCoderRound(data: Pick<StoreData, 'rounds'>): Round | null {
  return data.rounds.find((r) => r.role === 'coder' && !r.closedAt) ?? null;
}

/**
 * During a coder's round the codebook is the lead's, read-only: a coder who needs a new code
 * proposes it, and the proposal reaches the lead with the coding file.
 */
export function assertCodebookEditable(data: Pick<StoreData, 'rounds'>): void {
  const round = openCoderRound(data);
  if (round)
    throw new NotebookError(
      'conflict',
      `The codebook is read-only while you code in the round “${round.name}”. Propose a new code instead; it reaches the lead with your coding file.`,
    );
}
