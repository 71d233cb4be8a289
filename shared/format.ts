/** "1 quote", "3 quotes", "1,204 notes" (grouped as `locale` groups digits). */
export function plural(count: number, one: string, many = `${one}s`, locale?: string): string {
  return `${count.toLocaleString(locale)} ${count === 1 ? one : many}`;
}

/** A stored `YYYY-MM-DD` (or ISO) date for people, in their locale; unparseable text as it is. */
export function formatPublishedDate(value: string, locale?: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const date = new Date(`${value.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat(locale).format(date);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Making a formatter is costly; an export formats a date per quote. */
function dateFormat(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? '';
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * "Author · Source · 21 September 2025", skipping what is missing. Exports pass a fixed locale,
 * so a file reads the same whichever machine wrote it.
 */
export function citationLine(
  doc: {
    author: string;
    source: string;
    publishedDate: string;
  },
  locale?: string,
): string {
  return [
    doc.author,
    doc.source,
    doc.publishedDate && formatPublishedDate(doc.publishedDate, locale),
  ]
    .filter(Boolean)
    .join(' · ');
}
