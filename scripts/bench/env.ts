/** A whole number of at least 1 from the environment, or the fallback when unset or empty. */
export function positiveInteger(
  name: string,
  fallback: number,
  env: Record<string, string | undefined> = process.env,
): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a whole number`);
  return parsed;
}
