/**
 * Text reduced for comparing two pieces by their words alone: compatibility-normalised, lower
 * case, runs of white space, punctuation and symbols as one space.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}
