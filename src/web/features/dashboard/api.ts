import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest, queryString } from '../../api/client.js';
import type { CaseList } from '../../../domain/cases/case.schema.js';
import type { Order, OrderList } from '../../../domain/orders/orders.schema.js';

/** How many of the newest cases the dashboard looks at (the API's largest page). */
export const DASHBOARD_CASES = 100;

/** GET /api/cases?pageSize=100 — the station's newest cases, refreshed every minute. */
export function useRecentCases() {
  return useQuery({
    queryKey: ['cases', 'list', { q: '', pageSize: DASHBOARD_CASES }],
    queryFn: ({ signal }) =>
      apiRequest<CaseList>(`/api/cases${queryString({ pageSize: DASHBOARD_CASES })}`, { signal }),
    refetchInterval: 60_000,
  });
}

/**
 * GET /api/orders — the station's judicial orders, overdue first; null while the node has no orders
 * API yet (404), so that the dashboard can say so instead of failing.
 */
export function useStationOrders() {
  return useQuery({
    // Its own key: the tracker's `['orders', 'list']` caches the API's `{ items }`, this caches the array
    // (sharing the key crashed the tracker after the dashboard). Order steps refresh both (`['orders']`).
    queryKey: ['orders', 'dashboard'],
    queryFn: async ({ signal }): Promise<Order[] | null> => {
      try {
        return (await apiRequest<OrderList>('/api/orders', { signal })).items;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: 60_000,
  });
}
