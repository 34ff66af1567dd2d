import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TrustEntry } from '../../../domain/trust.schema.js';
import { apiRequest } from '../../api/client.js';

/** One hook per call of the exchange administration API (admin role): peers, keys, trust entry, outbox. */

/** A trusted node as GET /api/peers lists it (this node is among them, with no base URL). */
export interface PeerRecord {
  nodeId: string;
  baseUrl: string | null;
  keys: { kid: string; revoked: boolean }[];
}

/** This node's trust entry; the server also writes each key's id (`kid`) next to its JWK. */
export type OwnTrustEntry = Omit<TrustEntry, 'keys'> & {
  keys: (TrustEntry['keys'][number] & { kid?: string })[];
};

/** A message waiting in the outbox for delivery. */
export interface OutboxItem {
  messageId: string;
  type: string;
  toNode: string;
  toOrg: string;
  queuedAt: string;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string;
}

const peersKey = ['admin', 'peers'] as const;

/** GET /api/peers */
export function usePeers() {
  return useQuery({
    queryKey: peersKey,
    queryFn: async ({ signal }) =>
      (await apiRequest<{ items: PeerRecord[] }>('/api/peers', { signal })).items,
  });
}

/** GET /api/exchange/trust-entry */
export function useOwnTrustEntry() {
  return useQuery({
    queryKey: ['admin', 'trust-entry'],
    queryFn: ({ signal }) => apiRequest<OwnTrustEntry>('/api/exchange/trust-entry', { signal }),
  });
}

/** POST /api/peers — trusts a node from its trust entry (its organisations join the node's list too). */
export function useAddPeer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entry: TrustEntry) =>
      apiRequest<{ keysAdded: number; organisations: number }>('/api/peers', { method: 'POST', body: entry }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: peersKey });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'organisations'] });
    },
  });
}

/** POST /api/peers/keys/:kid/revoke → 204 */
export function useRevokeKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kid: string) =>
      apiRequest<void>(`/api/peers/keys/${encodeURIComponent(kid)}/revoke`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: peersKey }),
  });
}

/** GET /api/exchange/outbox */
export function useOutbox() {
  return useQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: async ({ signal }) =>
      (await apiRequest<{ items: OutboxItem[] }>('/api/exchange/outbox', { signal })).items,
  });
}
