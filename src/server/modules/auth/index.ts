export { deleteChallenges, findUserById, findUserByUsername } from './auth.repository.js';
export { deleteTotp } from './totp.repository.js';
