import { useQuery } from '@tanstack/react-query';
import type { Figures } from '../../../domain/figures/figures.schema.js';
import { apiRequest, queryString } from '../../api/client.js';

/** GET /api/figures?from=&to= — the figures of the actor's units (or office) over one period. */
export function useFigures(period: { from: Date; to: Date }) {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  return useQuery({
    queryKey: ['figures', from, to],
    queryFn: ({ signal }) => apiRequest<Figures>(`/api/figures${queryString({ from, to })}`, { signal }),
  });
}
