import { useQuery } from '@tanstack/react-query';
import type { County, ReferenceItem } from '../../../domain/reference.schema.js';
import { apiRequest } from '../../api/client.js';

/** Reference lists change rarely: cached for the whole session. */
function useReference<T extends ReferenceItem>(name: 'crime-categories' | 'provinces' | 'counties') {
  return useQuery({
    queryKey: ['reference', name],
    queryFn: ({ signal }) => apiRequest<T[]>(`/api/reference/${name}`, { signal }),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** GET /api/reference/crime-categories */
export const useCrimeCategories = () => useReference<ReferenceItem>('crime-categories');
/** GET /api/reference/provinces */
export const useProvinces = () => useReference<ReferenceItem>('provinces');
/** GET /api/reference/counties */
export const useCounties = () => useReference<County>('counties');
