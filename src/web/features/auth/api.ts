import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client.js';
import type { SessionUser } from '../../api/types.js';
import { navigate } from '../../app/router.js';

export const sessionKey = ['auth', 'me'] as const;

/** GET /api/auth/me — the signed-in user, or null when there is no session. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }): Promise<SessionUser | null> => {
      try {
        const { user } = await apiRequest<{ user: SessionUser }>('/api/auth/me', { signal });
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

export interface Credentials {
  username: string;
  password: string;
}

/** POST /api/auth/login — on success the session cookie is set and the user is cached. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Credentials) =>
      apiRequest<{ user: SessionUser }>('/api/auth/login', { method: 'POST', body }),
    onSuccess: ({ user }) => queryClient.setQueryData(sessionKey, user),
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
