/**
 * Performance marks the reader sets while it opens a PDF, which the PDF bench reads to say
 * where an opening's time went: the file's bytes in hand, then pdf.js done opening them.
 */
export const PDF_OPEN_MARKS = {
  bytes: 'marginalia:pdf-bytes',
  opened: 'marginalia:pdf-opened',
} as const;
