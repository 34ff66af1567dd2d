import { z } from 'zod';
import { roleSchema } from './roles.js';
import { INVALID_TEXT, LINE_PATTERN } from './text.js';

export const createUserBodySchema = z.object({
  orgId: z.uuid(),
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,49}$/, 'users.invalid_username'),
  displayName: z.string().trim().min(1).max(200).regex(LINE_PATTERN, { message: INVALID_TEXT }),
  role: roleSchema,
  password: z
    .string()
    .min(10, 'users.password_too_short')
    .max(200)
    .regex(LINE_PATTERN, { message: INVALID_TEXT }),
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
  totpEnabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });
export type UserList = z.infer<typeof userListSchema>;
