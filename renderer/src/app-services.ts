import { createContext, useContext } from 'react';
import type { TagUsage } from '../../shared/codebook.ts';
import type { DocumentSummary, NoteSummary, Tag } from '../../shared/model.ts';
import type { ReadingStates } from '../../shared/reading/reading-state.ts';
import type { Collections } from './collections/use-collections.ts';
import type { Exporter } from './export/use-export.ts';
import type { Restorer } from './export/use-restore.ts';
import type { Importer } from './library/use-import.ts';
import type { ToastMessage } from './ui/Toasts.tsx';

export type View = 'reader' | 'notes' | 'tags' | 'search' | 'speakers' | 'analysis' | 'rounds';

/**
 * What every view may use: notices, undo, navigation between views, and the notebook-wide
 * lists that several views show (tags, tag usage, notes, documents). Provided by App.
 */
export interface AppServices {
  notify(toast: Omit<ToastMessage, 'id'>): number;
  onError(error: unknown): void;
  /**
   * Record an undoable action: a notice with Undo, and Ctrl/Cmd+Z. Returns a withdrawal, for
   * when the action is taken back another way (its notice and entry then go).
   */
  offerUndo(message: string, label: string, undo: () => Promise<void>): () => void;
  tags: readonly Tag[];
  usage: Readonly<Record<string, TagUsage>>;
  notes: readonly NoteSummary[];
  documents: readonly DocumentSummary[];
  navigate(view: View): void;
  /** Show a note in the notes view. */
  openNote(noteId: string): void;
  /** Show a quote in the reader: its document, scrolled to it, flashing. */
  openQuote(annotationId: string): void;
  /** Show a document in the reader. */
  openDocument(documentId: string): void;
  /** Create a note that starts from a quote, and open it. */
  startNoteFromQuote(annotationId: string): void;
  /** Bringing documents in: dialog, clipboard, files, replacing a document's text. */
  importer: Importer;
  /** The export dialog, opened with a scope (a document, a tag, search results). */
  exporter: Exporter;
  /** Restore from a backup: preview, then merge or replace. */
  restorer: Restorer;
  /** Collections of documents and their actions. */
  collections: Collections;
  /** Where each document was last read. */
  reading: ReadingStates;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useApp() outside <AppServicesContext.Provider>');
  return services;
}
