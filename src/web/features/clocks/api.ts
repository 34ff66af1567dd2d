import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnnotateBreachBody, Breach, CaseClocks } from '../../../domain/clocks/clocks.schema.js';
import { apiRequest } from '../../api/client.js';

const clocksKey = (caseId: string) => ['clocks', caseId] as const;

/** GET /api/cases/:id/clocks — the case's legal clocks and breach records; refreshed by the notification stream. */
export function useCaseClocks(caseId: string) {
  return useQuery({
    queryKey: clocksKey(caseId),
    queryFn: ({ signal }) =>
      apiRequest<CaseClocks>(`/api/cases/${encodeURIComponent(caseId)}/clocks`, { signal }),
  });
}

/** POST /api/breaches/:id/annotations — the chief's justification, appended. */
export function useAnnotateBreach(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { breachId: string; body: AnnotateBreachBody }) =>
      apiRequest<Breach>(`/api/breaches/${encodeURIComponent(input.breachId)}/annotations`, {
        method: 'POST',
        body: input.body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clocksKey(caseId) }),
  });
}
