import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client.js';
import { sessionClock } from '../../api/session-clock.js';
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

/**
 * A session began (signing in, or again after one ended): its user cached, its end noted. Signing in again as
 * the same user refetches what the open screen showed; as someone else, nothing of the previous user's is kept.
 */
export function signedIn(queryClient: QueryClient, session: SessionResponse): void {
  const before = queryClient.getQueryData<SessionUser | null>(sessionKey);
  sessionClock.note(session.expiresAt);
  queryClient.setQueryData(sessionKey, session.user);
  if (!before) return;
  if (before.id === session.user.id) void queryClient.invalidateQueries();
  else {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    navigate('/');
  }
}

/**
 * GET /api/auth/me — the signed-in user, or null when there is no session. When the session of a user on
 * screen has ended, the user stays (the screen and its forms stay as they are) and the session is marked
 * ended: the app asks for the password in a dialog over it.
 */
export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }): Promise<SessionUser | null> => {
      try {
        const { user } = await apiRequest<SessionResponse>('/api/auth/me', { signal });
        return user;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) throw error;
        const before = queryClient.getQueryData<SessionUser | null>(sessionKey);
        if (before) sessionClock.markEnded();
        return before ?? null;
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
      if ('user' in answer) signedIn(queryClient, answer);
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
      if ('user' in answer) signedIn(queryClient, answer);
    },
  });
}

/** POST /api/auth/second-factor — a code from the authenticator app or a recovery code; then signed in. */
export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest<SessionResponse>('/api/auth/second-factor', { method: 'POST', body: { code } }),
    onSuccess: (session) => signedIn(queryClient, session),
  });
}

/** POST /api/auth/session/extend — the session lasts a whole lifetime from now (offered before it ends). */
export function useExtendSession() {
  return useMutation({
    mutationFn: () => apiRequest<SessionResponse>('/api/auth/session/extend', { method: 'POST' }),
    onSuccess: (session) => sessionClock.note(session.expiresAt),
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
      sessionClock.forget();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      // The next person to sign in starts at their own home, not on the previous user's screen.
      navigate('/');
    },
  });
}
