export {
  createAuth,
  SIGN_IN_FAILED,
  tooManyAttempts,
  type AuthService,
  type RequestAuth,
  type SignInOutcome,
} from './auth';
export { SESSION_COOKIE_NAME, SESSION_MAX_AGE_SECONDS } from './session-storage';
