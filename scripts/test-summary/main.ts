import { closingLineOf } from './summary';

/** Prints the closing line of `npm test` from the vitest report it wrote. */
process.stdout.write(`${closingLineOf('test-results/vitest.json')}\n`);
