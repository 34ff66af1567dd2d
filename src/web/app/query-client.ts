import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { sessionKey } from '../features/auth/api.js';

/**
 * The app's QueryClient: client errors (4xx) are not retried, and any 401 outside the session query
 * means the session ended, so the sign-in page comes back (with the user's input elsewhere kept in memory).
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== sessionKey[0]) {
          client.setQueryData(sessionKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
