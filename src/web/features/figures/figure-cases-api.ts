import { useInfiniteQuery } from '@tanstack/react-query';
import type { FigureCasesPage, FigureMeasure } from '../../../domain/figures/figure-cases.schema.js';
import { apiRequest, queryString } from '../../api/client.js';

/** What a drill-down asks for: one figure (its measure) over the figures' period, of one unit or all. */
export interface FigureCasesRequest {
  measure: FigureMeasure;
  unit: string | null;
  period: { from: Date; to: Date };
}

/** GET /api/figures/cases — the list behind one figure, page after page (keyset `next`). */
export function useFigureCases(request: FigureCasesRequest | null) {
  const from = request?.period.from.toISOString() ?? '';
  const to = request?.period.to.toISOString() ?? '';
  return useInfiniteQuery({
    queryKey: ['figures', 'cases', request?.measure, request?.unit, from, to],
    enabled: request !== null,
    initialPageParam: null as string | null,
    getNextPageParam: (last: FigureCasesPage) => last.next,
    queryFn: ({ signal, pageParam }) =>
      apiRequest<FigureCasesPage>(
        `/api/figures/cases${queryString({
          from,
          to,
          measure: request?.measure,
          unit: request?.unit ?? undefined,
          cursor: pageParam ?? undefined,
        })}`,
        { signal },
      ),
  });
}
