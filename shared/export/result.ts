/** What an export answers: where the file went and what it holds, or that it was cancelled. */
export type ExportResult =
  | {
      status: 'saved';
      path: string;
      fileName: string;
      bytes: number;
      documents: number;
      quotes: number;
      notes: number;
    }
  | { status: 'cancelled' };
