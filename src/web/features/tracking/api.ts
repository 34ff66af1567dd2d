import { useMutation } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../api/client.js';
import type { TrackingStatus } from '../../api/types.js';

/** The code as printed (`K7M-4QX-9TR`), and the complainant's national ID or passport number as typed. */
export type TrackingQuery = { code: string } & ({ nationalId: string } | { passportNumber: string });

/**
 * GET /api/public/tracking?code=&nationalId= (or &passportNumber=) — no sign-in; a look-up is an action, so
 * a mutation.
 */
export function useTrackingLookup() {
  return useMutation({
    mutationFn: (query: TrackingQuery) =>
      apiRequest<TrackingStatus>(`/api/public/tracking${queryString({ ...query })}`),
  });
}
