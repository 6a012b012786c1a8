import * as z from 'zod/mini';

import { EmailSchema } from './booking';

export const RoleSchema = z.enum(['admin', 'expert']);
export type Role = z.infer<typeof RoleSchema>;

/** Who is signed in, as routes and the socket handshake see them. */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The expert profile's id; set exactly when `role` is `expert`. */
  expertId?: string;
};

/** Long enough for any passphrase, short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * The sign-in form. The password is not trimmed: spaces may be part of it. `redirectTo` is
 * checked apart (app/utils/safe-redirect.ts), as a bad one is ignored rather than an error.
 */
export const LoginFormSchema = z.object({
  email: EmailSchema,
  password: z
    .string({ error: 'Password is required.' })
    .check(
      z.minLength(1, 'Password is required.'),
      z.maxLength(
        PASSWORD_MAX_LENGTH,
        `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`,
      ),
    ),
  redirectTo: z.optional(z.string()),
});
export type LoginForm = z.infer<typeof LoginFormSchema>;

/** "Send me a sign-in link": only the address; a link goes to it if it has an account. */
export const SignInLinkRequestSchema = z.object({ email: EmailSchema });
export type SignInLinkRequest = z.infer<typeof SignInLinkRequestSchema>;

/** The answer to a sign-in link request, whether or not the address has an account. */
export const SIGN_IN_LINK_SENT =
  'If an account uses this address, a sign-in link is on its way to it. It works once, within 15 minutes.';
