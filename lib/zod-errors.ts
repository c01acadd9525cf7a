import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';

/** The known key a misspelt one most likely meant, if any is close enough. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (!known.length) return undefined;
  const candidate = closest(key, known as string[]);
  return distance(key, candidate) <= Math.max(2, Math.floor(key.length / 3)) ? candidate : undefined;
}

/** One readable line per zod issue: `  - field.path: message`, with a suggestion for unknown keys. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], knownKeys: readonly string[] = []): string {
  return issues
    .flatMap((issue) => {
      const where = issue.path.length ? issue.path.join('.') : '(root)';
      if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
        return issue.keys.map((key) => {
          const suggestion = suggestKey(key, knownKeys);
          return `  - ${key}: unknown field.${suggestion ? ` Did you mean "${suggestion}"?` : ` Known fields: ${knownKeys.join(', ')}.`} Fix the spelling or remove it.`;
        });
      }
      const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
      return [`  - ${where}: ${missing ? `is required (a ${missing[1]}); add it to site.config.ts` : issue.message}`];
    })
    .join('\n');
}
