import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * The issue to tell a person about: for a value that fits none of a union's shapes (a highlight's
 * target is text or an area), the first problem of the shape it was meant to have (the branch
 * with the fewest issues), with its full path, instead of zod's bare "Invalid input".
 */
export function firstIssue(error: z.ZodError): Issue | undefined {
  let issue: Issue | undefined = error.issues[0];
  while (issue && issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length > 0) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
    const inner = closest[0];
    if (!inner) break;
    issue = { ...inner, path: [...issue.path, ...inner.path] } as Issue;
  }
  return issue;
}
