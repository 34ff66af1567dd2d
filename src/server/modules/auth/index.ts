/** The public face of `auth`: what other modules may use of it (and nothing else). */
export {
  deleteChallenges,
  findUserById,
  findUserByUsername,
  revokeUserSessions,
  setPassword,
} from './auth.repository.js';
export { tokenHash } from './auth.usecase.js';
export { deleteAccountThrottles } from './throttle.repository.js';
export { deleteTotp } from './totp.repository.js';
