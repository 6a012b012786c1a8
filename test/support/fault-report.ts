import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPORT = fileURLToPath(new URL('../../test-results/fault-counts.jsonl', import.meta.url));

/**
 * Prints what a fault test counted (bookings answered 201, found afterwards, other answers) and
 * appends it to test-results/fault-counts.jsonl, for the figures a change's note quotes.
 */
export function reportFaultCounts(test: string, counts: Record<string, unknown>): void {
  const line = JSON.stringify({ test, at: new Date().toISOString(), ...counts });
  process.stdout.write(`${line}\n`);
  fs.mkdirSync(fileURLToPath(new URL('.', `file://${REPORT}`)), { recursive: true });
  fs.appendFileSync(REPORT, `${line}\n`);
}
