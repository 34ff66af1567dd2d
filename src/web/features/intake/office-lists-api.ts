import { useQuery } from '@tanstack/react-query';
import type { OfficeLists } from '../../../domain/intake/office-lists.schema.js';
import { apiRequest } from '../../api/client.js';

/** GET /api/office-lists — the clerk's own office's active branches and دادیاران, to choose from. */
export function useOwnOfficeLists(enabled = true) {
  return useQuery({
    queryKey: ['office-lists', 'own'],
    queryFn: ({ signal }) => apiRequest<OfficeLists>('/api/office-lists', { signal }),
    enabled,
    staleTime: 60_000,
  });
}
