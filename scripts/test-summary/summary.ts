import { readFileSync } from 'node:fs';

import { z } from 'zod';

/** The counts of vitest's JSON report that the closing line needs. */
const VitestReportSchema = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
});

/**
 * `tests: N passed, N failed, N skipped`: one plain line any CI can read, whatever runner
 * printed above it.
 */
export function closingLine(report: unknown): string {
  const counts = VitestReportSchema.parse(report);
  const skipped = counts.numPendingTests + counts.numTodoTests;
  return `tests: ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${skipped} skipped`;
}

export function closingLineOf(path: string): string {
  return closingLine(JSON.parse(readFileSync(path, 'utf8')));
}
