import type { ImportProblemCode } from '../../../shared/import.ts';
import type { ParsedDocument } from './parsed-document.ts';

/** What the import parser worker is asked, and answers. */
export type ParseRequest =
  | {
      id: number;
      kind: 'file';
      name: string;
      bytes?: Uint8Array;
      path?: string;
      filesDir?: string;
    }
  | { id: number; kind: 'pasted'; content: { text: string; html: string } };

export type ParseReply =
  | { id: number; ok: true; document: ParsedDocument }
  | { id: number; ok: false; code: ImportProblemCode; message: string };
