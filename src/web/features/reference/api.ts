import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.js';
import type { ReferenceItem } from '../../api/types.js';

/** Reference lists change rarely: cached for the whole session. */
function useReference(name: 'crime-categories' | 'provinces' | 'counties') {
  return useQuery({
    queryKey: ['reference', name],
    queryFn: ({ signal }) => apiRequest<ReferenceItem[]>(`/api/reference/${name}`, { signal }),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** GET /api/reference/crime-categories */
export const useCrimeCategories = () => useReference('crime-categories');
/** GET /api/reference/provinces */
export const useProvinces = () => useReference('provinces');
/** GET /api/reference/counties */
export const useCounties = () => useReference('counties');
