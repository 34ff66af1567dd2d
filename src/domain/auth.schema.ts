import { z } from 'zod';
import { organisationRefSchema } from './organisations.schema.js';
import { roleSchema } from './roles.js';
import { newPasswordSchema } from './users.schema.js';
import { INVALID_TEXT, LINE_PATTERN, line } from './text.js';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(100).regex(LINE_PATTERN, { message: INVALID_TEXT }),
  password: z.string().min(1).max(200).regex(LINE_PATTERN, { message: INVALID_TEXT }),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  isDemo: z.boolean(),
  /** Signs in with a code from an authenticator app (TOTP) after the password. */
  totpEnabled: z.boolean(),
  org: organisationRefSchema,
});
/** The signed-in user as the API shows it (GET /api/auth/me, the answer to signing in) and a request's session carries it. */
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** The header on every answer to a signed-in request: when its session ends (ISO 8601; it slides). */
export const SESSION_EXPIRES_HEADER = 'x-session-expires-at';

export const sessionResponseSchema = z.object({ user: sessionUserSchema, expiresAt: z.string() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/**
 * The answer to a right password: a session, or the next step first (`totp`: a code from the user's app;
 * `enrol`: the user's role requires a second factor they have not set up). The next step's state is a
 * short-lived http-only cookie, not a session.
 */
export const loginResponseSchema = z.union([
  sessionResponseSchema,
  z.object({ next: z.enum(['totp', 'enrol', 'password']), expiresAt: z.string() }),
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/**
 * POST /api/auth/password — after signing in with a one-time password (an administrator's reset, `next:
 * 'password'`): the new password, which must differ from it (`auth.password_unchanged`).
 */
export const newPasswordBodySchema = z.object({ newPassword: newPasswordSchema });
export type NewPasswordBody = z.infer<typeof newPasswordBodySchema>;

/**
 * The second step: six digits from the authenticator app, or one of the recovery codes (told apart by
 * their form; Persian or Arabic digits are accepted as typed).
 */
export const secondFactorBodySchema = z.object({
  code: z.string().trim().min(6).max(40).regex(LINE_PATTERN, { message: INVALID_TEXT }),
});
export type SecondFactorBody = z.infer<typeof secondFactorBodySchema>;

/** What the user needs to add casebridge to an authenticator app: a QR code and the same secret as text. */
export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrDataUrl: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const confirmTotpBodySchema = secondFactorBodySchema;

/** Shown once, after the first code: the recovery codes (only their hashes are kept), and a session if signing in. */
export const totpEnrolledSchema = z.object({
  recoveryCodes: z.array(z.string()),
  session: sessionResponseSchema.optional(),
});
export type TotpEnrolled = z.infer<typeof totpEnrolledSchema>;

/** A throttled username-and-address pair, or a whole address, as the administrator sees it. */
export const signInThrottleSchema = z.object({
  scope: z.enum(['account_address', 'address']),
  /** The username for a known user, null for an address or a name that is no user. */
  username: z.string().nullable(),
  /** The key to clear the row by (the username's key as stored). */
  key: z.string(),
  address: z.string(),
  failures: z.number().int(),
  lastFailureAt: z.string(),
  blockedUntil: z.string().nullable(),
});
export type SignInThrottle = z.infer<typeof signInThrottleSchema>;

export const signInThrottleListSchema = z.object({ items: z.array(signInThrottleSchema) });
export type SignInThrottleList = z.infer<typeof signInThrottleListSchema>;

export const clearThrottleBodySchema = z.object({
  scope: z.enum(['account_address', 'address']),
  key: line(200),
  address: line(100).min(1),
});
export type ClearThrottleBody = z.infer<typeof clearThrottleBodySchema>;
