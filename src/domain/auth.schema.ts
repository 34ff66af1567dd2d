import { z } from 'zod';
import { roleSchema } from './roles.js';
import { INVALID_TEXT, LINE_PATTERN } from './text.js';

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
  org: z.object({
    id: z.string(),
    code: z.string(),
    kind: z.string(),
    nameFa: z.string(),
    nameEn: z.string(),
  }),
});

export const sessionResponseSchema = z.object({ user: sessionUserSchema, expiresAt: z.string() });
