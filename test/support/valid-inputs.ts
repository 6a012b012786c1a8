import type * as z from 'zod/mini';

import type { BookingContactSchema } from '../../shared/schemas/booking';
import type { ExpertProfileInput } from '../../shared/schemas/expert-profile';

/** Contact details every booking schema accepts, for tests that vary one field around them. */
export const VALID_CONTACT = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0958',
} satisfies z.input<typeof BookingContactSchema>;

/** An expert profile the profile schemas accept, for tests that vary one field around it. */
export const VALID_PROFILE = {
  name: 'Grace Hopper',
  category: 'Software Engineering',
  experience: 30,
  bio: 'Compilers, COBOL and teaching.',
} satisfies ExpertProfileInput;
