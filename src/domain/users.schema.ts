import { z } from 'zod';
import { roleSchema } from './roles.js';
import { INVALID_TEXT, LINE_PATTERN } from './text.js';

/** A password someone chooses: 10 to 200 characters on one line. */
export const newPasswordSchema = z
  .string()
  .min(10, 'users.password_too_short')
  .max(200, 'users.password_too_long')
  .regex(LINE_PATTERN, { message: INVALID_TEXT });

export const createUserBodySchema = z.object({
  orgId: z.uuid(),
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,49}$/, 'users.invalid_username'),
  displayName: z.string().trim().min(1).max(200).regex(LINE_PATTERN, { message: INVALID_TEXT }),
  role: roleSchema,
  password: newPasswordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const userSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  isDemo: z.boolean(),
  locked: z.boolean(),
  /** Disabled by an administrator: signs in to nothing, every session ended. */
  disabled: z.boolean(),
  /** Holds a one-time password from a reset: must choose a new one at the next sign-in. */
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** PUT /api/users/:id/role — a role that fits the kind of the user's organisation (`users.role_not_for_organisation`). */
export const changeRoleBodySchema = z.object({ role: roleSchema });
export type ChangeRoleBody = z.infer<typeof changeRoleBodySchema>;

/** POST /api/users/:id/password-reset — the one-time password, shown once; only its hash is kept. */
export const oneTimePasswordSchema = z.object({ user: userSchema, oneTimePassword: z.string() });
export type OneTimePassword = z.infer<typeof oneTimePasswordSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });
export type UserList = z.infer<typeof userListSchema>;
