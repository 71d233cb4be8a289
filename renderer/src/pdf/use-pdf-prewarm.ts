import { useEffect } from 'react';
import type { DocumentSummary } from '../../../shared/model.ts';
import { loadPdfJs } from './pdf-engine.ts';

/**
 * When the library holds a PDF, load pdf.js and start its worker while the app is idle, so the
 * first PDF opened draws its page without waiting for them (measured: about half a second of a
 * cold open). A library without PDFs never loads pdf.js.
 */
export function usePdfPrewarm(documents: readonly DocumentSummary[] | null | undefined): void {
  const hasPdf = Boolean(documents?.some((d) => d.pageCount !== undefined));
  useEffect(() => {
    if (!hasPdf) return;
    const warm = () => void loadPdfJs().catch(() => {});
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(warm, { timeout: 3000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(warm, 1000);
    return () => window.clearTimeout(timer);
  }, [hasPdf]);
}
