/** What resolving a destination needs of an open PDF (pdf.js's document proxy, in Node or the page). */
export interface DestinationSource {
  getDestination(id: string): Promise<unknown[] | null>;
  getPageIndex(ref: never): Promise<number>;
}

/**
 * The page (0-based) a PDF destination names (an outline entry's or a link's), or null when it
 * names none: a named destination is looked up first; an explicit one starts with a page
 * reference or a page number.
 */
export async function pageOfDestination(
  pdf: DestinationSource,
  dest: unknown,
): Promise<number | null> {
  try {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
    if (!Array.isArray(explicit)) return null;
    const target = explicit[0];
    if (typeof target === 'number') return target;
    if (target && typeof target === 'object') return await pdf.getPageIndex(target as never);
    return null;
  } catch {
    return null;
  }
}
