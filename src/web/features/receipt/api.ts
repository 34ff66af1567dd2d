import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.js';
import type { Receipt } from '../../../domain/cases/case.schema.js';

/** GET /api/cases/:id/receipt — the complainant's receipt (complaint cases only). */
export function useCaseReceipt(caseId: string) {
  return useQuery({
    queryKey: ['cases', 'receipt', caseId],
    queryFn: ({ signal }) =>
      apiRequest<Receipt>(`/api/cases/${encodeURIComponent(caseId)}/receipt`, { signal }),
    staleTime: Infinity,
  });
}
