import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client.js';
import type {
  LoginBody,
  LoginResponse,
  SessionResponse,
  SessionUser,
  TotpEnrolled,
  TotpEnrolment,
} from '../../../domain/auth.schema.js';
import { navigate } from '../../app/router.js';

export const sessionKey = ['auth', 'me'] as const;

/** GET /api/auth/me — the signed-in user, or null when there is no session. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }): Promise<SessionUser | null> => {
      try {
        const { user } = await apiRequest<SessionResponse>('/api/auth/me', { signal });
        return user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/**
 * POST /api/auth/login — with a session, the cookie is set and the user is cached; with a next step, the
 * server keeps a short-lived pending sign-in (its own http-only cookie) for the second step.
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => apiRequest<LoginResponse>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (answer) => {
      if ('user' in answer) queryClient.setQueryData(sessionKey, answer.user);
    },
  });
}

/**
 * POST /api/auth/password — after a one-time password (an administrator's reset): the new password; then
 * signed in, or the second factor still to come.
 */
export function useNewPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (newPassword: string) =>
      apiRequest<LoginResponse>('/api/auth/password', { method: 'POST', body: { newPassword } }),
    onSuccess: (answer) => {
      if ('user' in answer) queryClient.setQueryData(sessionKey, answer.user);
    },
  });
}

/** POST /api/auth/second-factor — a code from the authenticator app or a recovery code; then signed in. */
export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest<SessionResponse>('/api/auth/second-factor', { method: 'POST', body: { code } }),
    onSuccess: ({ user }) => queryClient.setQueryData(sessionKey, user),
  });
}

/** POST /api/auth/totp/enrolment — a new secret and its QR code (signed in, or a sign-in that must enrol). */
export function useStartTotpEnrolment() {
  return useMutation({
    mutationFn: () => apiRequest<TotpEnrolment>('/api/auth/totp/enrolment', { method: 'POST' }),
  });
}

/**
 * POST /api/auth/totp/enrolment/confirm — the first code turns TOTP on; the recovery codes come back once.
 * The signed-in user (or the new session's) is cached only when `onDone` of the page is called, so that the
 * codes stay on screen until the user has kept them.
 */
export function useConfirmTotpEnrolment() {
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest<TotpEnrolled>('/api/auth/totp/enrolment/confirm', { method: 'POST', body: { code } }),
  });
}

/** POST /api/auth/logout — forgets every cached answer, since they belonged to the user. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // The session query is kept (and set to null) rather than cleared: `clear()` would detach the
      // mounted session observer from the cache, and the signed-in shell would stay on screen.
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      // The next person to sign in starts at their own home, not on the previous user's screen.
      navigate('/');
    },
  });
}
