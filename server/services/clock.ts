/**
 * What time it is, handed to every service that reads the time, so tests run on a fixed clock
 * and the e2e app on `E2E_NOW`.
 */
export type Clock = () => Date;
