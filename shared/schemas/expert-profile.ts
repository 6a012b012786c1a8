import * as z from 'zod/mini';

import { TimeZoneSchema } from './availability';
import { ExpertCategorySchema } from './expert';
import { requiredText } from './fields';

/**
 * An expert's public profile as an admin writes it: the console's add and edit forms, their
 * actions and the service all parse with these schemas. The rating is not among them: it is the
 * mean of the expert's reviews (./review.ts).
 */

function numberField(label: string) {
  return z.number({
    error: (issue) =>
      issue.input === undefined ? `${label} is required.` : `${label} must be a number.`,
  });
}

export const ExpertProfileSchema = z.object({
  name: requiredText('Name', { min: 2, max: 100 }),
  category: ExpertCategorySchema,
  experience: numberField('Experience').check(
    z.int('Experience must be a whole number of years.'),
    z.gte(0, 'Experience must be 0 or more years.'),
    z.lte(70, 'Experience must be at most 70 years.'),
  ),
  bio: requiredText('Bio', { min: 10, max: 2000, lines: 'many' }),
});
export type ExpertProfileInput = z.infer<typeof ExpertProfileSchema>;

/** A new expert also needs the zone their hours will be in; later the availability editor owns it. */
export const NewExpertSchema = z.extend(ExpertProfileSchema, { timezone: TimeZoneSchema });
export type NewExpertInput = z.infer<typeof NewExpertSchema>;
