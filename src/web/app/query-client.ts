import { MutationCache, onlineManager, QueryCache, QueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../domain/auth.schema.js';
import { ApiError } from '../api/client.js';
import { connection, type Connection } from '../api/connection.js';
import { sessionClock } from '../api/session-clock.js';
import { sessionKey } from '../features/auth/api.js';

/**
 * The query client follows whether the node answers: while it does not, queries and mutations wait (no
 * error screen), and when it is back every query on screen refetches and every waiting mutation goes on
 * (TanStack Query's `onlineManager`, told by `connection` instead of the browser's online flag alone).
 */
export function followConnection(node: Connection = connection): void {
  onlineManager.setEventListener((setOnline) => {
    const onBrowserOnline = () => void node.tryNow();
    const onBrowserOffline = () => node.reportUnreachable();
    window.addEventListener('online', onBrowserOnline);
    window.addEventListener('offline', onBrowserOffline);
    const unsubscribe = node.subscribe(() => setOnline(node.getSnapshot().reachable));
    return () => {
      unsubscribe();
      window.removeEventListener('online', onBrowserOnline);
      window.removeEventListener('offline', onBrowserOffline);
    };
  });
}

const SESSION_GONE = new Set(['auth.unauthenticated', 'auth.session_expired']);

/**
 * The app's QueryClient: client errors (4xx) are not retried, and a refusal for want of a session (outside the
 * session query) means it ended. For a user on screen the screen stays — forms as typed — and a dialog asks for
 * the password (`SessionKeeper`); with nobody signed in, the sign-in page comes.
 */
export function createQueryClient(): QueryClient {
  followConnection();
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== sessionKey[0]) sessionEndedBy(error);
      },
    }),
    mutationCache: new MutationCache({ onError: (error) => sessionEndedBy(error) }),
    defaultOptions: {
      queries: {
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  /** A request refused for want of a session (not a wrong password or code, which are 401 too). */
  const sessionEndedBy = (error: unknown) => {
    if (!(error instanceof ApiError && SESSION_GONE.has(error.code))) return;
    if (client.getQueryData<SessionUser | null>(sessionKey)) sessionClock.markEnded();
    else client.setQueryData(sessionKey, null);
  };
  return client;
}
