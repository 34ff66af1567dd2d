import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Outbox } from '../../../domain/outbox.schema.js';
import type { AddPeerResult, OwnTrustEntry, PeerList, TrustEntry } from '../../../domain/trust.schema.js';
import { apiRequest } from '../../api/client.js';

/** One hook per call of the exchange administration API (admin role): peers, keys, trust entry, outbox. */

const peersKey = ['admin', 'peers'] as const;

/** GET /api/peers */
export function usePeers() {
  return useQuery({
    queryKey: peersKey,
    queryFn: async ({ signal }) => (await apiRequest<PeerList>('/api/peers', { signal })).items,
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
      apiRequest<AddPeerResult>('/api/peers', { method: 'POST', body: entry }),
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
    queryFn: async ({ signal }) => (await apiRequest<Outbox>('/api/exchange/outbox', { signal })).items,
  });
}
