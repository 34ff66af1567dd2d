import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignEscortBody,
  CancelEscortBody,
  Escort,
  EscortList,
  HandOverEscortBody,
  RequestEscortBody,
} from '../../../domain/escorts/escorts.schema.js';
import { apiRequest, queryString } from '../../api/client.js';

/** One hook per call of the escorts API. Every step refreshes the lists, the case's timeline and messages. */

const escortPath = (escortId: string) => `/api/escorts/${encodeURIComponent(escortId)}`;

/** GET /api/escorts[?caseId=] — the organisation's escorts (those to do first, soonest first). */
export function useEscortList(caseId?: string) {
  return useQuery({
    queryKey: ['escorts', 'list', caseId ?? null],
    queryFn: ({ signal }) => apiRequest<EscortList>(`/api/escorts${queryString({ caseId })}`, { signal }),
    refetchInterval: 60_000,
  });
}

function useEscortStep<V>(call: (vars: V) => Promise<Escort>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['escorts'] });
      // The step sent a message on the case's thread and, at the station, joined the case's timeline.
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** POST /api/cases/:id/escorts — the station asks for an escort. */
export const useRequestEscort = () =>
  useEscortStep(({ caseId, body }: { caseId: string; body: RequestEscortBody }) =>
    apiRequest<Escort>(`/api/cases/${encodeURIComponent(caseId)}/escorts`, { method: 'POST', body }),
  );

/** POST /api/escorts/:escortId/assign */
export const useAssignEscort = () =>
  useEscortStep(({ escortId, body }: { escortId: string; body: AssignEscortBody }) =>
    apiRequest<Escort>(`${escortPath(escortId)}/assign`, { method: 'POST', body }),
  );

/** POST /api/escorts/:escortId/hand-over */
export const useHandOverEscort = () =>
  useEscortStep(({ escortId, body }: { escortId: string; body: HandOverEscortBody }) =>
    apiRequest<Escort>(`${escortPath(escortId)}/hand-over`, { method: 'POST', body }),
  );

/** POST /api/escorts/:escortId/cancel */
export const useCancelEscort = () =>
  useEscortStep(({ escortId, body }: { escortId: string; body: CancelEscortBody }) =>
    apiRequest<Escort>(`${escortPath(escortId)}/cancel`, { method: 'POST', body }),
  );
