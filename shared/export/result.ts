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
      /**
       * A folder export (Obsidian): `path` is the folder and `bytes` what was written; how many
       * files were new, changed and already up to date, and the files whose "my notes" markers
       * were broken, each rewritten with its old text kept in a copy beside it.
       */
      folder?: {
        written: number;
        updated: number;
        unchanged: number;
        setAside: { path: string; copy: string }[];
      };
    }
  | { status: 'cancelled' };
