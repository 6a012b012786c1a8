/**
 * Why a listed slot cannot be booked. A slot the rules do not offer is simply not listed. Kept
 * apart from the availability schema so the expert page's bundle does not carry that schema.
 */
export const UNAVAILABLE_REASONS = ['booked', 'day_full', 'too_soon', 'past'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];
