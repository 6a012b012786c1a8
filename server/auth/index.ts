export {
  createAuth,
  SIGN_IN_FAILED,
  SIGN_IN_LINK_INVALID,
  tooManyAttempts,
  type AuthService,
  type RequestAuth,
  type SessionsEndedListener,
  type SignInOutcome,
} from './auth';
export { SESSION_COOKIE_NAME, SESSION_MAX_AGE_SECONDS } from './session-storage';
